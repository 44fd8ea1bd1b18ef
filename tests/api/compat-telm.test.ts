import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAt, type ApiInit } from '../support/api';
import { startServer, TEST_ADMIN, type RunningServer } from '../support/server';
import { linkIn, startSmtpSink, type SmtpSink } from '../support/smtp-sink';

/**
 * telm.ai's user-management API under /compat/telm, written from its document
 * (../shared/seeds/003_*.txt) and issue 14's choices: a client's calls in the document's order,
 * its bad inputs, the access rules, and cross-checks with /api/v1. A server of its own that
 * mails over real SMTP, so invitations and reset links can be read.
 */

const tag = `telm${Date.now().toString(36)}`;
const PASSWORD = 'telm dialect password 1';
const NEW_PASSWORD = 'telm dialect password 2';
const ROOT = '/compat/telm/api/auth/auth';

let sink: SmtpSink;
let server: RunningServer;
let admin = '';

type TelmInit = Omit<ApiInit, 'token'> & { token?: string; header?: 'authentication' | 'authorization' };

/** A telm.ai client's call: `Authentication: Bearer <token>` and the document's `Content-type: application/json`, unless told otherwise. */
function telm(path: string, init: TelmInit = {}) {
  const { token, header = 'authentication', ...rest } = init;
  const headers: Record<string, string> = { 'content-type': 'application/json', ...rest.headers };
  if (token) headers[header] = `Bearer ${token}`;
  return apiAt(server.url, `${ROOT}${path}`, { ...rest, headers });
}
const v1 = (path: string, init: ApiInit = {}) => apiAt(server.url, path, { token: admin, ...init });
const q = (fields: Record<string, string>) => `?${new URLSearchParams(fields)}`;

async function v1Must(method: string, path: string, json?: unknown) {
  const response = await v1(path, { method, json });
  if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${response.text}`);
  return response.body;
}

let serial = 0;
const newEmail = (label: string) => `${tag}-${label}-${(serial += 1)}@example.com`;

/** A user made through /api/v1, with a password, member of the given tenants (slug -> role). */
async function v1User(label: string, tenants: Record<string, 'admin' | 'user'> = {}, extra: Record<string, unknown> = {}) {
  const email = newEmail(label);
  const { user } = await v1Must('POST', '/api/v1/users', { email, password: PASSWORD, ...extra });
  for (const [slug, role] of Object.entries(tenants)) await v1Must('PUT', `/api/v1/tenants/${slug}/users/${user.id}`, { role });
  return { id: user.id as string, email };
}

async function telmToken(username: string, password = PASSWORD): Promise<string> {
  const response = await telm(`/token${q({ grant_type: 'password', username, password })}`, { method: 'POST' });
  expect(response.status, response.text).toBe(200);
  return response.body.access_token;
}

function mailSince(mark: number, to: string, subject: RegExp) {
  return sink.waitForMail((mail) => sink.mails.indexOf(mail) >= mark && mail.to.includes(to) && subject.test(mail.subject));
}

/** What a telm.ai client reads from an error: JSON `{message}` and nothing else. */
function expectMessage(response: Awaited<ReturnType<typeof telm>>, status: number, message?: RegExp) {
  expect(response.status, response.text).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(Object.keys(response.body)).toEqual(['message']);
  if (message) expect(response.body.message).toMatch(message);
}

const acme = `${tag}-acme`;
const globex = `${tag}-globex`;
const initech = `${tag}-initech`;
let tenantAdmin: { id: string; email: string; token: string };
let plainMember: { id: string; email: string; token: string };
let globexOnly: { id: string; email: string };

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startServer({ env: { SMTP_URL: sink.url } });
  const signedIn = await apiAt(server.url, '/api/v1/auth/token', { method: 'POST', json: { email: TEST_ADMIN.email, password: TEST_ADMIN.password } });
  admin = signedIn.body.token;
  for (const slug of [acme, globex, initech]) await v1Must('POST', '/api/v1/tenants', { slug, name: slug });
  const ta = await v1User('tenant-admin', { [acme]: 'admin', [initech]: 'admin' }, { firstName: 'Tina', lastName: 'Admin' });
  const pm = await v1User('member', { [acme]: 'user' }, { firstName: 'Paul', lastName: 'Member' });
  globexOnly = await v1User('globex', { [globex]: 'user' });
  tenantAdmin = { ...ta, token: await telmToken(ta.email) };
  plainMember = { ...pm, token: await telmToken(pm.email) };
});

afterAll(async () => {
  await server?.stop();
  await sink?.stop();
});

describe('the token call (telm.ai authentication API)', () => {
  it('trades grant_type=password, username and password in the query for {access_token, expires}', async () => {
    const response = await telm(`/token${q({ grant_type: 'password', username: tenantAdmin.email, password: PASSWORD })}`, { method: 'POST' });
    expect(response.status, response.text).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['access_token', 'expires']);
    // `expires`: seconds from now; the default token lifetime is days.
    expect(response.body.expires).toBeGreaterThan(3600);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const token = response.body.access_token;
    expect((await telm(`/${acme}/users`, { token })).status).toBe(200);
    expect((await telm(`/${acme}/users`, { token, header: 'authorization' })).status).toBe(200);
    // The same token is a Gatehouse token.
    expect((await apiAt(server.url, '/api/v1/me', { token })).body.email).toBe(tenantAdmin.email);
  });

  it('takes the fields as a form body too, or split between the query and the body', async () => {
    const form = await telm('/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username: tenantAdmin.email.toUpperCase(), password: PASSWORD }).toString(),
    });
    expect(form.status, form.text).toBe(200);
    expect(typeof form.body.access_token).toBe('string');
    const split = await telm(`/token${q({ grant_type: 'password' })}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: tenantAdmin.email, password: PASSWORD }).toString(),
    });
    expect(split.status, split.text).toBe(200);
  });

  it('refuses a wrong password, a missing field and another grant type', async () => {
    expectMessage(await telm(`/token${q({ grant_type: 'password', username: tenantAdmin.email, password: 'not the password' })}`, { method: 'POST' }), 401, /username or password is wrong/);
    expectMessage(await telm(`/token${q({ grant_type: 'password', username: 'nobody@example.com', password: 'not the password' })}`, { method: 'POST' }), 401, /username or password is wrong/);
    expectMessage(await telm(`/token${q({ grant_type: 'password', username: tenantAdmin.email })}`, { method: 'POST' }), 400, /password/);
    expectMessage(await telm(`/token${q({ grant_type: 'client_credentials', username: tenantAdmin.email, password: PASSWORD })}`, { method: 'POST' }), 400, /grant_type/);
    expectMessage(await telm(`/token${q({ grant_type: 'password', username: tenantAdmin.email, password: PASSWORD, color: 'blue' })}`, { method: 'POST' }), 400, /color/);
  });
});

