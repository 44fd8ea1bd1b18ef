import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELETION_STEPS } from '@/lib/deletion/steps';
import type { operations } from '@/lib/openapi/api-types';
import { apiAt, type ApiInit } from '../support/api';
import { startServer, TEST_ADMIN, type RunningServer } from '../support/server';
import { linkIn, startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { gatehouse } from '../support/typed-client';

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
/** An untyped call to the Appmixer mount, for requests the document's types forbid on purpose. */
const am = (path: string, init: ApiInit = {}) => call(`${MOUNT}${path}`, init);
const post = (path: string, json: unknown, token?: string) => am(path, { method: 'POST', json, token });
/** The server's typed client; make one per call, as each call comes from its own address. */
const client = (token?: string) => gatehouse({ url: server.url, token, headers: { 'x-forwarded-for': nextAddress() } });
const userPath = (userId: string) => ({ params: { path: { userId } } });
const v1Path = (id: string) => ({ params: { path: { id } } });
const auth = (username: string, password: string) => client().POST('/compat/appmixer/user/auth', { body: { username, password } });
const readMe = (token?: string) => client(token).GET('/compat/appmixer/user');

/** lib/ on this file's server's database, for fixtures and settings: before anything else touches lib/. */
async function useDatabaseOf(on: RunningServer) {
  process.env.DATABASE_URL = on.databaseUrl;
  const [users, settings] = await Promise.all([import('@/lib/users/users'), import('@/lib/settings/settings')]);
  return { users, settings };
}

async function signIn(username: string, password: string): Promise<string> {
  const { data, error, response } = await auth(username, password);
  expect(response.status, JSON.stringify(error)).toBe(200);
  return data!.token;
}

/** A user made directly in the database (fixtures), optionally with scopes. */
async function fixtureUser(name: string, scope?: string[]) {
  return db.users.createUser({ email: emailOf(name), password: PASSWORD, ...(scope && { scope }) });
}

type Refusal = { status: number; body: Record<string, any>; headers: Headers } | { response: Response; error?: unknown };

/** Checks the hapi error shape every refusal of the mount answers with, from an untyped or a typed call. */
function expectError(answer: Refusal, statusCode: number, error: string, message?: RegExp) {
  const { status, headers, body } = 'response' in answer ? { status: answer.response.status, headers: answer.response.headers, body: answer.error as Record<string, any> } : answer;
  expect(status).toBe(statusCode);
  expect(headers.get('content-type')).toMatch(/^application\/json/);
  expect(Object.keys(body).sort()).toEqual(['error', 'message', 'statusCode']);
  expect(body).toMatchObject({ statusCode, error });
  if (message) expect(body.message).toMatch(message);
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
    const { data, response } = await auth(TEST_ADMIN.email, TEST_ADMIN.password);
    expect(response.status).toBe(200);
    expect(Object.keys(data!).sort()).toEqual(['token', 'user']);
    expect(Object.keys(data!.user).sort()).toEqual(USER_KEYS);
    expect(data!.user).toMatchObject({ username: TEST_ADMIN.email, email: TEST_ADMIN.email, isActive: true, plan: 'free', metadata: {}, vendor: [] });
    expect(data!.user.scope).toContain('admin');
    expect(data!.token).toMatch(/^gh_/);
    expect(JSON.stringify(data)).not.toMatch(/passwordHash|argon2|sessionVersion/);
  });

  it('answers a wrong password and an unknown user alike, in the hapi error shape', async () => {
    const wrong = await auth(TEST_ADMIN.email, 'not the password at all');
    const unknown = await auth(emailOf('nobody'), 'not the password at all');
    expectError(wrong, 401, 'Unauthorized', /username or password is wrong/);
    expect(unknown.response.status).toBe(401);
    expect(unknown.error).toEqual(wrong.error);
  });

  it('names a missing or mistyped field with 400', async () => {
    // Bodies the types forbid, on purpose: the untyped calls.
    expectError(await post('/user/auth', { password: 'x' }), 400, 'Bad Request', /username/);
    expectError(await post('/user/auth', { username: TEST_ADMIN.email, password: 12345 }), 400, 'Bad Request', /password/);
    expectError(await post('/user/auth', { username: TEST_ADMIN.email, password: 'x', remember: true }), 400, 'Bad Request', /remember/);
    expectError(await am('/user/auth', { method: 'POST', body: '{"username":', headers: { 'content-type': 'application/json' } }), 400, 'Bad Request', /not valid JSON/);
  });
});

