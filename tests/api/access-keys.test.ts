import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, signInForToken } from '../support/api';
import { useServerDatabase } from '../support/database';
import { cancelHeldDeletions, holdDeletion } from '../support/held-deletion';
import { TEST_ADMIN } from '../support/server';
import { gatehouse } from '../support/typed-client';

/**
 * Issue 14, access keys: every user has one long-lived key that they and the admins who
 * control their account may read again, that works as a bearer credential, and that ends
 * exactly when tokens end (rotation, suspension, deletion, a password change by an admin).
 */

const PASSWORD = 'access key password 14';
const tag = `ak${Date.now().toString(36)}`;
let adminToken = '';
let env: Awaited<ReturnType<typeof useServerDatabase>>;
let serial = 0;

// For the routes the typed client does not know yet (tenants).
async function asAdmin(method: string, path: string, json?: unknown) {
  const response = await api(path, { method, token: adminToken, json });
  expect(response.status, `${method} ${path}: ${response.text}`).toBeLessThan(300);
  return response.body;
}

const admin = () => gatehouse({ token: adminToken });

/** A typed call's data, after checking it succeeded. */
function succeeded<T>(result: { data?: T; error?: unknown; response: Response }): T {
  expect(result.response.status, `${result.response.url}: ${JSON.stringify(result.error)}`).toBeLessThan(300);
  return result.data as T;
}

async function newUser(extra: { tenant?: string; scope?: string[] } = {}): Promise<{ id: string; email: string; token: string }> {
  serial += 1;
  const email = `${tag}-${serial}@example.com`;
  const created = succeeded(await admin().POST('/api/v1/users', { body: { email, password: PASSWORD, ...extra } }));
  // An admin's create answers 201 with the user; 202 is an anonymous sign-up's answer.
  if (!('user' in created)) throw new Error(`Expected the created user: ${JSON.stringify(created)}`);
  return { id: created.user.id, email, token: await signInForToken(email, PASSWORD) };
}

async function ownKey(token: string): Promise<string> {
  const { data, error, response } = await gatehouse({ token }).GET('/api/v1/me/access-key');
  expect(response.status, JSON.stringify(error)).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  return data!.accessKey;
}

const meWith = async (key: string) => (await gatehouse({ token: key }).GET('/api/v1/me')).response.status;
const userPath = (id: string) => ({ params: { path: { id } } });

beforeAll(async () => {
  env = await useServerDatabase();
  adminToken = await signInForToken(TEST_ADMIN.email, TEST_ADMIN.password);
});