describe("a tenant admin's client, call by call as the document orders them", () => {
  const created = { email: '', id: '' };
  const invited = { email: '', id: '' };

  it('lists the users of the tenant with their role there', async () => {
    const response = await telm(`/${acme}/users`, { token: tenantAdmin.token });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toEqual(
      expect.arrayContaining([
        { email: tenantAdmin.email, first_name: 'Tina', id: tenantAdmin.id, last_name: 'Admin', role: 'admin' },
        { email: plainMember.email, first_name: 'Paul', id: plainMember.id, last_name: 'Member', role: 'user' },
      ]),
    );
    expect(response.body).toHaveLength(2);
  });

  it("reads a user's details by email, whatever its case", async () => {
    const response = await telm(`/${acme}/users/${plainMember.email.toUpperCase()}`, { token: tenantAdmin.token });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toEqual({ email: plainMember.email, first_name: 'Paul', id: plainMember.id, last_name: 'Member', role: 'user' });
    const encoded = await telm(`/${acme}/users/${encodeURIComponent(plainMember.email)}`, { token: tenantAdmin.token });
    expect(encoded.body.id).toBe(plainMember.id);
  });

  it('creates a user with a password, who reads back the same through /api/v1 and signs in', async () => {
    created.email = newEmail('created');
    const response = await telm(`/${acme}/users${q({ password: PASSWORD, last_name: 'Lovelace', first_name: 'Ada', email: created.email, role: 'user' })}`, { method: 'POST', token: tenantAdmin.token });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toEqual({ message: 'User was added successfully' });

    const read = await telm(`/${acme}/users/${created.email}`, { token: tenantAdmin.token });
    expect(read.body).toMatchObject({ email: created.email, first_name: 'Ada', last_name: 'Lovelace', role: 'user' });
    created.id = read.body.id;
    const canonical = await v1(`/api/v1/users/${created.id}`);
    expect(canonical.body).toMatchObject({ email: created.email, firstName: 'Ada', lastName: 'Lovelace', status: 'active' });
    expect(canonical.body.tenants).toEqual([{ id: expect.any(String), slug: acme, name: acme, role: 'user' }]);
    expect(await telmToken(created.email)).toEqual(expect.any(String));
  });

  it('creates a user without a password as an admin of the tenant: invited by mail, pending until they choose one', async () => {
    invited.email = newEmail('invited');
    const mark = sink.mails.length;
    const response = await telm(`/${acme}/users${q({ last_name: 'Hopper', first_name: 'Grace', email: invited.email, role: 'admin' })}`, { method: 'POST', token: tenantAdmin.token });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toEqual({ message: 'User was added successfully' });
    const mail = await mailSince(mark, invited.email, /invited/);
    expect(mail.text).toContain('Grace');

    const read = await telm(`/${acme}/users/${invited.email}`, { token: tenantAdmin.token });
    expect(read.body).toMatchObject({ email: invited.email, first_name: 'Grace', last_name: 'Hopper', role: 'admin' });
    invited.id = read.body.id;
    const canonical = await v1(`/api/v1/users/${invited.id}`);
    expect(canonical.body.status).toBe('pending');
    expect(canonical.body.tenants.map((t: { slug: string; role: string }) => [t.slug, t.role])).toEqual([[acme, 'admin']]);

    const accepted = await apiAt(server.url, '/api/v1/invitations/accept', { method: 'POST', json: { code: linkIn(mail, '/accept-invite').searchParams.get('code'), password: PASSWORD } });
    expect(accepted.status, accepted.text).toBe(200);
    expect(await telmToken(invited.email)).toEqual(expect.any(String));
  });

  it('updates the names and the tenant role', async () => {
    const response = await telm(`/${acme}/user/${created.email}${q({ last_name: 'King', role: 'admin', first_name: 'Augusta' })}`, { method: 'PUT', token: tenantAdmin.token });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toEqual({ message: 'User was updated successfully' });
    expect((await telm(`/${acme}/users/${created.email}`, { token: tenantAdmin.token })).body).toEqual({ email: created.email, first_name: 'Augusta', id: created.id, last_name: 'King', role: 'admin' });
    const canonical = await v1(`/api/v1/users/${created.id}`);
    expect(canonical.body).toMatchObject({ firstName: 'Augusta', lastName: 'King' });
    expect(canonical.body.tenants[0].role).toBe('admin');

    const back = await telm(`/${acme}/user/${created.email}${q({ last_name: 'King', role: 'user', first_name: 'Augusta' })}`, { method: 'PUT', token: tenantAdmin.token });
    expect(back.status, back.text).toBe(200);
    expect((await telm(`/${acme}/users/${created.email}`, { token: tenantAdmin.token })).body.role).toBe('user');
  });

  it('assigns the user to another tenant of theirs, then changes the role there', async () => {
    const assigned = await telm(`/${initech}/users/${created.email}/assign`, { method: 'PUT', token: tenantAdmin.token, json: { role: 'user' } });
    expect(assigned.status, assigned.text).toBe(200);
    expect(assigned.body).toEqual({ message: 'User was assigned to the tenant successfully' });
    const changed = await telm(`/${initech}/users/${created.email}/assign`, { method: 'PUT', token: tenantAdmin.token, json: { role: 'admin' } });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toEqual({ message: 'User role in the tenant was updated successfully' });
    const members = await v1(`/api/v1/tenants/${initech}/users`);
    expect(members.body.items.find((m: { id: string }) => m.id === created.id)?.tenantRole).toBe('admin');
    expect((await telm(`/${initech}/users/${created.email}`, { token: tenantAdmin.token })).body.role).toBe('admin');
  });

  it('lets the user change their own password with old-password and new-password', async () => {
    const own = await telmToken(created.email);
    const mark = sink.mails.length;
    const response = await telm(`/${acme}/user/${created.email}/password${q({ 'old-password': PASSWORD, 'new-password': NEW_PASSWORD })}`, { method: 'PUT', token: own });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toEqual({ message: 'User was updated successfully' });
    await mailSince(mark, created.email, /password was changed/);
    // The token used keeps working; the old password no longer does.
    expect((await apiAt(server.url, '/api/v1/me', { token: own })).status).toBe(200);
    expect((await telm(`/token${q({ grant_type: 'password', username: created.email, password: PASSWORD })}`, { method: 'POST' })).status).toBe(401);
    expect(await telmToken(created.email, NEW_PASSWORD)).toEqual(expect.any(String));
  });

  it('mails a reset link (DELETE .../password), from a tenant admin and from a system admin', async () => {
    let mark = sink.mails.length;
    const fromTenantAdmin = await telm(`/${acme}/user/${created.email}/password`, { method: 'DELETE', token: tenantAdmin.token });
    expect(fromTenantAdmin.status, fromTenantAdmin.text).toBe(200);
    expect(fromTenantAdmin.body).toEqual({ message: 'A password reset email is on its way to the user' });
    const mail = await mailSince(mark, created.email, /Reset your/);
    expect(linkIn(mail, '/reset-password').searchParams.get('code')).toBeTruthy();

    mark = sink.mails.length;
    const fromAdmin = await telm(`/${acme}/user/${invited.email}/password`, { method: 'DELETE', token: admin });
    expect(fromAdmin.status, fromAdmin.text).toBe(200);
    expect(fromAdmin.body).toEqual({ message: 'A password reset email was sent to the user' });
    await mailSince(mark, invited.email, /Reset your/);
  });

  it('deletes the user from the tenant: gone from its list and reads, the account stays for /api/v1', async () => {
    const response = await telm(`/${acme}/users/${invited.email}`, { method: 'DELETE', token: tenantAdmin.token });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toEqual({ message: 'User was removed from the tenant successfully' });
    expectMessage(await telm(`/${acme}/users/${invited.email}`, { token: tenantAdmin.token }), 404, new RegExp(`no user ${invited.email}`));
    expect((await telm(`/${acme}/users`, { token: tenantAdmin.token })).body.map((u: { email: string }) => u.email)).not.toContain(invited.email);
    expectMessage(await telm(`/${acme}/users/${invited.email}`, { method: 'DELETE', token: tenantAdmin.token }), 404);
    const canonical = await v1(`/api/v1/users/${invited.id}`);
    expect(canonical.status).toBe(200);
    expect(canonical.body.tenants).toEqual([]);
  });
});

