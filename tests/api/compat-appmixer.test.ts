import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELETION_STEPS } from '@/lib/deletion/steps';
import { apiAt, type ApiInit } from '../support/api';
import { startServer, TEST_ADMIN, type RunningServer } from '../support/server';
import { linkIn, startSmtpSink, type SmtpSink } from '../support/smtp-sink';

/**
 * The Appmixer dialect (/compat/appmixer), walked call by call as a client written from
 * Appmixer's "User" page would call it (../shared/seeds/000_*.txt), with the bad inputs, the
 * access matrix and cross-checks against /api/v1.
 *
 * A server of its own: it mails over SMTP (forgot-password codes, sign-up confirmations), sits
 * behind a trusted proxy so each call can come from its own address (sign-up, forgot-password
 * and sign-in are throttled per address), and its settings can be changed under it.
 */

const MOUNT = '/compat/appmixer';
const PASSWORD = 'appmixer suite pass phrase';
const RUN = `am${Date.now().toString(36)}`;
const emailOf = (name: string) => `${name}.${RUN}@example.com`;

let sink: SmtpSink;
let server: RunningServer;
let db: Awaited<ReturnType<typeof useDatabaseOf>>;
let admin = '';
let addressSerial = 0;

const nextAddress = () => `203.0.113.${(++addressSerial % 250) + 1}`;
const call = (path: string, init: ApiInit = {}) => apiAt(server.url, path, { ...init, headers: { 'x-forwarded-for': nextAddress(), ...init.headers } });
/** A call to the Appmixer mount. */
const am = (path: string, init: ApiInit = {}) => call(`${MOUNT}${path}`, init);
const post = (path: string, json: unknown, token?: string) => am(path, { method: 'POST', json, token });

/** lib/ on this file's server's database, for fixtures and settings: before anything else touches lib/. */
async function useDatabaseOf(on: RunningServer) {
  process.env.DATABASE_URL = on.databaseUrl;
  const [users, settings] = await Promise.all([import('@/lib/users/users'), import('@/lib/settings/settings')]);
  return { users, settings };
}

async function signIn(username: string, password: string): Promise<string> {
  const response = await post('/user/auth', { username, password });
  expect(response.status, response.text).toBe(200);
  return response.body.token;
}

/** A user made directly in the database (fixtures), optionally with scopes. */
async function fixtureUser(name: string, scope?: string[]) {
  return db.users.createUser({ email: emailOf(name), password: PASSWORD, ...(scope && { scope }) });
}

/** Checks the hapi error shape every refusal of the mount answers with. */
function expectError(response: { status: number; body: Record<string, any>; headers: Headers }, statusCode: number, error: string, message?: RegExp) {
  expect(response.status).toBe(statusCode);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(Object.keys(response.body).sort()).toEqual(['error', 'message', 'statusCode']);
  expect(response.body).toMatchObject({ statusCode, error });
  if (message) expect(response.body.message).toMatch(message);
}

function mailSince(mark: number, to: string, subject: RegExp) {
  return sink.waitForMail((mail) => sink.mails.indexOf(mail) >= mark && mail.to.includes(to) && subject.test(mail.subject));
}

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startServer({ env: { SMTP_URL: sink.url, TRUST_PROXY: 'true', MAIL_RETRY_SECONDS: '1' } });
  db = await useDatabaseOf(server);
  admin = await signIn(TEST_ADMIN.email, TEST_ADMIN.password);
});

afterAll(async () => {
  await server?.stop();
  await sink?.stop();
});

const USER_KEYS = ['created', 'email', 'id', 'isActive', 'metadata', 'plan', 'scope', 'username', 'vendor'];

