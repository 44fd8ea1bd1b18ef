import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { tykStatusSchema, tykUserListSchema, tykUserSchema } from '@/lib/compat/tyk/schemas';
import { api, apiAt, baseUrl, signInForToken } from '../support/api';
import { useServerDatabase } from '../support/database';
import { remainingRows } from '../support/deletion-fixtures';
import { TEST_ADMIN } from '../support/server';

/**
 * Issue 14, Tyk Dashboard (seed 002) under /compat/tyk, written from the document: every call
 * in its order, with the raw `authorization: <access key>` header its samples send; bad
 * inputs; what the dialect writes read back through /api/v1 and the reverse; the access rules
 * per route (a plain user, a tenant admin); 404/405 in Tyk's shape.
 */

const PASSWORD = 'tyk dialect password 14';
const tag = `tyk${Date.now().toString(36)}`;
let env: Awaited<ReturnType<typeof useServerDatabase>>;
let adminToken = '';
let adminKey = '';
let adminId = '';
let serial = 0;

type Call = { method?: string; key?: string | null; json?: unknown; headers?: Record<string, string>; body?: string };

/** A Tyk call as the samples make it: `authorization: <key>`, no scheme. */
async function tyk(path: string, { method = 'GET', key = adminKey, json, headers = {}, body }: Call = {}) {
  const sent: Record<string, string> = { ...headers };
  if (key !== null) sent.authorization ??= key;
  if (json !== undefined) sent['content-type'] ??= 'application/json';
  // Through apiAt, so every answer is held to the OpenAPI document too.
  return apiAt(baseUrl(), `/compat/tyk${path}`, { method, headers: sent, body: json !== undefined ? JSON.stringify(json) : body });
}

/** Tyk's error envelope, with a 4xx and never a password hash or a stack. */
function expectTykError(response: Awaited<ReturnType<typeof tyk>>, status: number, mentions?: string) {
  expect(response.status, response.text).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(response.body).toEqual({ Status: 'Error', Message: expect.any(String), Meta: null });
  if (mentions) expect(response.body.Message).toContain(mentions);
  expect(response.text).not.toMatch(/\$argon2|\$scrypt|at .*\.js:\d+/);
}

async function asAdmin(method: string, path: string, json?: unknown) {
  const response = await api(path, { method, token: adminToken, json });
  expect(response.status, `${method} ${path}: ${response.text}`).toBeLessThan(300);
  return response.body;
}

async function newUser(extra: Record<string, unknown> = {}): Promise<{ id: string; email: string; token: string; key: string }> {
  serial += 1;
  const email = `${tag}-${serial}@example.com`;
  const { user } = (await asAdmin('POST', '/api/v1/users', { email, password: PASSWORD, ...extra })) as { user: { id: string } };
  const token = await signInForToken(email, PASSWORD);
  const key = (await api('/api/v1/me/access-key', { token })).body.accessKey as string;
  return { id: user.id, email, token, key };
}

const meWith = async (key: string) => (await api('/api/v1/me', { token: key })).status;

async function auditCount(actor: string, action: string, target: string): Promise<number> {
  const { auditEvents } = env.schema;
  return (await env.db.select().from(auditEvents).where(and(eq(auditEvents.actor, actor), eq(auditEvents.action, action), eq(auditEvents.target, target)))).length;
}

/** The deletion job of a user, polled through /api/v1 until it ends: its final status, and its error if any. */
async function awaitDeletion(userId: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last: { status: string; error: string | null } | undefined;
  while (Date.now() < deadline) {
    const { items } = (await asAdmin('GET', '/api/v1/deletions')) as { items: { userId: string; status: string; error: string | null }[] };
    last = items.find((job) => job.userId === userId);
    if (last && ['completed', 'failed', 'cancelled'].includes(last.status)) return last.error ? `${last.status}: ${last.error}` : last.status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`The deletion of ${userId} did not finish: ${JSON.stringify(last)}`);
}