describe('bad input answers 4xx with {message} naming the field', () => {
  const create = (fields: Record<string, string>, token = tenantAdmin.token) => telm(`/${acme}/users${q(fields)}`, { method: 'POST', token });
  const valid = () => ({ last_name: 'Doe', first_name: 'Jane', email: newEmail('bad'), role: 'user' });

  it('create: a missing or empty required field, an unknown role, a malformed email, a weak password, a taken email, an unknown parameter', async () => {
    const { last_name: _lastName, ...noLastName } = valid();
    expectMessage(await create(noLastName), 400, /last_name/);
    expectMessage(await create({ ...valid(), first_name: '' }), 400, /first_name/);
    expectMessage(await create({ ...valid(), role: 'owner' }), 400, /role must be one of "admin", "user"/);
    expectMessage(await create({ ...valid(), email: 'not-an-email' }), 400, /email/);
    expectMessage(await create({ ...valid(), password: 'short' }), 400, /password/);
    expectMessage(await create({ ...valid(), email: plainMember.email.toUpperCase() }), 409, /already has this email/);
    expectMessage(await create({ ...valid(), colour: 'blue' }), 400, /colour/);
    const unknownTenant = await telm(`/${tag}-nowhere/users${q(valid())}`, { method: 'POST', token: admin });
    expectMessage(unknownTenant, 404, /no tenant/);
  });

  it('update: role is mandatory, even when unchanged', async () => {
    expectMessage(await telm(`/${acme}/user/${plainMember.email}${q({ last_name: 'Member', first_name: 'Paul' })}`, { method: 'PUT', token: tenantAdmin.token }), 400, /role/);
    expectMessage(await telm(`/${acme}/user/${plainMember.email}${q({ last_name: 'Member', first_name: 'Paul', role: 'root' })}`, { method: 'PUT', token: tenantAdmin.token }), 400, /role/);
    expectMessage(await telm(`/${acme}/user/nobody-${tag}@example.com${q({ last_name: 'X', first_name: 'Y', role: 'user' })}`, { method: 'PUT', token: tenantAdmin.token }), 404, /no user/);
  });

  it('assign: role of the wrong type, an unknown role, no body, malformed JSON, an unknown email', async () => {
    const assign = (init: TelmInit) => telm(`/${acme}/users/${plainMember.email}/assign`, { method: 'PUT', token: tenantAdmin.token, ...init });
    expectMessage(await assign({ json: { role: 7 } }), 400, /role/);
    expectMessage(await assign({ json: { role: 'owner' } }), 400, /role/);
    expectMessage(await assign({ json: {} }), 400, /role/);
    expectMessage(await assign({ body: '{"role":' }), 400, /JSON/);
    expectMessage(await telm(`/${acme}/users/nobody-${tag}@example.com/assign`, { method: 'PUT', token: tenantAdmin.token, json: { role: 'user' } }), 404, /no user/);
    expect((await telm(`/${acme}/users/${plainMember.email}`, { token: tenantAdmin.token })).body.role).toBe('user');
  });

  it('password: a wrong old-password, a missing or weak new-password', async () => {
    const path = `/${acme}/user/${plainMember.email}/password`;
    expectMessage(await telm(`${path}${q({ 'old-password': 'not my password', 'new-password': NEW_PASSWORD })}`, { method: 'PUT', token: plainMember.token }), 400, /old-password: The current password is not right/);
    expectMessage(await telm(`${path}${q({ 'old-password': PASSWORD })}`, { method: 'PUT', token: plainMember.token }), 400, /new-password/);
    expectMessage(await telm(`${path}${q({ 'old-password': PASSWORD, 'new-password': 'short' })}`, { method: 'PUT', token: plainMember.token }), 400, /new-password/);
    expect(await telmToken(plainMember.email)).toEqual(expect.any(String));
  });

  it('an unknown email or tenant reads as 404', async () => {
    expectMessage(await telm(`/${acme}/users/nobody-${tag}@example.com`, { token: tenantAdmin.token }), 404, /no user/);
    expectMessage(await telm(`/${tag}-nowhere/users`, { token: admin }), 404, /no tenant/);
    expectMessage(await telm(`/${acme}/user/nobody-${tag}@example.com/password`, { method: 'DELETE', token: tenantAdmin.token }), 404, /no user/);
  });

  it('no credential, a wrong one in either header, or another scheme: 401', async () => {
    expectMessage(await telm(`/${acme}/users`), 401, /Authentication: Bearer/);
    expectMessage(await telm(`/${acme}/users`, { token: 'gh_not-a-real-token' }), 401, /invalid, expired or revoked/);
    expectMessage(await telm(`/${acme}/users`, { token: 'gh_not-a-real-token', header: 'authorization' }), 401, /invalid, expired or revoked/);
    expectMessage(await telm(`/${acme}/users`, { headers: { authentication: `Basic ${tenantAdmin.token}` } }), 401);
    expectMessage(await telm(`/${acme}/users${q({ last_name: 'X', first_name: 'Y', email: newEmail('anon'), role: 'user' })}`, { method: 'POST' }), 401);
  });
});