describe('POST /user/auth (sign in)', () => {
  it('answers {user, token} with the documented user fields, scope and vendor, and never a hash', async () => {
    const response = await post('/user/auth', { username: TEST_ADMIN.email, password: TEST_ADMIN.password });
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['token', 'user']);
    expect(Object.keys(response.body.user).sort()).toEqual(USER_KEYS);
    expect(response.body.user).toMatchObject({ username: TEST_ADMIN.email, email: TEST_ADMIN.email, isActive: true, plan: 'free', metadata: {}, vendor: [] });
    expect(response.body.user.scope).toContain('admin');
    expect(response.body.token).toMatch(/^gh_/);
    expect(response.text).not.toMatch(/passwordHash|argon2|sessionVersion/);
  });

  it('answers a wrong password and an unknown user alike, in the hapi error shape', async () => {
    const wrong = await post('/user/auth', { username: TEST_ADMIN.email, password: 'not the password at all' });
    const unknown = await post('/user/auth', { username: emailOf('nobody'), password: 'not the password at all' });
    expectError(wrong, 401, 'Unauthorized', /username or password is wrong/);
    expect(unknown.status).toBe(401);
    expect(unknown.text).toBe(wrong.text);
  });

  it('names a missing or mistyped field with 400', async () => {
    expectError(await post('/user/auth', { password: 'x' }), 400, 'Bad Request', /username/);
    expectError(await post('/user/auth', { username: TEST_ADMIN.email, password: 12345 }), 400, 'Bad Request', /password/);
    expectError(await post('/user/auth', { username: TEST_ADMIN.email, password: 'x', remember: true }), 400, 'Bad Request', /remember/);
    expectError(await am('/user/auth', { method: 'POST', body: '{"username":', headers: { 'content-type': 'application/json' } }), 400, 'Bad Request', /not valid JSON/);
  });
});

describe('the token', () => {
  it('is sent as Bearer, or as the document’s "Beader"; anything else is 401', async () => {
    expect((await am('/user', { token: admin })).status).toBe(200);
    expect((await am('/user', { headers: { authorization: `Beader ${admin}` } })).status).toBe(200);
    expectError(await am('/user'), 401, 'Unauthorized', /Authorization: Bearer/);
    expectError(await am('/user', { token: 'gh_made-up-token' }), 401, 'Unauthorized', /invalid, expired or revoked/);
    expectError(await am('/user', { headers: { authorization: `Token ${admin}` } }), 401, 'Unauthorized');
  });
});