describe('the token', () => {
  it('is sent as Bearer, or as the document’s "Beader"; anything else is 401', async () => {
    expect((await readMe(admin)).response.status).toBe(200);
    // Raw Authorization headers: the untyped calls.
    expect((await am('/user', { headers: { authorization: `Beader ${admin}` } })).status).toBe(200);
    expectError(await readMe(), 401, 'Unauthorized', /Authorization: Bearer/);
    expectError(await readMe('gh_made-up-token'), 401, 'Unauthorized', /invalid, expired or revoked/);
    expectError(await am('/user', { headers: { authorization: `Token ${admin}` } }), 401, 'Unauthorized');
  });
});

describe('POST /user (create)', () => {
  it('where sign-up is open, answers 202 alike for a free and a taken email, and the mailbox confirms', async () => {
    const mark = sink.mails.length;
    const free = await client().POST('/compat/appmixer/user', { body: { username: emailOf('newcomer'), email: emailOf('newcomer'), password: PASSWORD } });
    const taken = await client().POST('/compat/appmixer/user', { body: { username: TEST_ADMIN.email, email: TEST_ADMIN.email, password: PASSWORD } });
    expect(free.response.status).toBe(202);
    expect(taken.response.status).toBe(202);
    expect(free.data).toEqual(taken.data);
    expect(free.data).toMatchObject({ message: expect.stringMatching(/mail/) });
    expect(JSON.stringify(free.data)).not.toMatch(/token|usr_/);
    const welcome = await mailSince(mark, emailOf('newcomer'), /Confirm your/);
    expect(linkIn(welcome, '/confirm-sign-up').searchParams.get('code')).toBeTruthy();
    await mailSince(mark, TEST_ADMIN.email, /sign-up/);
  });

  it('refuses bad input before anything else, open or not', async () => {
    const create = (body: { email?: string; username?: string; password: string }) => client().POST('/compat/appmixer/user', { body });
    // Bodies the types forbid (no password, metadata not an object, a scope): the untyped calls.
    expectError(await post('/user', { email: emailOf('nopass') }), 400, 'Bad Request', /password is required/);
    expectError(await create({ password: PASSWORD }), 400, 'Bad Request', /email/);
    expectError(await create({ email: 'not-an-email', password: PASSWORD }), 400, 'Bad Request', /email/);
    expectError(await post('/user', { email: emailOf('meta'), password: PASSWORD, metadata: 'x' }), 400, 'Bad Request', /metadata/);
    expectError(await post('/user', { email: emailOf('scoped'), password: PASSWORD, scope: ['admin'] }), 400, 'Bad Request', /scope/);
    // The document's sample password is shorter than Gatehouse's policy allows.
    expectError(await create({ username: emailOf('short'), email: emailOf('short'), password: 'abc321' }), 400, 'Bad Request', /password/);
  });

  describe('with API_USER_CREATE_SCOPE set', () => {
    beforeAll(() => db.settings.setSetting('userCreateScope', ['admin', 'provisioner']));
    afterAll(() => db.settings.setSetting('userCreateScope', []));

    it('answers 201 {token} to an admin; the token belongs to the new user', async () => {
      const email = emailOf('created');
      const created = await client(admin).POST('/compat/appmixer/user', { body: { username: email, email, password: PASSWORD, metadata: { team: 'blue' } } });
      expect(created.response.status, JSON.stringify(created.error)).toBe(201);
      if (!created.data || !('token' in created.data)) throw new Error(`Expected {token}: ${JSON.stringify(created.data)}`);
      expect(Object.keys(created.data)).toEqual(['token']);
      const me = await readMe(created.data.token);
      expect(me.response.status).toBe(200);
      expect(me.data).toMatchObject({ email, username: email, isActive: true, metadata: { team: 'blue' }, scope: ['user'], plan: 'free' });
      // The same user through /api/v1.
      const v1 = await client(admin).GET('/api/v1/users/{id}', v1Path(me.data!.id));
      expect(v1.data).toMatchObject({ email, username: email, status: 'active', metadata: { team: 'blue' }, scope: ['user'] });
    });

    it('lets a caller holding one of the scopes provision, takes the email from username alone, and refuses everyone else', async () => {
      const provisioner = await fixtureUser('provisioner', ['user', 'provisioner']);
      const plain = await fixtureUser('not-a-provisioner');
      const provisionerToken = await signIn(provisioner.email, PASSWORD);
      const create = (body: { email?: string; username?: string; password: string }, token?: string) => client(token).POST('/compat/appmixer/user', { body });
      const created = await create({ username: emailOf('provisioned'), password: PASSWORD }, provisionerToken);
      expect(created.response.status, JSON.stringify(created.error)).toBe(201);
      if (!created.data || !('token' in created.data)) throw new Error(`Expected {token}: ${JSON.stringify(created.data)}`);
      expect((await readMe(created.data.token)).data).toMatchObject({ email: emailOf('provisioned'), username: emailOf('provisioned') });

      expectError(await create({ email: emailOf('anonymous'), password: PASSWORD }), 401, 'Unauthorized', /bearer token/);
      expectError(await create({ email: emailOf('by-plain'), password: PASSWORD }, await signIn(plain.email, PASSWORD)), 403, 'Forbidden', /admin, provisioner/);
      // A provisioner is trusted, as in Appmixer: a taken email is a conflict.
      expectError(await create({ email: emailOf('provisioned'), password: PASSWORD }, provisionerToken), 409, 'Conflict', /already has this email/);
    });
  });
});