beforeAll(async () => {
  env = await useServerDatabase();
  adminToken = await signInForToken(TEST_ADMIN.email, TEST_ADMIN.password);
  const me = await api('/api/v1/me', { token: adminToken });
  adminId = me.body.id;
  adminKey = (await api('/api/v1/me/access-key', { token: adminToken })).body.accessKey;
});

describe('Tyk Dashboard users, every documented call in order', () => {
  it('lists, reads, adds, sets the password, updates, resets the key and deletes, as the document prints', async () => {
    // List users: {users, pages}; the admin is the oldest user, so on page 1.
    const list = await tyk('/api/users');
    expect(list.status, list.text).toBe(200);
    tykUserListSchema.parse(list.body);
    const me = list.body.users.find((user: { id: string }) => user.id === adminId);
    expect(me).toMatchObject({ api_model: {}, email_address: TEST_ADMIN.email, password: '', org_id: '', active: true, access_key: adminKey });

    // Add user: the sample's body, sent with POST as the table says.
    const email = `${tag}-jason@jasonsonson.com`;
    const added = await tyk('/api/users', { method: 'POST', json: { first_name: 'Jason', last_name: 'Jasonson', email_address: email, active: true } });
    expect(added.status, added.text).toBe(200);
    expect(added.body).toEqual({ Status: 'OK', Message: 'User created', Meta: '' });
    tykStatusSchema.parse(added.body);
    const location = added.headers.get('location')!;
    expect(location).toMatch(/^\/compat\/tyk\/api\/users\/usr_/);
    const id = location.split('/').at(-1)!;

    // Get user: no password hash, a key, enabled, no tenant.
    const read = await tyk(`/api/users/${id}`);
    expect(read.status, read.text).toBe(200);
    tykUserSchema.parse(read.body);
    expect(read.body).toEqual({ api_model: {}, first_name: 'Jason', last_name: 'Jasonson', email_address: email, password: '', org_id: '', active: true, id, access_key: expect.stringMatching(/^gk_/) });
    // Created without a usable password: nobody can sign in until it is set.
    expect((await api('/api/v1/auth/token', { method: 'POST', json: { email, password: PASSWORD } })).status).toBeGreaterThanOrEqual(400);
    expect((await asAdmin('GET', `/api/v1/users/${id}`)).status).toBe('pending');

    // Set user password; the user then signs in with it.
    const reset = await tyk(`/api/users/${id}/actions/reset`, { method: 'POST', json: { new_password: PASSWORD } });
    expect(reset.status, reset.text).toBe(200);
    expect(reset.body).toEqual({ Status: 'OK', Message: 'User password updated', Meta: '' });
    const token = await signInForToken(email, PASSWORD);
    expect((await api('/api/v1/me', { token })).body.id).toBe(id);

    // Their access key, as an admin reads it, is theirs and works, on Tyk's door and on /api/v1.
    const key = (await tyk(`/api/users/${id}`)).body.access_key as string;
    expect(key).toBe((await api('/api/v1/me/access-key', { token })).body.accessKey);
    expect(await meWith(key)).toBe(200);
    expect((await tyk(`/api/users/${id}`, { key })).status).toBe(403);

    // Update user: the fields sent change, the others stay; the answer is the user object.
    const updated = await tyk(`/api/users/${id}`, { method: 'PUT', json: { last_name: 'Jasonsonson' } });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.body).toEqual({ ...read.body, last_name: 'Jasonsonson', access_key: key });
    expect(await asAdmin('GET', `/api/v1/users/${id}`)).toMatchObject({ firstName: 'Jason', lastName: 'Jasonsonson', status: 'active' });

    // Reset the key (Tyk's newer call): the old one is refused at once, the new one (in Meta) works.
    const rotated = await tyk(`/api/users/${id}/actions/key/reset`, { method: 'PUT' });
    expect(rotated.status, rotated.text).toBe(200);
    expect(rotated.body).toEqual({ Status: 'OK', Message: 'User API key reset', Meta: expect.stringMatching(/^gk_/) });
    const fresh = rotated.body.Meta as string;
    expect(fresh).not.toBe(key);
    expect(await meWith(key)).toBe(401);
    expect(await meWith(fresh)).toBe(200);
    expect((await tyk(`/api/users/${id}`)).body.access_key).toBe(fresh);

    // Delete user: the real deletion job; token and key stop at once, everything goes.
    const deleted = await tyk(`/api/users/${id}`, { method: 'DELETE' });
    expect(deleted.status, deleted.text).toBe(200);
    expect(deleted.body).toEqual({ Status: 'OK', Message: 'User deleted', Meta: '' });
    expect(await meWith(token)).toBe(401);
    expect(await meWith(fresh)).toBe(401);
    expect((await tyk('/api/users', { key: fresh })).status).toBe(401);
    expect(await awaitDeletion(id)).toBe('completed');
    expect(Object.values(await remainingRows(env, id)).every((count) => count === 0)).toBe(true);
    expectTykError(await tyk(`/api/users/${id}`), 404);
    expectTykError(await tyk(`/api/users/${id}`, { method: 'DELETE' }), 404);
    expect((await api(`/api/v1/users/${id}`, { token: adminToken })).status).toBe(404);
  });

  it('the path printed `/api/users/{user-id}}` reaches the same user, stray brace and all', async () => {
    const user = await newUser();
    const braced = await tyk(`/api/users/${user.id}%7D`);
    expect(braced.status, braced.text).toBe(200);
    expect(braced.body.id).toBe(user.id);
  });

  it('pages ten users with `p` from 1; without `p` the first page; `pages` counts them all', async () => {
    for (let i = 0; i < 11; i++) await asAdmin('POST', '/api/v1/users', { email: `${tag}-page-${i}@example.com`, sendInvite: false });
    const total = ((await asAdmin('GET', '/api/v1/users/count')) as { count: number }).count;
    const first = await tyk('/api/users?p=1');
    expect(first.status).toBe(200);
    expect(first.body.pages).toBe(Math.ceil(total / 10));
    expect(first.body.users).toHaveLength(10);
    expect((await tyk('/api/users')).body).toEqual(first.body);
    const seen: string[] = [];
    for (let p = 1; p <= first.body.pages; p++) {
      const page = await tyk(`/api/users?p=${p}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.users.map((user: { id: string }) => user.id));
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect((await tyk(`/api/users?p=${first.body.pages + 1}`)).body).toEqual({ users: [], pages: first.body.pages });
    expect(JSON.stringify(first.body)).not.toMatch(/\$argon2|\$scrypt|passwordHash/);
  });

  it('records each key a list shows in the audit trail, never the key itself', async () => {
    const before = await auditCount(adminId, 'access-key.shown', adminId);
    await tyk('/api/users?p=1');
    expect(await auditCount(adminId, 'access-key.shown', adminId)).toBe(before + 1);
    expect(JSON.stringify(await env.db.select().from(env.schema.auditEvents))).not.toContain(adminKey);
  });
});

describe('Tyk passwords', () => {
  it('Gatehouse’s password policy rules, not Tyk’s minimum of 6: the sample password is too short', async () => {
    const user = await newUser();
    const weak = await tyk(`/api/users/${user.id}/actions/reset`, { method: 'POST', json: { new_password: 'test123456' } });
    expectTykError(weak, 400, 'new_password');
    expect(await meWith(user.key)).toBe(200);
  });

  it('takes the newer {current_password, new_password} for one’s own password: the key in use keeps working', async () => {
    const user = await newUser();
    const next = 'a newer tyk password 15';
    const wrong = await tyk(`/api/users/${user.id}/actions/reset`, { method: 'POST', key: user.key, json: { current_password: 'not it at all', new_password: next } });
    expectTykError(wrong, 400, 'current_password');
    const changed = await tyk(`/api/users/${user.id}/actions/reset`, { method: 'POST', key: user.key, json: { current_password: PASSWORD, new_password: next } });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toEqual({ Status: 'OK', Message: 'User password updated', Meta: '' });
    expect(await meWith(user.key)).toBe(200);
    expect(await meWith(user.token)).toBe(401);
    expect(await signInForToken(user.email, next)).toMatch(/^gh_/);
    // Without current_password, one's own password is not set by a plain user.
    expectTykError(await tyk(`/api/users/${user.id}/actions/reset`, { method: 'POST', key: user.key, json: { new_password: 'yet another password 16' } }), 400, 'current_password');
  });

  it('an admin setting a password ends the user’s tokens and key', async () => {
    const user = await newUser();
    const set = await tyk(`/api/users/${user.id}/actions/reset`, { method: 'POST', json: { new_password: 'set by the admin 17', current_password: 'ignored for others' } });
    expect(set.status, set.text).toBe(200);
    expect(await meWith(user.key)).toBe(401);
    expect(await meWith(user.token)).toBe(401);
    expect(await signInForToken(user.email, 'set by the admin 17')).toMatch(/^gh_/);
  });
});

describe('Tyk bad inputs', () => {
  it('answers missing fields, wrong types and unknown fields with 400 naming the field', async () => {
    expectTykError(await tyk('/api/users', { method: 'POST', json: { first_name: 'No', last_name: 'Email' } }), 400, 'email_address');
    expectTykError(await tyk('/api/users', { method: 'POST', json: { email_address: 'not an email' } }), 400, 'email_address');
    expectTykError(await tyk('/api/users', { method: 'POST', json: { email_address: `${tag}-t@example.com`, active: 'yes' } }), 400, 'active');
    expectTykError(await tyk('/api/users', { method: 'POST', json: { email_address: `${tag}-u@example.com`, user_permissions: {} } }), 400, 'user_permissions');
    expectTykError(await tyk('/api/users', { method: 'POST', body: '{"email_address":', headers: { 'content-type': 'application/json' } }), 400);
    expectTykError(await tyk('/api/users', { method: 'POST', body: 'email_address=x', headers: { 'content-type': 'text/plain' } }), 415);
    const user = await newUser();
    expectTykError(await tyk(`/api/users/${user.id}/actions/reset`, { method: 'POST', json: {} }), 400, 'new_password');
    expectTykError(await tyk(`/api/users/${user.id}/actions/reset`, { method: 'POST', json: { new_password: 12345678901234 } }), 400, 'new_password');
    expectTykError(await tyk(`/api/users/${user.id}`, { method: 'PUT', json: { first_name: 7 } }), 400, 'first_name');
    expectTykError(await tyk(`/api/users/${user.id}`, { method: 'PUT', json: { password: 'sneaky new password 1' } }), 400, 'actions/reset');
    expectTykError(await tyk(`/api/users/${user.id}`, { method: 'PUT', json: { id: 'usr_someone_else' } }), 400, 'id');
    expectTykError(await tyk(`/api/users/${user.id}`, { method: 'PUT', json: { org_id: 'ten_elsewhere' } }), 400, 'org_id');
    expectTykError(await tyk('/api/users?p=0'), 400, 'p');
    expectTykError(await tyk('/api/users?p=two'), 400, 'p');
    expectTykError(await tyk('/api/users?page=2'), 400, 'page');
  });

  it('a taken email is a 409', async () => {
    const user = await newUser();
    expectTykError(await tyk('/api/users', { method: 'POST', json: { email_address: user.email.toUpperCase() } }), 409, 'email');
  });

  it('answers an unknown id with 404 on every user call', async () => {
    const missing = '/api/users/usr_doesnotexist';
    expectTykError(await tyk(missing), 404);
    expectTykError(await tyk(missing, { method: 'PUT', json: { first_name: 'x' } }), 404);
    expectTykError(await tyk(missing, { method: 'DELETE' }), 404);
    expectTykError(await tyk(`${missing}/actions/reset`, { method: 'POST', json: { new_password: 'a fine long password 18' } }), 404);
    expectTykError(await tyk(`${missing}/actions/key/reset`, { method: 'PUT' }), 404);
  });

  it('needs a key: none or a wrong one is a 401; the `Bearer` form and an API token work too', async () => {
    expectTykError(await tyk('/api/users', { key: null }), 401);
    expectTykError(await tyk('/api/users', { method: 'POST', key: null, json: { email_address: `${tag}-anon@example.com` } }), 401);
    expectTykError(await tyk('/api/users', { key: '7a7b140f-2480-4d5a-4e78-24049e3ba7f8' }), 401);
    expectTykError(await tyk('/api/users', { key: `${adminKey}x` }), 401);
    expect((await tyk('/api/users', { key: `Bearer ${adminKey}` })).status).toBe(200);
    expect((await tyk('/api/users', { key: adminToken })).status).toBe(200);
    // The browser's session cookie is no credential here.
    expectTykError(await tyk('/api/users', { key: null, headers: { cookie: 'authjs.session-token=whatever' } }), 401);
  });

  it('answers unknown paths with 404 and wrong methods with 405 and Allow, in Tyk’s shape', async () => {
    expectTykError(await tyk('/api/nothing'), 404);
    expectTykError(await tyk('/api/users/usr_x/actions/other', { method: 'POST' }), 404);
    const patch = await tyk('/api/users/usr_x', { method: 'PATCH', json: {} });
    expectTykError(patch, 405);
    expect(patch.headers.get('allow')).toBe('GET, PUT, DELETE, HEAD, OPTIONS');
    // The samples' GET for add and set-password is not served: the tables say POST.
    const getReset = await tyk('/api/users/usr_x/actions/reset');
    expectTykError(getReset, 405);
    expect(getReset.headers.get('allow')).toBe('POST, OPTIONS');
    expect((await tyk('/api/users/usr_x/actions/key/reset', { method: 'POST' })).headers.get('allow')).toBe('PUT, OPTIONS');
  });
});

describe('Tyk and /api/v1 read each other’s writes', () => {
  it('what Tyk writes reads back the same through /api/v1', async () => {
    const tenant = (await asAdmin('POST', '/api/v1/tenants', { slug: `${tag}-x`, name: 'X' })) as { id: string };
    const email = `${tag}-cross@example.com`;
    const added = await tyk('/api/users', { method: 'POST', json: { email_address: email, first_name: 'Cross', last_name: '', org_id: tenant.id, active: false, password: PASSWORD } });
    expect(added.status, added.text).toBe(200);
    const id = added.headers.get('location')!.split('/').at(-1)!;
    const v1 = await asAdmin('GET', `/api/v1/users/${id}`);
    expect(v1).toMatchObject({ email, firstName: 'Cross', lastName: null, status: 'suspended', tenants: [{ id: tenant.id, role: 'user' }] });
    expect((await tyk(`/api/users/${id}`)).body).toMatchObject({ org_id: tenant.id, active: false, last_name: '' });

    const enabled = await tyk(`/api/users/${id}`, { method: 'PUT', json: { active: true, email_address: `${tag}-cross2@example.com`, first_name: 'Crossed' } });
    expect(enabled.status, enabled.text).toBe(200);
    expect(await asAdmin('GET', `/api/v1/users/${id}`)).toMatchObject({ email: `${tag}-cross2@example.com`, firstName: 'Crossed', status: 'active' });
    const token = await signInForToken(`${tag}-cross2@example.com`, PASSWORD);
    const key = (await api('/api/v1/me/access-key', { token })).body.accessKey;
    expect(enabled.body.access_key).toBe(key);

    // A round trip of the object read, as Tyk clients send it back, changes only what was edited.
    const roundTrip = await tyk(`/api/users/${id}`, { method: 'PUT', json: { ...enabled.body, last_name: 'Trip', active: false } });
    expect(roundTrip.status, roundTrip.text).toBe(200);
    expect(await asAdmin('GET', `/api/v1/users/${id}`)).toMatchObject({ lastName: 'Trip', status: 'suspended' });
    expect(await meWith(key)).toBe(401);
  });

  it('what /api/v1 writes reads back the same through Tyk', async () => {
    const user = await newUser({ firstName: 'Via', lastName: 'Ve-one' });
    await asAdmin('PATCH', `/api/v1/users/${user.id}`, { firstName: 'Changed', status: 'locked' });
    const read = await tyk(`/api/users/${user.id}`);
    expect(read.body).toMatchObject({ first_name: 'Changed', last_name: 'Ve-one', email_address: user.email, active: false });
    await asAdmin('PATCH', `/api/v1/users/${user.id}`, { status: 'active' });
    const shown = (await asAdmin('GET', `/api/v1/users/${user.id}/access-key`)) as { accessKey: string };
    expect((await tyk(`/api/users/${user.id}`)).body).toMatchObject({ active: true, access_key: shown.accessKey });
    // A deletion through /api/v1 shows in Tyk: disabled and keyless at once, then gone.
    await asAdmin('DELETE', `/api/v1/users/${user.id}`);
    const deleting = await tyk(`/api/users/${user.id}`);
    if (deleting.status === 200) expect(deleting.body).toMatchObject({ active: false, access_key: '' });
    expect(await awaitDeletion(user.id)).toBe('completed');
    expectTykError(await tyk(`/api/users/${user.id}`), 404);
  });
});

describe('the access rules on every Tyk route', () => {
  it('refuses a plain user’s key on every admin call', async () => {
    const plain = await newUser();
    const other = await newUser();
    expectTykError(await tyk('/api/users', { key: plain.key }), 403);
    expectTykError(await tyk(`/api/users/${other.id}`, { key: plain.key }), 403);
    expectTykError(await tyk(`/api/users/${plain.id}`, { key: plain.key }), 403);
    expectTykError(await tyk('/api/users', { method: 'POST', key: plain.key, json: { email_address: `${tag}-byplain@example.com` } }), 403);
    expectTykError(await tyk(`/api/users/${other.id}`, { method: 'PUT', key: plain.key, json: { first_name: 'x' } }), 403);
    expectTykError(await tyk(`/api/users/${other.id}`, { method: 'DELETE', key: plain.key }), 403);
    expectTykError(await tyk(`/api/users/${other.id}/actions/reset`, { method: 'POST', key: plain.key, json: { new_password: 'a fine long password 19' } }), 403);
    expectTykError(await tyk(`/api/users/${other.id}/actions/key/reset`, { method: 'PUT', key: plain.key }), 403);
    expect(await meWith(other.key)).toBe(200);
    // Their own key they may reset, and keep working with the new one.
    const own = await tyk(`/api/users/${plain.id}/actions/key/reset`, { method: 'PUT', key: plain.key });
    expect(own.status, own.text).toBe(200);
    expect(await meWith(plain.key)).toBe(401);
    expect(await meWith(own.body.Meta)).toBe(200);
  });

  it('a tenant admin reaches their tenants’ users only, and sees no key of users they do not control', async () => {
    // B sorts before A by name: a shared member's org_id must still be A for A's admin.
    const tenantA = (await asAdmin('POST', '/api/v1/tenants', { slug: `${tag}-a`, name: 'Zeta' })) as { id: string };
    const tenantB = (await asAdmin('POST', '/api/v1/tenants', { slug: `${tag}-b`, name: 'Alpha' })) as { id: string };
    const boss = await newUser({ tenant: `${tag}-a` });
    await asAdmin('PUT', `/api/v1/tenants/${tenantA.id}/users/${boss.id}`, { role: 'admin' });
    const member = await newUser({ tenant: `${tag}-a` });
    const shared = await newUser({ tenant: `${tag}-a` });
    await asAdmin('PUT', `/api/v1/tenants/${tenantB.id}/users/${shared.id}`, { role: 'user' });
    const outsider = await newUser({ tenant: `${tag}-b` });
    const as = (path: string, call: Call = {}) => tyk(path, { key: boss.key, ...call });

    // List: only tenant A's members, keys of those the boss controls.
    const ids: string[] = [];
    const listed: Record<string, { access_key: string; org_id: string }> = {};
    const first = await as('/api/users');
    expect(first.status, first.text).toBe(200);
    for (let p = 1; p <= first.body.pages; p++) {
      for (const user of (p === 1 ? first : await as(`/api/users?p=${p}`)).body.users) {
        ids.push(user.id);
        listed[user.id] = user;
      }
    }
    expect(ids.sort()).toEqual([boss.id, member.id, shared.id].sort());
    expect(listed[member.id]).toMatchObject({ access_key: member.key, org_id: tenantA.id });
    expect(listed[shared.id]).toMatchObject({ access_key: '', org_id: tenantA.id });
    expect(await auditCount(boss.id, 'access-key.shown', shared.id)).toBe(0);
    expect(await auditCount(boss.id, 'access-key.shown', member.id)).toBe(1);
    // A system admin sees the shared member's first tenant by name, B, and their key.
    expect((await tyk(`/api/users/${shared.id}`)).body).toMatchObject({ org_id: tenantB.id, access_key: shared.key });

    // Read.
    expect((await as(`/api/users/${member.id}`)).body.access_key).toBe(member.key);
    expect((await as(`/api/users/${shared.id}`)).body).toMatchObject({ id: shared.id, access_key: '' });
    expectTykError(await as(`/api/users/${outsider.id}`), 404);

    // Update.
    expect((await as(`/api/users/${member.id}`, { method: 'PUT', json: { first_name: 'Managed' } })).body.first_name).toBe('Managed');
    expectTykError(await as(`/api/users/${shared.id}`, { method: 'PUT', json: { first_name: 'Nope' } }), 403);
    expectTykError(await as(`/api/users/${outsider.id}`, { method: 'PUT', json: { first_name: 'Nope' } }), 404);

    // Key reset.
    const rotated = await as(`/api/users/${member.id}/actions/key/reset`, { method: 'PUT' });
    expect(rotated.status, rotated.text).toBe(200);
    expect(await meWith(member.key)).toBe(401);
    expectTykError(await as(`/api/users/${shared.id}/actions/key/reset`, { method: 'PUT' }), 403);
    expectTykError(await as(`/api/users/${outsider.id}/actions/key/reset`, { method: 'PUT' }), 404);
    expect(await meWith(shared.key)).toBe(200);

    // Set password and delete are a system admin's, as on /api/v1.
    expectTykError(await as(`/api/users/${member.id}/actions/reset`, { method: 'POST', json: { new_password: 'a fine long password 20' } }), 403);
    expectTykError(await as(`/api/users/${member.id}`, { method: 'DELETE' }), 403);

    // Add: into their tenant (the only one they run, so org_id may be left out), never another.
    const added = await as('/api/users', { method: 'POST', json: { email_address: `${tag}-byboss@example.com`, first_name: 'New' } });
    expect(added.status, added.text).toBe(200);
    const newId = added.headers.get('location')!.split('/').at(-1)!;
    expect((await as(`/api/users/${newId}`)).body).toMatchObject({ org_id: tenantA.id, first_name: 'New' });
    expectTykError(await as('/api/users', { method: 'POST', json: { email_address: `${tag}-intob@example.com`, org_id: tenantB.id } }), 404, 'org_id');
  });
});