describe('POST /user (create)', () => {
  it('where sign-up is open, answers 202 alike for a free and a taken email, and the mailbox confirms', async () => {
    const mark = sink.mails.length;
    const free = await post('/user', { username: emailOf('newcomer'), email: emailOf('newcomer'), password: PASSWORD });
    const taken = await post('/user', { username: TEST_ADMIN.email, email: TEST_ADMIN.email, password: PASSWORD });
    expect(free.status).toBe(202);
    expect(taken.status).toBe(202);
    expect(free.text).toBe(taken.text);
    expect(free.body.message).toMatch(/mail/);
    expect(free.text).not.toMatch(/token|usr_/);
    const welcome = await mailSince(mark, emailOf('newcomer'), /Confirm your/);
    expect(linkIn(welcome, '/confirm-sign-up').searchParams.get('code')).toBeTruthy();
    await mailSince(mark, TEST_ADMIN.email, /sign-up/);
  });

  it('refuses bad input before anything else, open or not', async () => {
    expectError(await post('/user', { email: emailOf('nopass') }), 400, 'Bad Request', /password is required/);
    expectError(await post('/user', { password: PASSWORD }), 400, 'Bad Request', /email/);
    expectError(await post('/user', { email: 'not-an-email', password: PASSWORD }), 400, 'Bad Request', /email/);
    expectError(await post('/user', { email: emailOf('meta'), password: PASSWORD, metadata: 'x' }), 400, 'Bad Request', /metadata/);
    expectError(await post('/user', { email: emailOf('scoped'), password: PASSWORD, scope: ['admin'] }), 400, 'Bad Request', /scope/);
    // The document's sample password is shorter than Gatehouse's policy allows.
    expectError(await post('/user', { username: emailOf('short'), email: emailOf('short'), password: 'abc321' }), 400, 'Bad Request', /password/);
  });

  describe('with API_USER_CREATE_SCOPE set', () => {
    beforeAll(() => db.settings.setSetting('userCreateScope', ['admin', 'provisioner']));
    afterAll(() => db.settings.setSetting('userCreateScope', []));

    it('answers 201 {token} to an admin; the token belongs to the new user', async () => {
      const email = emailOf('created');
      const created = await post('/user', { username: email, email, password: PASSWORD, metadata: { team: 'blue' } }, admin);
      expect(created.status, created.text).toBe(201);
      expect(Object.keys(created.body)).toEqual(['token']);
      const me = await am('/user', { token: created.body.token });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ email, username: email, isActive: true, metadata: { team: 'blue' }, scope: ['user'], plan: 'free' });
      // The same user through /api/v1.
      const v1 = await call(`/api/v1/users/${me.body.id}`, { token: admin });
      expect(v1.body).toMatchObject({ email, username: email, status: 'active', metadata: { team: 'blue' }, scope: ['user'] });
    });

    it('lets a caller holding one of the scopes provision, takes the email from username alone, and refuses everyone else', async () => {
      const provisioner = await fixtureUser('provisioner', ['user', 'provisioner']);
      const plain = await fixtureUser('not-a-provisioner');
      const provisionerToken = await signIn(provisioner.email, PASSWORD);
      const created = await post('/user', { username: emailOf('provisioned'), password: PASSWORD }, provisionerToken);
      expect(created.status, created.text).toBe(201);
      expect((await am('/user', { token: created.body.token })).body).toMatchObject({ email: emailOf('provisioned'), username: emailOf('provisioned') });

      expectError(await post('/user', { email: emailOf('anonymous'), password: PASSWORD }), 401, 'Unauthorized', /bearer token/);
      expectError(await post('/user', { email: emailOf('by-plain'), password: PASSWORD }, await signIn(plain.email, PASSWORD)), 403, 'Forbidden', /admin, provisioner/);
      // A provisioner is trusted, as in Appmixer: a taken email is a conflict.
      expectError(await post('/user', { email: emailOf('provisioned'), password: PASSWORD }, provisionerToken), 409, 'Conflict', /already has this email/);
    });
  });
});

describe('GET /user (current user)', () => {
  it('answers the caller as an Appmixer user', async () => {
    const user = await fixtureUser('current');
    const response = await am('/user', { token: await signIn(user.email, PASSWORD) });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ id: user.id, username: user.email, email: user.email, isActive: true, plan: 'free', metadata: {}, scope: ['user'], vendor: [], created: user.createdAt.toISOString() });
  });

  it('refuses query parameters it does not take', async () => {
    expectError(await am('/user?x=1', { token: admin }), 400, 'Bad Request', /x/);
  });
});