describe('GET /user (current user)', () => {
  it('answers the caller as an Appmixer user', async () => {
    const user = await fixtureUser('current');
    const { data, response } = await readMe(await signIn(user.email, PASSWORD));
    expect(response.status).toBe(200);
    expect(data).toEqual({ id: user.id, username: user.email, email: user.email, isActive: true, plan: 'free', metadata: {}, scope: ['user'], vendor: [], created: user.createdAt.toISOString() });
  });

  it('refuses query parameters it does not take', async () => {
    // A parameter the types forbid, on purpose: the untyped call.
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

  type ListQuery = NonNullable<operations['appmixer_listUsers']['parameters']['query']>;
  const list = (query: ListQuery, token = admin) => client(token).GET('/compat/appmixer/users', { params: { query } });
  const count = (query: { pattern?: string; filter?: string }, token = admin) => client(token).GET('/compat/appmixer/users/count', { params: { query } });
  const emails = (users: Array<{ email: string }> | undefined) => users!.map((user) => user.email);

  it('answers a JSON array of users matching a pattern, sorted as asked', async () => {
    const { data, response } = await list({ pattern: 'list-', sort: 'email:1' });
    expect(response.status).toBe(200);
    expect(Array.isArray(data)).toBe(true);
    expect(emails(data).filter((email) => email.endsWith(`${RUN}@example.com`))).toEqual(listed.map((name) => emailOf(`list-${name}`)));
    expect(Object.keys(data![0]).sort()).toEqual(USER_KEYS);
    const descending = await list({ pattern: 'list-', sort: 'email:-1' });
    expect(emails(descending.data).filter((email) => email.includes(RUN))).toEqual(listed.map((name) => emailOf(`list-${name}`)).reverse());
    expect(JSON.stringify(data)).not.toMatch(/passwordHash|argon2/);
  });

  it('filters by scope, pages with limit and offset, newest first with sort=created:-1', async () => {
    const scoped = await list({ filter: `scope:acme-${RUN}`, sort: 'created:-1', limit: 30, offset: 0 });
    expect(scoped.response.status).toBe(200);
    expect(emails(scoped.data)).toEqual([emailOf('list-cy'), emailOf('list-ana')]);
    expect(scoped.data!.every((user) => user.scope.includes(`acme-${RUN}`))).toBe(true);
    expect(emails((await list({ filter: `scope:acme-${RUN}`, sort: 'created:-1', limit: 1, offset: 1 })).data)).toEqual([emailOf('list-ana')]);
    expect(emails((await list({ pattern: 'list-', sort: 'created:1', limit: 2, offset: 2 })).data)).toEqual([emailOf('list-cy'), emailOf('list-dee')]);
  });

  it('counts what the list shows', async () => {
    const counted = await count({ pattern: 'list-' });
    expect(counted.response.status).toBe(200);
    expect(counted.data).toEqual({ count: 4 });
    expect((await count({ filter: `scope:acme-${RUN}` })).data).toEqual({ count: 2 });
  });

  it('refuses a bad sort, filter, limit or offset, and unknown parameters, with 400', async () => {
    expectError(await list({ sort: 'password:1' }), 400, 'Bad Request', /Unknown sort field/);
    expectError(await list({ sort: 'created' }), 400, 'Bad Request', /field:1 or field:-1/);
    expectError(await list({ filter: 'colour:red' }), 400, 'Bad Request', /Unknown filter field/);
    expectError(await list({ limit: 0 }), 400, 'Bad Request', /limit/);
    expectError(await list({ offset: -1 }), 400, 'Bad Request', /offset/);
    // Parameters the types forbid, on purpose: the untyped calls.
    expectError(await am('/users?limit=ten', { token: admin }), 400, 'Bad Request', /limit/);
    expectError(await am('/users?page=2', { token: admin }), 400, 'Bad Request', /page/);
    expectError(await am('/users/count?sort=created:1', { token: admin }), 400, 'Bad Request', /sort/);
  });

  it('reads one user; an unknown id is 404', async () => {
    const { data, response } = await client(admin).GET('/compat/appmixer/users/{userId}', userPath(ids.bo));
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ id: ids.bo, email: emailOf('list-bo'), isActive: true, scope: ['user'] });
    expectError(await client(admin).GET('/compat/appmixer/users/{userId}', userPath('usr_nobody')), 404, 'Not Found', /usr_nobody/);
  });

  it('refuses a plain user’s token on every admin call with 403', async () => {
    const token = await signIn(emailOf('list-dee'), PASSWORD);
    expectError(await list({ pattern: 'list-' }, token), 403, 'Forbidden', /admin/);
    expectError(await count({}, token), 403, 'Forbidden');
    expectError(await client(token).GET('/compat/appmixer/users/{userId}', userPath(ids.bo)), 403, 'Forbidden');
    expectError(await client(token).PUT('/compat/appmixer/users/{userId}', { ...userPath(ids.bo), body: { metadata: {} } }), 403, 'Forbidden');
    expectError(await client(token).DELETE('/compat/appmixer/users/{userId}', userPath(ids.bo)), 403, 'Forbidden');
    expectError(await client(token).GET('/compat/appmixer/users/{userId}/delete-status/{ticket}', { params: { path: { userId: ids.bo, ticket: randomUUID() } } }), 403, 'Forbidden');
    expectError(await client(token).POST('/compat/appmixer/user/reset-password', { body: { email: emailOf('list-bo'), password: 'another pass phrase' } }), 403, 'Forbidden');
    // Without a token at all: 401.
    const anonymous = [() => client().GET('/compat/appmixer/users'), () => client().GET('/compat/appmixer/users/count'), () => client().GET('/compat/appmixer/users/{userId}', userPath(ids.bo))];
    for (const send of anonymous) expectError(await send(), 401, 'Unauthorized');
  });
});