describe('who may call what', () => {
  const member = () => plainMember.email;
  const calls = (tenant: string, email: string): [string, string, TelmInit][] => [
    ['GET', `/${tenant}/users`, {}],
    ['GET', `/${tenant}/users/${email}`, {}],
    ['POST', `/${tenant}/users${q({ last_name: 'X', first_name: 'Y', email: newEmail('acl'), role: 'user' })}`, {}],
    ['PUT', `/${tenant}/user/${email}${q({ last_name: 'X', first_name: 'Y', role: 'user' })}`, {}],
    ['PUT', `/${tenant}/users/${email}/assign`, { json: { role: 'admin' } }],
    ['DELETE', `/${tenant}/user/${email}/password`, {}],
    ['DELETE', `/${tenant}/users/${email}`, {}],
  ];

  it('a plain member of the tenant is refused every admin call (403), and nothing changes', async () => {
    for (const [method, path, init] of calls(acme, member())) {
      expectMessage(await telm(path, { method, token: plainMember.token, ...init }), 403, /admin/);
    }
    expect((await telm(`/${acme}/users/${member()}`, { token: tenantAdmin.token })).body).toEqual({ email: member(), first_name: 'Paul', id: plainMember.id, last_name: 'Member', role: 'user' });
  });

  it("a tenant admin reaches only their tenants: another tenant and its users answer 404, as unknown ones", async () => {
    for (const [method, path, init] of calls(globex, globexOnly.email)) {
      expectMessage(await telm(path, { method, token: tenantAdmin.token, ...init }), 404, /no tenant/);
    }
    // Through their own tenant, another tenant's user is not there, and cannot be pulled in.
    expectMessage(await telm(`/${acme}/users/${globexOnly.email}`, { token: tenantAdmin.token }), 404, /no user/);
    expectMessage(await telm(`/${acme}/users/${globexOnly.email}/assign`, { method: 'PUT', token: tenantAdmin.token, json: { role: 'user' } }), 404, new RegExp(`no user ${globexOnly.email}\\.$`));
    expect((await v1(`/api/v1/users/${globexOnly.id}`)).body.tenants.map((t: { slug: string }) => t.slug)).toEqual([globex]);
  });

  it("a tenant admin changes the role but not the names of a user who also belongs to another tenant, and may remove them from theirs", async () => {
    const shared = await v1User('shared', { [acme]: 'user', [globex]: 'user' }, { firstName: 'Sam', lastName: 'Shared' });
    expectMessage(
      await telm(`/${acme}/user/${shared.email}${q({ last_name: 'Taken', first_name: 'Over', role: 'user' })}`, { method: 'PUT', token: tenantAdmin.token }),
      403,
      /tenant you do not administer/,
    );
    expect((await v1(`/api/v1/users/${shared.id}`)).body).toMatchObject({ firstName: 'Sam', lastName: 'Shared' });
    const roleOnly = await telm(`/${acme}/user/${shared.email}${q({ last_name: 'Shared', first_name: 'Sam', role: 'admin' })}`, { method: 'PUT', token: tenantAdmin.token });
    expect(roleOnly.status, roleOnly.text).toBe(200);
    expect((await telm(`/${acme}/users/${shared.email}`, { token: tenantAdmin.token })).body.role).toBe('admin');
    expect((await telm(`/${acme}/users/${shared.email}`, { method: 'DELETE', token: tenantAdmin.token })).status).toBe(200);
    const after = await v1(`/api/v1/users/${shared.id}`);
    expect(after.status).toBe(200);
    expect(after.body.tenants.map((t: { slug: string }) => t.slug)).toEqual([globex]);
  });

  it("nobody changes another user's password with old-password, not even a system admin; a user who is not a member is told no tenant", async () => {
    const path = (email: string) => `/${acme}/user/${email}/password${q({ 'old-password': PASSWORD, 'new-password': NEW_PASSWORD })}`;
    expectMessage(await telm(path(member()), { method: 'PUT', token: tenantAdmin.token }), 403, /only your own password/);
    expectMessage(await telm(path(member()), { method: 'PUT', token: admin }), 403, /only your own password/);
    expectMessage(await telm(path(`nobody-${tag}@example.com`), { method: 'PUT', token: plainMember.token }), 403, /only your own password/);
    const globexToken = await telmToken(globexOnly.email);
    expectMessage(await telm(path(globexOnly.email), { method: 'PUT', token: globexToken }), 404, /no tenant/);
    expect(await telmToken(plainMember.email)).toEqual(expect.any(String));
  });
});