describe('GET /users, GET /users/count, GET /users/:userId', () => {
  const listed = ['ana', 'bo', 'cy', 'dee'];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    for (const [index, name] of listed.entries()) {
      const user = await fixtureUser(`list-${name}`, index % 2 === 0 ? ['user', `acme-${RUN}`] : ['user']);
      ids[name] = user.id;
    }
  });

  const list = (query: string, token = admin) => am(`/users?${query}`, { token });
  const emails = (body: unknown) => (body as Array<{ email: string }>).map((user) => user.email);

  it('answers a JSON array of users matching a pattern, sorted as asked', async () => {
    const response = await list(`pattern=list-&sort=email:1`);
    expect(response.status).toBe(200);
    expect(Array.isArray(response.body)).toBe(true);
    expect(emails(response.body).filter((email) => email.endsWith(`${RUN}@example.com`))).toEqual(listed.map((name) => emailOf(`list-${name}`)));
    expect(Object.keys(response.body[0]).sort()).toEqual(USER_KEYS);
    const descending = await list(`pattern=list-&sort=email:-1`);
    expect(emails(descending.body).filter((email) => email.includes(RUN))).toEqual(listed.map((name) => emailOf(`list-${name}`)).reverse());
    expect(response.text).not.toMatch(/passwordHash|argon2/);
  });

  it('filters by scope, pages with limit and offset, newest first with sort=created:-1', async () => {
    const scoped = await list(`filter=scope:acme-${RUN}&sort=created:-1&limit=30&offset=0`);
    expect(scoped.status).toBe(200);
    expect(emails(scoped.body)).toEqual([emailOf('list-cy'), emailOf('list-ana')]);
    expect((scoped.body as Array<{ scope: string[] }>).every((user) => user.scope.includes(`acme-${RUN}`))).toBe(true);
    expect(emails((await list(`filter=scope:acme-${RUN}&sort=created:-1&limit=1&offset=1`)).body)).toEqual([emailOf('list-ana')]);
    expect(emails((await list(`pattern=list-&sort=created:1&limit=2&offset=2`)).body)).toEqual([emailOf('list-cy'), emailOf('list-dee')]);
  });

  it('counts what the list shows', async () => {
    const count = await am(`/users/count?pattern=list-`, { token: admin });
    expect(count.status).toBe(200);
    expect(count.body).toEqual({ count: 4 });
    expect((await am(`/users/count?filter=scope:acme-${RUN}`, { token: admin })).body).toEqual({ count: 2 });
  });

  it('refuses a bad sort, filter, limit or offset, and unknown parameters, with 400', async () => {
    expectError(await list('sort=password:1'), 400, 'Bad Request', /Unknown sort field/);
    expectError(await list('sort=created'), 400, 'Bad Request', /field:1 or field:-1/);
    expectError(await list('filter=colour:red'), 400, 'Bad Request', /Unknown filter field/);
    expectError(await list('limit=0'), 400, 'Bad Request', /limit/);
    expectError(await list('limit=ten'), 400, 'Bad Request', /limit/);
    expectError(await list('offset=-1'), 400, 'Bad Request', /offset/);
    expectError(await list('page=2'), 400, 'Bad Request', /page/);
    expectError(await am('/users/count?sort=created:1', { token: admin }), 400, 'Bad Request', /sort/);
  });

  it('reads one user; an unknown id is 404', async () => {
    const response = await am(`/users/${ids.bo}`, { token: admin });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: ids.bo, email: emailOf('list-bo'), isActive: true, scope: ['user'] });
    expectError(await am('/users/usr_nobody', { token: admin }), 404, 'Not Found', /usr_nobody/);
  });

  it('refuses a plain user’s token on every admin call with 403', async () => {
    const token = await signIn(emailOf('list-dee'), PASSWORD);
    expectError(await list('pattern=list-', token), 403, 'Forbidden', /admin/);
    expectError(await am('/users/count', { token }), 403, 'Forbidden');
    expectError(await am(`/users/${ids.bo}`, { token }), 403, 'Forbidden');
    expectError(await am(`/users/${ids.bo}`, { method: 'PUT', token, json: { metadata: {} } }), 403, 'Forbidden');
    expectError(await am(`/users/${ids.bo}`, { method: 'DELETE', token }), 403, 'Forbidden');
    expectError(await am(`/users/${ids.bo}/delete-status/${randomUUID()}`, { token }), 403, 'Forbidden');
    expectError(await post('/user/reset-password', { email: emailOf('list-bo'), password: 'another pass phrase' }, token), 403, 'Forbidden');
    // Without a token at all: 401.
    for (const path of ['/users', '/users/count', `/users/${ids.bo}`]) expectError(await am(path), 401, 'Unauthorized');
  });
});