describe('PUT /users/:userId', () => {
  const update = (userId: string, body: operations['appmixer_updateUser']['requestBody']['content']['application/json']) => client(admin).PUT('/compat/appmixer/users/{userId}', { ...userPath(userId), body });
  const readBack = async (userId: string) => (await client(admin).GET('/compat/appmixer/users/{userId}', userPath(userId))).data!;
  const patchV1 = (id: string, body: { plan?: string; status?: 'active' | 'suspended' | 'locked'; metadata?: Record<string, unknown> }) => client(admin).PATCH('/api/v1/users/{id}', { ...v1Path(id), body });

  it('updates scope, vendor (one or several), metadata and email; /api/v1 reads the same', async () => {
    const user = await fixtureUser('updated');
    const { data, error, response } = await update(user.id, { scope: ['user', 'tester'], vendor: 'slack', metadata: { seat: 7 }, email: emailOf('renamed') });
    expect(response.status, JSON.stringify(error)).toBe(200);
    expect(data).toMatchObject({ id: user.id, email: emailOf('renamed'), scope: ['tester', 'user'], vendor: ['slack'], metadata: { seat: 7 } });
    const v1 = await client(admin).GET('/api/v1/users/{id}', v1Path(user.id));
    expect(v1.data).toMatchObject({ email: emailOf('renamed'), scope: ['tester', 'user'], vendor: ['slack'], metadata: { seat: 7 } });

    const several = await update(user.id, { vendor: ['jira', 'slack', 'jira'] });
    expect(several.data).toMatchObject({ vendor: ['jira', 'slack'], metadata: { seat: 7 } });
  });

  it('shows at once what /api/v1 changed, isActive following the status', async () => {
    const user = await fixtureUser('changed-elsewhere');
    const patched = await patchV1(user.id, { plan: 'pro', status: 'suspended', metadata: { from: 'v1' } });
    expect(patched.response.status).toBe(200);
    expect(await readBack(user.id)).toMatchObject({ plan: 'pro', isActive: false, metadata: { from: 'v1' } });
    await patchV1(user.id, { status: 'locked' });
    expect((await readBack(user.id)).isActive).toBe(false);
    await patchV1(user.id, { status: 'active' });
    expect((await readBack(user.id)).isActive).toBe(true);
    // Invited, no password yet: not active either.
    const invited = await client(admin).POST('/api/v1/users', { body: { email: emailOf('invited'), sendInvite: false } });
    expect(invited.response.status, JSON.stringify(invited.error)).toBe(201);
    if (!invited.data || !('user' in invited.data)) throw new Error(`Expected the created user: ${JSON.stringify(invited.data)}`);
    expect(await readBack(invited.data.user.id)).toMatchObject({ email: emailOf('invited'), isActive: false });
  });

  it('refuses bad fields, an unknown user and removing your own admin scope', async () => {
    const user = await fixtureUser('badly-updated');
    expectError(await update(user.id, { email: 'nope' }), 400, 'Bad Request', /email/);
    // Wrong shapes on purpose, the untyped call (the document types scope and metadata as any value).
    const put = (id: string, json: unknown) => am(`/users/${id}`, { method: 'PUT', token: admin, json });
    expectError(await put(user.id, { scope: 'admin' }), 400, 'Bad Request', /scope/);
    expectError(await put(user.id, { vendor: 42 }), 400, 'Bad Request', /vendor must be a string or an array/);
    expectError(await put(user.id, { metadata: [1, 2] }), 400, 'Bad Request', /metadata/);
    expectError(await put(user.id, { plan: 'pro' }), 400, 'Bad Request', /plan/);
    expectError(await update(user.id, {}), 400, 'Bad Request', /at least one field/);
    expectError(await update(user.id, { email: TEST_ADMIN.email }), 409, 'Conflict', /already has this email/);
    expectError(await update('usr_nobody', { metadata: {} }), 404, 'Not Found');
    const me = (await readMe(admin)).data!;
    expectError(await update(me.id, { scope: ['user'] }), 400, 'Bad Request', /own account/);
  });
});