describe('what /api/v1 writes, the dialect reads', () => {
  it('a user created, renamed and promoted through /api/v1 shows in the tenant as such', async () => {
    const email = newEmail('from-v1');
    const { user } = await v1Must('POST', '/api/v1/users', { email, password: PASSWORD, firstName: 'Vera', lastName: 'One', tenant: acme });
    expect((await telm(`/${acme}/users/${email}`, { token: tenantAdmin.token })).body).toEqual({ email, first_name: 'Vera', id: user.id, last_name: 'One', role: 'user' });
    await v1Must('PATCH', `/api/v1/users/${user.id}`, { firstName: 'Veronica', lastName: null });
    await v1Must('PUT', `/api/v1/tenants/${acme}/users/${user.id}`, { role: 'admin' });
    const list = await telm(`/${acme}/users`, { token: tenantAdmin.token });
    expect(list.body.find((u: { id: string }) => u.id === user.id)).toEqual({ email, first_name: 'Veronica', id: user.id, last_name: '', role: 'admin' });
    await v1Must('DELETE', `/api/v1/tenants/${acme}/users/${user.id}`);
    expectMessage(await telm(`/${acme}/users/${email}`, { token: tenantAdmin.token }), 404);
  });
});

describe('paths and methods the document does not have', () => {
  it('an unknown path is 404 and a wrong method 405 with Allow, both as {message}', async () => {
    expectMessage(await telm(`/${acme}/people`, { token: tenantAdmin.token }), 404, /no such API endpoint/);
    const patch = await telm(`/${acme}/users`, { method: 'PATCH', token: tenantAdmin.token });
    expectMessage(patch, 405);
    expect(patch.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
    const getToken = await telm('/token');
    expectMessage(getToken, 405);
    expect(getToken.headers.get('allow')).toBe('POST, OPTIONS');
    const singular = await telm(`/${acme}/user/${plainMember.email}`, { token: tenantAdmin.token });
    expectMessage(singular, 405);
    expect(singular.headers.get('allow')).toBe('PUT, OPTIONS');
  });
});