describe('PUT /users/:userId', () => {
  it('updates scope, vendor (one or several), metadata and email; /api/v1 reads the same', async () => {
    const user = await fixtureUser('updated');
    const response = await am(`/users/${user.id}`, { method: 'PUT', token: admin, json: { scope: ['user', 'tester'], vendor: 'slack', metadata: { seat: 7 }, email: emailOf('renamed') } });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({ id: user.id, email: emailOf('renamed'), scope: ['tester', 'user'], vendor: ['slack'], metadata: { seat: 7 } });
    const v1 = await call(`/api/v1/users/${user.id}`, { token: admin });
    expect(v1.body).toMatchObject({ email: emailOf('renamed'), scope: ['tester', 'user'], vendor: ['slack'], metadata: { seat: 7 } });

    const several = await am(`/users/${user.id}`, { method: 'PUT', token: admin, json: { vendor: ['jira', 'slack', 'jira'] } });
    expect(several.body).toMatchObject({ vendor: ['jira', 'slack'], metadata: { seat: 7 } });
  });

  it('shows at once what /api/v1 changed, isActive following the status', async () => {
    const user = await fixtureUser('changed-elsewhere');
    const patched = await call(`/api/v1/users/${user.id}`, { method: 'PATCH', token: admin, json: { plan: 'pro', status: 'suspended', metadata: { from: 'v1' } } });
    expect(patched.status).toBe(200);
    expect((await am(`/users/${user.id}`, { token: admin })).body).toMatchObject({ plan: 'pro', isActive: false, metadata: { from: 'v1' } });
    await call(`/api/v1/users/${user.id}`, { method: 'PATCH', token: admin, json: { status: 'locked' } });
    expect((await am(`/users/${user.id}`, { token: admin })).body.isActive).toBe(false);
    await call(`/api/v1/users/${user.id}`, { method: 'PATCH', token: admin, json: { status: 'active' } });
    expect((await am(`/users/${user.id}`, { token: admin })).body.isActive).toBe(true);
    // Invited, no password yet: not active either.
    const invited = await call('/api/v1/users', { method: 'POST', token: admin, json: { email: emailOf('invited'), sendInvite: false } });
    expect(invited.status, invited.text).toBe(201);
    expect((await am(`/users/${invited.body.user.id}`, { token: admin })).body).toMatchObject({ email: emailOf('invited'), isActive: false });
  });

  it('refuses bad fields, an unknown user and removing your own admin scope', async () => {
    const user = await fixtureUser('badly-updated');
    const put = (id: string, json: unknown) => am(`/users/${id}`, { method: 'PUT', token: admin, json });
    expectError(await put(user.id, { email: 'nope' }), 400, 'Bad Request', /email/);
    expectError(await put(user.id, { scope: 'admin' }), 400, 'Bad Request', /scope/);
    expectError(await put(user.id, { vendor: 42 }), 400, 'Bad Request', /vendor must be a string or an array/);
    expectError(await put(user.id, { metadata: [1, 2] }), 400, 'Bad Request', /metadata/);
    expectError(await put(user.id, { plan: 'pro' }), 400, 'Bad Request', /plan/);
    expectError(await put(user.id, {}), 400, 'Bad Request', /at least one field/);
    expectError(await put(user.id, { email: TEST_ADMIN.email }), 409, 'Conflict', /already has this email/);
    expectError(await put('usr_nobody', { metadata: {} }), 404, 'Not Found');
    const me = (await am('/user', { token: admin })).body;
    expectError(await put(me.id, { scope: ['user'] }), 400, 'Bad Request', /own account/);
  });
});