describe('password calls', () => {
  it('POST /user/change-password: the old password must be right; the new one signs in', async () => {
    const user = await fixtureUser('changer');
    const token = await signIn(user.email, PASSWORD);
    const change = (oldPassword: string, newPassword: string, as?: string) => client(as).POST('/compat/appmixer/user/change-password', { body: { oldPassword, newPassword } });
    expectError(await change('wrong pass phrase', 'my changed pass phrase', token), 400, 'Bad Request', /current password/);
    // A body the types forbid, on purpose: the untyped call.
    expectError(await post('/user/change-password', { oldPassword: PASSWORD }, token), 400, 'Bad Request', /newPassword/);
    expectError(await change(PASSWORD, 'short', token), 400, 'Bad Request', /newPassword/);
    expectError(await change(PASSWORD, 'my changed pass phrase'), 401, 'Unauthorized');
    const changed = await change(PASSWORD, 'my changed pass phrase', token);
    expect(changed.response.status).toBe(200);
    expect(changed.data).toEqual({});
    // The token used keeps working; the old password does not.
    expect((await readMe(token)).response.status).toBe(200);
    expect((await auth(user.email, PASSWORD)).response.status).toBe(401);
    expect((await auth(user.email, 'my changed pass phrase')).response.status).toBe(200);
  });

  it('POST /user/reset-password: an admin sets the password by email; the user’s tokens end', async () => {
    const user = await fixtureUser('reset-by-admin');
    const token = await signIn(user.email, PASSWORD);
    const setPassword = (email: string, password: string, as?: string) => client(as).POST('/compat/appmixer/user/reset-password', { body: { email, password } });
    const reset = await setPassword(user.email.toUpperCase(), 'set by the admin 2026', admin);
    expect(reset.response.status, JSON.stringify(reset.error)).toBe(200);
    expect(reset.data).toEqual({});
    expect((await readMe(token)).response.status).toBe(401);
    expect((await auth(user.email, 'set by the admin 2026')).response.status).toBe(200);

    expectError(await setPassword(emailOf('nobody'), 'set by the admin 2026', admin), 404, 'Not Found', /no user with this email/);
    // A body the types forbid, on purpose: the untyped call.
    expectError(await post('/user/reset-password', { email: user.email }, admin), 400, 'Bad Request', /password is required/);
    expectError(await setPassword(user.email, 'abc12', admin), 400, 'Bad Request', /password/);
    expectError(await setPassword(user.email, 'set by the admin 2026'), 401, 'Unauthorized');
  });

  it.each(['/forgot-password', '/user/forgot-password'] as const)('POST %s mails a code that its /reset takes; known and unknown emails answer alike', async (path) => {
    const user = await fixtureUser(`forgetful${path.replaceAll('/', '-')}`);
    const forgot = (email: string) => client().POST(`${MOUNT}${path}`, { body: { email } });
    const reset = (code: string, password: string) => client().POST(`${MOUNT}${path}/reset`, { body: { code, password } });
    const mark = sink.mails.length;
    const known = await forgot(user.email);
    const unknown = await forgot(emailOf('nobody-forgot'));
    expect(known.response.status).toBe(200);
    expect(unknown.response.status).toBe(200);
    expect(known.data).toEqual(unknown.data);
    const code = linkIn(await mailSince(mark, user.email, /Reset your/), '/reset-password').searchParams.get('code')!;

    // The document allows five characters; Gatehouse's password policy decides.
    expectError(await reset(code, 'abc12'), 400, 'Bad Request', /password/);
    expectError(await reset('not-a-code', 'my recovered pass phrase'), 400, 'Bad Request', /invalid or has expired/);
    // A body the types forbid, on purpose: the untyped call.
    expectError(await post(`${path}/reset`, { password: 'my recovered pass phrase' }), 400, 'Bad Request', /code/);
    const done = await reset(code, 'my recovered pass phrase');
    expect(done.response.status, JSON.stringify(done.error)).toBe(200);
    expect(done.data).toEqual({});
    expect((await auth(user.email, 'my recovered pass phrase')).response.status).toBe(200);
    // Single use.
    expectError(await reset(code, 'yet another pass phrase'), 400, 'Bad Request');
    expectError(await forgot('not-an-email'), 400, 'Bad Request', /email/);
  });
});