describe('access keys', () => {
  it('each user has one key, shown again on every read, that works as a bearer credential', async () => {
    const user = await newUser();
    const key = await ownKey(user.token);
    expect(key).toMatch(/^gk_[\w-]{32}$/);
    expect(await ownKey(user.token)).toBe(key);
    const me = await gatehouse({ token: key }).GET('/api/v1/me');
    expect(me.response.status).toBe(200);
    expect(me.data!.id).toBe(user.id);
    // An admin reads the same key.
    expect(succeeded(await admin().GET('/api/v1/users/{id}/access-key', userPath(user.id))).accessKey).toBe(key);
  });

  it('is stored encrypted and found by a keyed hash, never in clear, and never written to the audit trail', async () => {
    const user = await newUser();
    const key = await ownKey(user.token);
    const { accessTokens, auditEvents } = env.schema;
    const rows = (await env.db.select().from(accessTokens).where(eq(accessTokens.userId, user.id))).filter((row) => row.kind === 'access-key');
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows[0]);
    expect(stored).not.toContain(key);
    expect(stored).not.toContain(key.slice(3));
    // Not a plain hash that anyone holding the database could check a guessed key against.
    expect(rows[0].tokenHash).not.toBe(createHash('sha256').update(key).digest('hex'));
    const audit = JSON.stringify(await env.db.select().from(auditEvents));
    expect(audit).toContain('access-key.shown');
    expect(audit).not.toContain(key);
  });

  it('rotating replaces the key: the old one is refused at once, the new one works', async () => {
    const user = await newUser();
    const old = await ownKey(user.token);
    const rotated = await gatehouse({ token: user.token }).POST('/api/v1/me/access-key/rotate');
    expect(rotated.response.status).toBe(200);
    const fresh = rotated.data!.accessKey;
    expect(fresh).not.toBe(old);
    expect(await meWith(old)).toBe(401);
    expect(await meWith(fresh)).toBe(200);
    expect(await ownKey(user.token)).toBe(fresh);

    const byAdmin = succeeded(await admin().POST('/api/v1/users/{id}/access-key/rotate', userPath(user.id)));
    expect(await meWith(fresh)).toBe(401);
    expect(await meWith(byAdmin.accessKey)).toBe(200);
  });

  it('suspension ends the key; after reactivation the old key stays dead and a new one is shown', async () => {
    const user = await newUser();
    const key = await ownKey(user.token);
    succeeded(await admin().PATCH('/api/v1/users/{id}', { ...userPath(user.id), body: { status: 'suspended' } }));
    expect(await meWith(key)).toBe(401);
    succeeded(await admin().PATCH('/api/v1/users/{id}', { ...userPath(user.id), body: { status: 'active' } }));
    expect(await meWith(key)).toBe(401);
    const shown = succeeded(await admin().GET('/api/v1/users/{id}/access-key', userPath(user.id)));
    expect(shown.accessKey).not.toBe(key);
    expect(await meWith(shown.accessKey)).toBe(200);
  });

  it('a password set by an admin, and a deletion, end the key', async () => {
    const user = await newUser();
    const key = await ownKey(user.token);
    succeeded(await admin().POST('/api/v1/users/{id}/password', { ...userPath(user.id), body: { password: 'a brand new password 15' } }));
    expect(await meWith(key)).toBe(401);

    const doomed = await newUser();
    const doomedKey = await ownKey(doomed.token);
    succeeded(await admin().DELETE('/api/v1/users/{id}', userPath(doomed.id)));
    expect(await meWith(doomedKey)).toBe(401);
  });

  it('a user being deleted has no key to show or rotate', async () => {
    const user = await newUser();
    const key = await ownKey(user.token);
    await holdDeletion(env, user.id);
    expect(await meWith(key)).toBe(401);
    expect((await admin().GET('/api/v1/users/{id}/access-key', userPath(user.id))).response.status).toBe(409);
    expect((await admin().POST('/api/v1/users/{id}/access-key/rotate', userPath(user.id))).response.status).toBe(409);
    await cancelHeldDeletions(adminToken);
  });

  it('a tenant admin reads the keys of their own members only, never a system admin’s or a shared member’s', async () => {
    const tenantA = (await asAdmin('POST', '/api/v1/tenants', { slug: `${tag}-a`, name: 'A' })) as { id: string };
    const tenantB = (await asAdmin('POST', '/api/v1/tenants', { slug: `${tag}-b`, name: 'B' })) as { id: string };
    const tenantAdmin = await newUser({ tenant: `${tag}-a` });
    await asAdmin('PUT', `/api/v1/tenants/${tenantA.id}/users/${tenantAdmin.id}`, { role: 'admin' });
    const own = await newUser({ tenant: `${tag}-a` });
    const shared = await newUser({ tenant: `${tag}-a` });
    await asAdmin('PUT', `/api/v1/tenants/${tenantB.id}/users/${shared.id}`, { role: 'user' });
    const outsider = await newUser({ tenant: `${tag}-b` });

    const read = async (id: string) => (await gatehouse({ token: tenantAdmin.token }).GET('/api/v1/users/{id}/access-key', userPath(id))).response.status;
    const ownRead = await gatehouse({ token: tenantAdmin.token }).GET('/api/v1/users/{id}/access-key', userPath(own.id));
    expect(ownRead.response.status).toBe(200);
    expect(ownRead.data!.accessKey).toBe(await ownKey(own.token));
    expect(await read(shared.id)).toBe(403);
    expect(await read(outsider.id)).toBe(404);
    // A system admin who is also a member of the tenant stays out of reach.
    const systemAdmin = await newUser({ tenant: `${tag}-a`, scope: ['admin'] });
    expect(await read(systemAdmin.id)).toBe(403);
    expect((await gatehouse({ token: tenantAdmin.token }).POST('/api/v1/users/{id}/access-key/rotate', userPath(shared.id))).response.status).toBe(403);

    // A plain user reads only their own.
    expect((await gatehouse({ token: outsider.token }).GET('/api/v1/users/{id}/access-key', userPath(own.id))).response.status).toBe(403);
  });
});