describe('password calls', () => {
  it('POST /user/change-password: the old password must be right; the new one signs in', async () => {
    const user = await fixtureUser('changer');
    const token = await signIn(user.email, PASSWORD);
    expectError(await post('/user/change-password', { oldPassword: 'wrong pass phrase', newPassword: 'my changed pass phrase' }, token), 400, 'Bad Request', /current password/);
    expectError(await post('/user/change-password', { oldPassword: PASSWORD }, token), 400, 'Bad Request', /newPassword/);
    expectError(await post('/user/change-password', { oldPassword: PASSWORD, newPassword: 'short' }, token), 400, 'Bad Request', /newPassword/);
    expectError(await post('/user/change-password', { oldPassword: PASSWORD, newPassword: 'my changed pass phrase' }), 401, 'Unauthorized');
    const changed = await post('/user/change-password', { oldPassword: PASSWORD, newPassword: 'my changed pass phrase' }, token);
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({});
    // The token used keeps working; the old password does not.
    expect((await am('/user', { token })).status).toBe(200);
    expect((await post('/user/auth', { username: user.email, password: PASSWORD })).status).toBe(401);
    expect((await post('/user/auth', { username: user.email, password: 'my changed pass phrase' })).status).toBe(200);
  });

  it('POST /user/reset-password: an admin sets the password by email; the user’s tokens end', async () => {
    const user = await fixtureUser('reset-by-admin');
    const token = await signIn(user.email, PASSWORD);
    const reset = await post('/user/reset-password', { email: user.email.toUpperCase(), password: 'set by the admin 2026' }, admin);
    expect(reset.status, reset.text).toBe(200);
    expect(reset.body).toEqual({});
    expect((await am('/user', { token })).status).toBe(401);
    expect((await post('/user/auth', { username: user.email, password: 'set by the admin 2026' })).status).toBe(200);

    expectError(await post('/user/reset-password', { email: emailOf('nobody'), password: 'set by the admin 2026' }, admin), 404, 'Not Found', /no user with this email/);
    expectError(await post('/user/reset-password', { email: user.email }, admin), 400, 'Bad Request', /password is required/);
    expectError(await post('/user/reset-password', { email: user.email, password: 'abc12' }, admin), 400, 'Bad Request', /password/);
    expectError(await post('/user/reset-password', { email: user.email, password: 'set by the admin 2026' }), 401, 'Unauthorized');
  });

  it.each(['/forgot-password', '/user/forgot-password'])('POST %s mails a code that its /reset takes; known and unknown emails answer alike', async (path) => {
    const user = await fixtureUser(`forgetful${path.replaceAll('/', '-')}`);
    const mark = sink.mails.length;
    const known = await post(path, { email: user.email });
    const unknown = await post(path, { email: emailOf('nobody-forgot') });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(known.text).toBe(unknown.text);
    const code = linkIn(await mailSince(mark, user.email, /Reset your/), '/reset-password').searchParams.get('code')!;

    // The document allows five characters; Gatehouse's password policy decides.
    expectError(await post(`${path}/reset`, { code, password: 'abc12' }), 400, 'Bad Request', /password/);
    expectError(await post(`${path}/reset`, { code: 'not-a-code', password: 'my recovered pass phrase' }), 400, 'Bad Request', /invalid or has expired/);
    expectError(await post(`${path}/reset`, { password: 'my recovered pass phrase' }), 400, 'Bad Request', /code/);
    const reset = await post(`${path}/reset`, { code, password: 'my recovered pass phrase' });
    expect(reset.status, reset.text).toBe(200);
    expect(reset.body).toEqual({});
    expect((await post('/user/auth', { username: user.email, password: 'my recovered pass phrase' })).status).toBe(200);
    // Single use.
    expectError(await post(`${path}/reset`, { code, password: 'yet another pass phrase' }), 400, 'Bad Request');
    expectError(await post(path, { email: 'not-an-email' }), 400, 'Bad Request', /email/);
  });
});