describe('a tenant admin', () => {
  let tenantAdmin = '';
  let member: { id: string; email: string };
  let outsider: { id: string; email: string };

  beforeAll(async () => {
    const tenant = await client(admin).POST('/api/v1/tenants', { body: { slug: `t-${RUN}`, name: `Tenant ${RUN}` } });
    expect(tenant.response.status, JSON.stringify(tenant.error)).toBe(201);
    const boss = await fixtureUser('tenant-boss');
    member = await fixtureUser('tenant-member');
    outsider = await fixtureUser('tenant-outsider');
    for (const [user, role] of [[boss, 'admin'], [member, 'user']] as const) {
      const joined = await client(admin).PUT('/api/v1/tenants/{tenant}/users/{userId}', { params: { path: { tenant: tenant.data!.id, userId: user.id } }, body: { role } });
      expect(joined.response.status, JSON.stringify(joined.error)).toBeLessThan(300);
    }
    tenantAdmin = await signIn(boss.email, PASSWORD);
  });

  it('lists, counts and reads only their tenants’ users; another tenant’s user is 404', async () => {
    const list = await client(tenantAdmin).GET('/compat/appmixer/users', { params: { query: { pattern: RUN, limit: 100 } } });
    expect(list.response.status).toBe(200);
    expect(list.data!.map((user) => user.email).sort()).toEqual([emailOf('tenant-boss'), emailOf('tenant-member')]);
    expect((await client(tenantAdmin).GET('/compat/appmixer/users/count', { params: { query: { pattern: RUN } } })).data).toEqual({ count: 2 });
    expect((await client(tenantAdmin).GET('/compat/appmixer/users/{userId}', userPath(member.id))).response.status).toBe(200);
    expectError(await client(tenantAdmin).GET('/compat/appmixer/users/{userId}', userPath(outsider.id)), 404, 'Not Found');
    expectError(await client(tenantAdmin).PUT('/compat/appmixer/users/{userId}', { ...userPath(outsider.id), body: { metadata: { x: 1 } } }), 404, 'Not Found');
  });

  it('edits their users but not scopes, and cannot delete or set passwords (system admin calls)', async () => {
    const edit = (body: { metadata?: Record<string, unknown>; vendor?: string; scope?: string[] }) => client(tenantAdmin).PUT('/compat/appmixer/users/{userId}', { ...userPath(member.id), body });
    const edited = await edit({ metadata: { desk: 4 }, vendor: 'slack' });
    expect(edited.response.status, JSON.stringify(edited.error)).toBe(200);
    expect(edited.data).toMatchObject({ metadata: { desk: 4 }, vendor: ['slack'] });
    expectError(await edit({ scope: ['admin'] }), 403, 'Forbidden', /scopes/);
    expectError(await client(tenantAdmin).DELETE('/compat/appmixer/users/{userId}', userPath(member.id)), 403, 'Forbidden');
    expectError(await client(tenantAdmin).POST('/compat/appmixer/user/reset-password', { body: { email: member.email, password: 'tenant admin sets this' } }), 403, 'Forbidden');
  });
});