describe('a tenant admin', () => {
  let tenantAdmin = '';
  let member: { id: string; email: string };
  let outsider: { id: string; email: string };

  beforeAll(async () => {
    const tenant = await call('/api/v1/tenants', { method: 'POST', token: admin, json: { slug: `t-${RUN}`, name: `Tenant ${RUN}` } });
    expect(tenant.status, tenant.text).toBe(201);
    const boss = await fixtureUser('tenant-boss');
    member = await fixtureUser('tenant-member');
    outsider = await fixtureUser('tenant-outsider');
    for (const [user, role] of [[boss, 'admin'], [member, 'user']] as const) {
      const joined = await call(`/api/v1/tenants/${tenant.body.id}/users/${user.id}`, { method: 'PUT', token: admin, json: { role } });
      expect(joined.status, joined.text).toBeLessThan(300);
    }
    tenantAdmin = await signIn(boss.email, PASSWORD);
  });

  it('lists, counts and reads only their tenants’ users; another tenant’s user is 404', async () => {
    const list = await am(`/users?pattern=${RUN}&limit=100`, { token: tenantAdmin });
    expect(list.status).toBe(200);
    expect((list.body as Array<{ email: string }>).map((user) => user.email).sort()).toEqual([emailOf('tenant-boss'), emailOf('tenant-member')]);
    expect((await am(`/users/count?pattern=${RUN}`, { token: tenantAdmin })).body).toEqual({ count: 2 });
    expect((await am(`/users/${member.id}`, { token: tenantAdmin })).status).toBe(200);
    expectError(await am(`/users/${outsider.id}`, { token: tenantAdmin }), 404, 'Not Found');
    expectError(await am(`/users/${outsider.id}`, { method: 'PUT', token: tenantAdmin, json: { metadata: { x: 1 } } }), 404, 'Not Found');
  });

  it('edits their users but not scopes, and cannot delete or set passwords (system admin calls)', async () => {
    const edited = await am(`/users/${member.id}`, { method: 'PUT', token: tenantAdmin, json: { metadata: { desk: 4 }, vendor: 'slack' } });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({ metadata: { desk: 4 }, vendor: ['slack'] });
    expectError(await am(`/users/${member.id}`, { method: 'PUT', token: tenantAdmin, json: { scope: ['admin'] } }), 403, 'Forbidden', /scopes/);
    expectError(await am(`/users/${member.id}`, { method: 'DELETE', token: tenantAdmin }), 403, 'Forbidden');
    expectError(await post('/user/reset-password', { email: member.email, password: 'tenant admin sets this' }, tenantAdmin), 403, 'Forbidden');
  });
});