describe('DELETE /users/:userId and its delete-status', () => {
  const deleteStatus = (userId: string, ticket: string) => client(admin).GET('/compat/appmixer/users/{userId}/delete-status/{ticket}', { params: { path: { userId, ticket } } });

  it('answers 200 {ticket}, ends the user’s token at once and runs the deletion job to completion', async () => {
    const user = await fixtureUser('doomed');
    const token = await signIn(user.email, PASSWORD);
    expect((await readMe(token)).response.status).toBe(200);

    const { data, response } = await client(admin).DELETE('/compat/appmixer/users/{userId}', userPath(user.id));
    expect(response.status).toBe(200);
    expect(Object.keys(data!)).toEqual(['ticket']);
    expect(data!.ticket).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const { ticket } = data!;
    expectError(await readMe(token), 401, 'Unauthorized');

    const seen: Array<{ status: string; stepsDone: number; stepsTotal: number }> = [];
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const status = await deleteStatus(user.id, ticket);
      expect(status.response.status).toBe(200);
      expect(Object.keys(status.data!).sort()).toEqual(['status', 'stepsDone', 'stepsTotal']);
      seen.push(status.data!);
      if (status.data!.status !== 'in-progress') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(seen.at(-1)).toEqual({ status: 'completed', stepsDone: DELETION_STEPS.length, stepsTotal: DELETION_STEPS.length });
    expect(seen.every((s) => ['in-progress', 'completed'].includes(s.status))).toBe(true);
    for (let i = 1; i < seen.length; i++) expect(seen[i].stepsDone).toBeGreaterThanOrEqual(seen[i - 1].stepsDone);

    // Gone everywhere: the token, the password, both APIs.
    expectError(await readMe(token), 401, 'Unauthorized');
    expect((await auth(user.email, PASSWORD)).response.status).toBe(401);
    expectError(await client(admin).GET('/compat/appmixer/users/{userId}', userPath(user.id)), 404, 'Not Found');
    expect((await client(admin).GET('/api/v1/users/{id}', v1Path(user.id))).response.status).toBe(404);
    expect((await client(admin).GET('/api/v1/users/{id}/delete-status/{ticket}', { params: { path: { id: user.id, ticket } } })).data).toMatchObject({ status: 'completed', stepsDone: DELETION_STEPS.length, stepsTotal: DELETION_STEPS.length });
    expectError(await client(admin).DELETE('/compat/appmixer/users/{userId}', userPath(user.id)), 404, 'Not Found');
  });

  it('reports a deletion started through /api/v1 too; a made-up or another user’s ticket is 404', async () => {
    const user = await fixtureUser('deleted-via-v1');
    const other = await fixtureUser('not-deleted');
    const started = await client(admin).DELETE('/api/v1/users/{id}', v1Path(user.id));
    expect(started.response.status).toBe(202);
    const { ticket } = started.data!;
    const status = await deleteStatus(user.id, ticket);
    expect(status.response.status).toBe(200);
    expect(['in-progress', 'completed']).toContain(status.data!.status);
    expect(status.data!.stepsTotal).toBe(DELETION_STEPS.length);
    expectError(await deleteStatus(user.id, randomUUID()), 404, 'Not Found');
    expectError(await deleteStatus(other.id, ticket), 404, 'Not Found');
  });

  it('refuses deleting yourself', async () => {
    const me = (await readMe(admin)).data!;
    expectError(await client(admin).DELETE('/compat/appmixer/users/{userId}', userPath(me.id)), 409, 'Conflict', /your own account/);
  });
});

describe('what /api/v1 creates', () => {
  it('reads back the same through the Appmixer mount', async () => {
    const created = await client(admin).POST('/api/v1/users', { body: { email: emailOf('from-v1'), username: `u-${RUN}`, password: PASSWORD, plan: 'team', vendor: ['jira'], scope: ['user', 'tester'], metadata: { a: 1 } } });
    expect(created.response.status, JSON.stringify(created.error)).toBe(201);
    if (!created.data || !('user' in created.data)) throw new Error(`Expected the created user: ${JSON.stringify(created.data)}`);
    const { user } = created.data;
    const read = await client(admin).GET('/compat/appmixer/users/{userId}', userPath(user.id));
    expect(read.data).toEqual({ id: user.id, username: `u-${RUN}`, email: emailOf('from-v1'), isActive: true, plan: 'team', metadata: { a: 1 }, scope: ['tester', 'user'], vendor: ['jira'], created: user.createdAt });
    // And signs in through it by username as well as by email.
    expect((await auth(`u-${RUN}`, PASSWORD)).data!.user.email).toBe(emailOf('from-v1'));
  });
});

describe('unknown paths and wrong methods', () => {
  it('answer 404 and 405 (with Allow) in the hapi shape, never HTML', async () => {
    // Paths and methods the document does not have: the untyped calls.
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