describe('DELETE /users/:userId and its delete-status', () => {
  it('answers 200 {ticket}, ends the user’s token at once and runs the deletion job to completion', async () => {
    const user = await fixtureUser('doomed');
    const token = await signIn(user.email, PASSWORD);
    expect((await am('/user', { token })).status).toBe(200);

    const response = await am(`/users/${user.id}`, { method: 'DELETE', token: admin });
    expect(response.status).toBe(200);
    expect(Object.keys(response.body)).toEqual(['ticket']);
    expect(response.body.ticket).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const { ticket } = response.body;
    expectError(await am('/user', { token }), 401, 'Unauthorized');

    const seen: Array<{ status: string; stepsDone: number; stepsTotal: number }> = [];
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const status = await am(`/users/${user.id}/delete-status/${ticket}`, { token: admin });
      expect(status.status).toBe(200);
      expect(Object.keys(status.body).sort()).toEqual(['status', 'stepsDone', 'stepsTotal']);
      seen.push(status.body as (typeof seen)[number]);
      if (status.body.status !== 'in-progress') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(seen.at(-1)).toEqual({ status: 'completed', stepsDone: DELETION_STEPS.length, stepsTotal: DELETION_STEPS.length });
    expect(seen.every((s) => ['in-progress', 'completed'].includes(s.status))).toBe(true);
    for (let i = 1; i < seen.length; i++) expect(seen[i].stepsDone).toBeGreaterThanOrEqual(seen[i - 1].stepsDone);

    // Gone everywhere: the token, the password, both APIs.
    expectError(await am('/user', { token }), 401, 'Unauthorized');
    expect((await post('/user/auth', { username: user.email, password: PASSWORD })).status).toBe(401);
    expectError(await am(`/users/${user.id}`, { token: admin }), 404, 'Not Found');
    expect((await call(`/api/v1/users/${user.id}`, { token: admin })).status).toBe(404);
    expect((await call(`/api/v1/users/${user.id}/delete-status/${ticket}`, { token: admin })).body).toMatchObject({ status: 'completed', stepsDone: DELETION_STEPS.length, stepsTotal: DELETION_STEPS.length });
    expectError(await am(`/users/${user.id}`, { method: 'DELETE', token: admin }), 404, 'Not Found');
  });

  it('reports a deletion started through /api/v1 too; a made-up or another user’s ticket is 404', async () => {
    const user = await fixtureUser('deleted-via-v1');
    const other = await fixtureUser('not-deleted');
    const started = await call(`/api/v1/users/${user.id}`, { method: 'DELETE', token: admin });
    expect(started.status).toBe(202);
    const status = await am(`/users/${user.id}/delete-status/${started.body.ticket}`, { token: admin });
    expect(status.status).toBe(200);
    expect(['in-progress', 'completed']).toContain(status.body.status);
    expect(status.body.stepsTotal).toBe(DELETION_STEPS.length);
    expectError(await am(`/users/${user.id}/delete-status/${randomUUID()}`, { token: admin }), 404, 'Not Found');
    expectError(await am(`/users/${other.id}/delete-status/${started.body.ticket}`, { token: admin }), 404, 'Not Found');
  });

  it('refuses deleting yourself', async () => {
    const me = (await am('/user', { token: admin })).body;
    expectError(await am(`/users/${me.id}`, { method: 'DELETE', token: admin }), 409, 'Conflict', /your own account/);
  });
});

describe('what /api/v1 creates', () => {
  it('reads back the same through the Appmixer mount', async () => {
    const created = await call('/api/v1/users', { method: 'POST', token: admin, json: { email: emailOf('from-v1'), username: `u-${RUN}`, password: PASSWORD, plan: 'team', vendor: ['jira'], scope: ['user', 'tester'], metadata: { a: 1 } } });
    expect(created.status, created.text).toBe(201);
    const read = await am(`/users/${created.body.user.id}`, { token: admin });
    expect(read.body).toEqual({ id: created.body.user.id, username: `u-${RUN}`, email: emailOf('from-v1'), isActive: true, plan: 'team', metadata: { a: 1 }, scope: ['tester', 'user'], vendor: ['jira'], created: created.body.user.createdAt });
    // And signs in through it by username as well as by email.
    expect((await post('/user/auth', { username: `u-${RUN}`, password: PASSWORD })).body.user.email).toBe(emailOf('from-v1'));
  });
});

describe('unknown paths and wrong methods', () => {
  it('answer 404 and 405 (with Allow) in the hapi shape, never HTML', async () => {
    expectError(await am('/nothing/here', { token: admin }), 404, 'Not Found');
    expectError(await am('/users/x/delete-status', { token: admin }), 404, 'Not Found');
    const patch = await am('/users/usr_x', { method: 'PATCH', token: admin, json: {} });
    expectError(patch, 405, 'Method Not Allowed');
    expect(patch.headers.get('allow')).toBe('GET, PUT, DELETE, HEAD, OPTIONS');
    const deleteMe = await am('/user', { method: 'DELETE', token: admin });
    expectError(deleteMe, 405, 'Method Not Allowed');
    expect(deleteMe.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
    expectError(await am('/user/auth', { token: admin }), 405, 'Method Not Allowed');
    expectError(await am('/forgot-password/reset', { method: 'PUT', json: {} }), 405, 'Method Not Allowed');
  });
});
