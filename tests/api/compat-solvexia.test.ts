import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { operations } from '@/lib/openapi/api-types';
import { api, signInForToken } from '../support/api';
import { useServerDatabase } from '../support/database';
import { TEST_ADMIN } from '../support/server';
import { gatehouse } from '../support/typed-client';

/**
 * Issue 14, Solvexia (seeds/004): a client written from Solvexia's document, pointed at
 * /compat/solvexia, gets its OAuth token and walks every documented call, on both printed
 * path prefixes and both spellings of `permissions`; what it writes reads back the same
 * through /api/v1, and the reverse.
 */

const MOUNT = '/compat/solvexia';
const PASSWORD = 'solvexia test password 14';
const tag = `sx${Date.now().toString(36)}`;
const USER_FIELDS = ['id', 'firstName', 'lastName', 'loginName', 'email', 'accountStatus', 'city', 'country', 'dateOfBirth', 'department', 'lastSignInDate', 'phoneNumberLand', 'phoneNumberMobile', 'timezone', 'userRole'];

let adminApiToken = '';
let admin = '';
let env: Awaited<ReturnType<typeof useServerDatabase>>;
let serial = 0;

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** The token endpoint as an OAuth client calls it: a form body unless told otherwise. */
function tokenRequest(body: { grant_type: string; client_id?: string; client_secret?: string }, { json = false, headers = {} }: { json?: boolean; headers?: Record<string, string> } = {}) {
  return gatehouse({ headers }).POST('/compat/solvexia/oauth/token', { body, headers: json ? {} : FORM });
}

/** The token endpoint with fields its types forbid, on purpose: the untyped call. */
const untypedTokenRequest = (fields: Record<string, string>) => api(`${MOUNT}/oauth/token`, { method: 'POST', body: new URLSearchParams(fields).toString(), headers: FORM });

async function solvexiaToken(clientId: string, clientSecret: string): Promise<string> {
  const { data, error, response } = await tokenRequest({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }, { json: true });
  expect(response.status, JSON.stringify(error)).toBe(200);
  return data!.access_token;
}

/** The dialect's typed client, as the admin unless told otherwise. */
const sx = (token = admin) => gatehouse({ token });
/** An untyped call to the dialect, for requests its types forbid on purpose. */
const untyped = (path: string, init: { method?: string; token?: string; json?: unknown } = {}) => api(`${MOUNT}${path}`, { token: admin, ...init });
const v1 = (token = adminApiToken) => gatehouse({ token });
const userPath = (userId: string) => ({ params: { path: { userId } } });
const grantPath = (userId: string, resourceId: string) => ({ params: { path: { userId, resourceId } } });
const readUser = async (userId: string, token = admin) => (await sx(token).GET('/compat/solvexia/v1/users/{userId}', userPath(userId))).data!;
type NewSolvexiaUser = operations['solvexia_createUser']['requestBody']['content']['application/json'];
const createUser = (body: NewSolvexiaUser, token = admin) => sx(token).POST('/compat/solvexia/v1/users', { body });

/** A setup call's data; fails the test unless it succeeded. */
function ok<T>({ data, error, response }: { data?: T; error?: unknown; response: Response }): T {
  expect(response.status, `${response.url}: ${JSON.stringify(error)}`).toBeLessThan(300);
  return data as T;
}

async function newUser(extra: { tenant?: string } = {}): Promise<{ id: string; email: string }> {
  serial += 1;
  const email = `${tag}-${serial}@example.com`;
  const created = ok(await v1().POST('/api/v1/users', { body: { email, password: PASSWORD, ...extra } }));
  // An admin's create answers 201 with the user; 202 is an anonymous sign-up's answer.
  if (!('user' in created)) throw new Error(`Expected the created user: ${JSON.stringify(created)}`);
  return { id: created.user.id, email };
}

async function accessKeyOf(email: string): Promise<string> {
  return ok(await v1(await signInForToken(email, PASSWORD)).GET('/api/v1/me/access-key')).accessKey;
}

type Refusal = Awaited<ReturnType<typeof api>> | { response: Response; error?: unknown };

/** Solvexia's general error object: a message and a fresh support id, nothing else; from an untyped or a typed call. */
function expectSolvexiaError(answer: Refusal, status: number, message?: RegExp) {
  const { headers, body } = 'response' in answer ? { headers: answer.response.headers, body: answer.error as Record<string, any> } : answer;
  expect('response' in answer ? answer.response.status : answer.status, JSON.stringify(body)).toBe(status);
  expect(headers.get('content-type')).toMatch(/^application\/json/);
  expect(Object.keys(body).sort()).toEqual(['message', 'supportId']);
  expect(body.supportId).toMatch(/^[0-9a-f-]{36}$/);
  if (message) expect(body.message).toMatch(message);
}

const withoutSupportId = ({ supportId: _supportId, ...rest }: Record<string, unknown>) => rest;

beforeAll(async () => {
  env = await useServerDatabase();
  adminApiToken = await signInForToken(TEST_ADMIN.email, TEST_ADMIN.password);
  admin = await solvexiaToken(TEST_ADMIN.email, TEST_ADMIN.password);
});

describe('POST /oauth/token (client credentials)', () => {
  const meWith = async (token: string) => (await gatehouse({ token }).GET('/api/v1/me')).data!;

  it('trades an email and password, as JSON, for a bearer token that every mount accepts', async () => {
    const user = await newUser();
    const { data, response } = await tokenRequest({ grant_type: 'client_credentials', client_id: user.email, client_secret: PASSWORD }, { json: true });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(Object.keys(data!).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
    expect(data!.token_type).toBe('Bearer');
    expect(data!.expires_in).toBeGreaterThan(3600);
    expect((await meWith(data!.access_token)).id).toBe(user.id);
  });

  it('trades a user id and access key as a form body, or as HTTP Basic, and records the sign-in', async () => {
    const user = await newUser();
    const key = await accessKeyOf(user.email);
    const form = await tokenRequest({ grant_type: 'client_credentials', client_id: user.id, client_secret: key });
    expect(form.response.status, JSON.stringify(form.error)).toBe(200);
    expect((await meWith(form.data!.access_token)).id).toBe(user.id);

    const basic = await tokenRequest({ grant_type: 'client_credentials' }, { headers: { authorization: `Basic ${Buffer.from(`${encodeURIComponent(user.email)}:${encodeURIComponent(key)}`).toString('base64')}` } });
    expect(basic.response.status, JSON.stringify(basic.error)).toBe(200);
    expect((await meWith(basic.data!.access_token)).id).toBe(user.id);
    expect(ok(await v1().GET('/api/v1/users/{id}', { params: { path: { id: user.id } } })).lastSignInAt).not.toBeNull();
  });

  it('answers an unknown client, a wrong password and another user’s access key identically (OAuth’s invalid_client)', async () => {
    const [owner, other] = [await newUser(), await newUser()];
    const othersKey = await accessKeyOf(other.email);
    const attempts = [
      { client_id: `${tag}-nobody@example.com`, client_secret: PASSWORD },
      { client_id: owner.email, client_secret: 'not the password at all' },
      { client_id: owner.id, client_secret: othersKey },
      { client_id: 'usr_nobody', client_secret: othersKey },
    ];
    const answers = [];
    for (const attempt of attempts) {
      const { error, response } = await tokenRequest({ grant_type: 'client_credentials', ...attempt });
      expect(response.status).toBe(401);
      expect(error!.supportId).toMatch(/^[0-9a-f-]{36}$/);
      answers.push(withoutSupportId(error!));
    }
    expect(answers[0]).toEqual({ error: 'invalid_client', error_description: 'The client_id or client_secret is wrong.', message: 'The client_id or client_secret is wrong.' });
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(JSON.stringify(answers)).not.toContain(othersKey);
  });

  it('refuses another grant type, missing parameters and other body formats in OAuth’s shape', async () => {
    const grant = await untypedTokenRequest({ grant_type: 'password', username: TEST_ADMIN.email, password: TEST_ADMIN.password });
    expect(grant.status).toBe(400);
    expect(grant.body).toMatchObject({ error: 'unsupported_grant_type', message: expect.stringMatching(/client_credentials/) });

    const noGrant = await untypedTokenRequest({ client_id: TEST_ADMIN.email, client_secret: TEST_ADMIN.password });
    expect(noGrant.status).toBe(400);
    expect(noGrant.body).toMatchObject({ error: 'invalid_request', message: expect.stringMatching(/grant_type: grant_type is required/) });

    const noSecret = await tokenRequest({ grant_type: 'client_credentials', client_id: TEST_ADMIN.email }, { json: true });
    expect(noSecret.response.status).toBe(400);
    expect(noSecret.error).toMatchObject({ error: 'invalid_request', message: expect.stringMatching(/client_secret is required/) });

    // A body format and a method the document does not have: the untyped calls.
    const text = await api(`${MOUNT}/oauth/token`, { method: 'POST', body: 'grant_type=client_credentials', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(400);
    expect(text.body.error).toBe('invalid_request');

    const get = await api(`${MOUNT}/oauth/token`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
    expect(get.body.error).toBe('invalid_request');
  });

  it('tells a suspended user who knows the password that the account cannot sign in, and no one else', async () => {
    const user = await newUser();
    ok(await v1().PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body: { status: 'suspended' } }));
    const { error, response } = await tokenRequest({ grant_type: 'client_credentials', client_id: user.email, client_secret: PASSWORD });
    expect(response.status).toBe(401);
    expect(error).toMatchObject({ error: 'invalid_client', message: expect.stringMatching(/cannot sign in/) });
  });
});

describe('the documented calls, in order', () => {
  let created: Awaited<ReturnType<typeof readUser>>;
  let resource: { id: string; name: string };

  beforeAll(async () => {
    resource = ok(await v1().POST('/api/v1/resources', { body: { name: `${tag} Sales reconciliation`, kind: 'process' } }));
  });

  it('POST /v1/users creates a user from the document’s example body, answering 200 with a User', async () => {
    const email = `${tag}-mona.benson@sample.com`;
    const { data, error, response } = await createUser({ email, firstName: 'Mona', lastName: 'Benson', password: 'Samplepassword12', userRole: 'Designer', timezone: '(UTC+10:00) Canberra, Melbourne, Sydney' });
    expect(response.status, JSON.stringify(error)).toBe(200);
    created = data!;
    expect(Object.keys(created)).toEqual(USER_FIELDS);
    expect(created).toEqual({
      id: expect.stringMatching(/^usr_/),
      firstName: 'Mona',
      lastName: 'Benson',
      loginName: email,
      email,
      accountStatus: 'Active',
      city: null,
      country: null,
      dateOfBirth: null,
      department: null,
      lastSignInDate: null,
      phoneNumberLand: null,
      phoneNumberMobile: null,
      timezone: '(UTC+10:00) Canberra, Melbourne, Sydney',
      userRole: 'Designer',
    });
    // The new user signs in with the password given.
    expect(await solvexiaToken(email, 'Samplepassword12')).toMatch(/^gh_/);
  });

  it('POST /api/v1/users, the other prefix the document prints, creates a user the same way', async () => {
    const email = `${tag}-prefixed@sample.com`;
    const { data, error, response } = await sx().POST('/compat/solvexia/api/v1/users', {
      body: { email, firstName: 'Pia', lastName: 'Prefix', password: 'Samplepassword12', userRole: 'Subscriber', timezone: '(UTC+10:00) Canberra, Melbourne, Sydney' },
    });
    expect(response.status, JSON.stringify(error)).toBe(200);
    expect(data).toMatchObject({ loginName: email, email, accountStatus: 'Active', userRole: 'Subscriber' });
  });

  it('GET /api/v1/users lists every user as {id, loginName}, on both prefixes', async () => {
    const { data, response } = await sx().GET('/compat/solvexia/api/v1/users');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Array.isArray(data)).toBe(true);
    for (const item of data!) expect(Object.keys(item)).toEqual(['id', 'loginName']);
    expect(data).toContainEqual({ id: created.id, loginName: created.loginName });
    expect(data).toContainEqual(expect.objectContaining({ loginName: TEST_ADMIN.email }));
    expect((await sx().GET('/compat/solvexia/v1/users')).data).toEqual(data);
  });

  it('GET /v1/users/{userId} reads the user, with the sign-in time as printed', async () => {
    const { data, response } = await sx().GET('/compat/solvexia/v1/users/{userId}', userPath(created.id));
    expect(response.status).toBe(200);
    expect(Object.keys(data!)).toEqual(USER_FIELDS);
    expect(data!.lastSignInDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}$/);
    expect((await sx().GET('/compat/solvexia/api/v1/users/{userId}', userPath(created.id))).data).toEqual(data);
  });

  it('POST /v1/users/{userId} updates the document’s example fields and the rest, reading back the same through /api/v1', async () => {
    const { data, error, response } = await sx().POST('/compat/solvexia/v1/users/{userId}', {
      ...userPath(created.id),
      body: {
        lastName: 'Jordan',
        accountStatus: 'Suspended',
        email: `${tag}-mona.jordan@sample.com`,
        city: 'Brisbane',
        country: 'New Zeland',
        dateOfBirth: '19/09/1999',
        department: 'Marketing',
        phoneNumberLand: '0281538412',
        phoneNumberMobile: '0481538412',
        timezone: '(UTC-10:00) Hawaii',
        userRole: 'Subscriber',
      },
    });
    expect(response.status, JSON.stringify(error)).toBe(200);
    expect(data).toMatchObject({
      firstName: 'Mona',
      lastName: 'Jordan',
      loginName: created.loginName,
      email: `${tag}-mona.jordan@sample.com`,
      accountStatus: 'Suspended',
      city: 'Brisbane',
      country: 'New Zeland',
      dateOfBirth: '19/09/1999',
      department: 'Marketing',
      phoneNumberLand: '0281538412',
      phoneNumberMobile: '0481538412',
      timezone: '(UTC-10:00) Hawaii',
      userRole: 'Subscriber',
    });
    expect(ok(await v1().GET('/api/v1/users/{id}', { params: { path: { id: created.id } } }))).toMatchObject({
      lastName: 'Jordan',
      status: 'suspended',
      email: `${tag}-mona.jordan@sample.com`,
      dateOfBirth: '1999-09-19',
      phoneLand: '0281538412',
      phoneMobile: '0481538412',
      timezone: 'Pacific/Honolulu',
      role: 'Subscriber',
    });
    const same = await sx().POST('/compat/solvexia/api/v1/users/{userId}', { ...userPath(created.id), body: { accountStatus: 'Active', dateOfBirth: null } });
    expect(same.data).toMatchObject({ accountStatus: 'Active', dateOfBirth: null });
  });

  it('reads what /api/v1 writes in Solvexia’s formats', async () => {
    const patchV1 = async (body: { timezone: string; dateOfBirth?: string; status: 'active' | 'locked'; role?: 'ClientAdmin'; username?: string }) => ok(await v1().PATCH('/api/v1/users/{id}', { params: { path: { id: created.id } }, body }));
    await patchV1({ timezone: 'Australia/Sydney', dateOfBirth: '1980-01-31', status: 'locked', role: 'ClientAdmin', username: `${tag}.mona.benson` });
    expect(await readUser(created.id)).toMatchObject({
      timezone: '(UTC+10:00) Canberra, Melbourne, Sydney',
      dateOfBirth: '31/01/1980',
      accountStatus: 'Locked',
      userRole: 'ClientAdmin',
      loginName: `${tag}.mona.benson`,
    });
    const list = (await sx().GET('/compat/solvexia/api/v1/users')).data;
    expect(list).toContainEqual({ id: created.id, loginName: `${tag}.mona.benson` });
    // A zone no display name covers reads as its IANA name, which the dialect takes back.
    await patchV1({ timezone: 'Pacific/Chatham', status: 'active' });
    expect((await readUser(created.id)).timezone).toBe('Pacific/Chatham');
    expect((await sx().POST('/compat/solvexia/v1/users/{userId}', { ...userPath(created.id), body: { timezone: 'Pacific/Chatham' } })).response.status).toBe(200);
  });

  it('shows an invited user as Pending', async () => {
    const invited = ok(await v1().POST('/api/v1/users', { body: { email: `${tag}-invited@example.com`, sendInvite: false } }));
    if (!('user' in invited)) throw new Error(`Expected the created user: ${JSON.stringify(invited)}`);
    expect((await readUser(invited.user.id)).accountStatus).toBe('Pending');
  });

  it('adds, updates, lists and deletes a permission on every printed path', async () => {
    const prefixes = ['/compat/solvexia/v1', '/compat/solvexia/api/v1'] as const;
    const spellings = ['permissions', 'permisions'] as const;
    for (const prefix of prefixes) {
      for (const spelling of spellings) {
        const list = () => sx().GET(`${prefix}/users/{userId}/${spelling}`, userPath(created.id));
        const grant = (role: 'executor' | 'editor') => sx().POST(`${prefix}/users/{userId}/${spelling}/{resourceId}`, { ...grantPath(created.id, resource.id), body: { role } });
        const revoke = () => sx().DELETE(`${prefix}/users/{userId}/${spelling}/{resourceId}`, grantPath(created.id, resource.id));
        expect((await list()).data).toEqual([]);
        const added = await grant('executor');
        expect(added.response.status, JSON.stringify(added.error)).toBe(200);
        expect(added.data).toEqual({ resourceId: resource.id, resourceName: resource.name, role: 'executor' });
        const updated = await grant('editor');
        expect(updated.response.status).toBe(200);
        expect(updated.data).toEqual({ resourceId: resource.id, resourceName: resource.name, role: 'editor' });
        const listed = await list();
        expect(listed.response.status).toBe(200);
        expect(listed.data).toEqual([{ resourceId: resource.id, resourceName: resource.name, role: 'editor' }]);
        expect(ok(await v1().GET('/api/v1/users/{id}/permissions', { params: { path: { id: created.id } } }))).toEqual([expect.objectContaining({ resourceId: resource.id, role: 'editor' })]);

        const deleted = await revoke();
        expect(deleted.response.status).toBe(200);
        // An empty body: openapi-fetch gives no data for it.
        expect(deleted.data).toBeUndefined();
        expect((await list()).data).toEqual([]);
        expectSolvexiaError(await revoke(), 404, /holds no role/);
      }
    }
  });

  it('lists a role granted through /api/v1, and leaves out an expired one', async () => {
    const other = ok(await v1().POST('/api/v1/resources', { body: { name: `${tag} Monthly Revenue`, kind: 'report' } }));
    const grantV1 = async (resourceId: string, body: { role: 'reader' | 'owner'; expiresAt?: string }) => ok(await v1().PUT('/api/v1/users/{id}/permissions/{resourceId}', { params: { path: { id: created.id, resourceId } }, body }));
    await grantV1(other.id, { role: 'reader' });
    await grantV1(resource.id, { role: 'owner', expiresAt: new Date(Date.now() + 60 * 60_000).toISOString() });
    expect((await sx().GET('/compat/solvexia/v1/users/{userId}/permissions', userPath(created.id))).data).toHaveLength(2);
    // The hour passes: the grant's expiry is moved into the past, rather than waited for.
    const { permissions } = env.schema;
    const moved = await env.write((tx) =>
      tx
        .update(permissions)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(and(eq(permissions.userId, created.id), eq(permissions.resourceId, resource.id)))
        .returning(),
    );
    expect(moved).toHaveLength(1);
    expect((await sx().GET('/compat/solvexia/v1/users/{userId}/permisions', userPath(created.id))).data).toEqual([{ resourceId: other.id, resourceName: other.name, role: 'reader' }]);
  });
});

describe('bad input', () => {
  let user: { id: string; email: string };
  let resource: { id: string };
  const valid = (): NewSolvexiaUser => ({ email: `${tag}-new${(serial += 1)}@example.com`, firstName: 'New', lastName: 'User', password: PASSWORD, userRole: 'Designer', timezone: '(UTC-10:00) Hawaii' });
  const update = (userId: string, body: operations['solvexia_updateUser']['requestBody']['content']['application/json'], token = admin) => sx(token).POST('/compat/solvexia/v1/users/{userId}', { ...userPath(userId), body });
  const grant = (userId: string, resourceId: string, role: 'reader', token = admin) => sx(token).POST('/compat/solvexia/v1/users/{userId}/permissions/{resourceId}', { ...grantPath(userId, resourceId), body: { role } });

  beforeAll(async () => {
    user = await newUser();
    resource = ok(await v1().POST('/api/v1/resources', { body: { name: `${tag} bad input`, kind: 'process' } }));
  });

  it('refuses a create with a missing, mistyped or unknown field, naming each one (400)', async () => {
    // Bodies the types forbid (fields missing, mistyped or unknown, a role not in the list): the untyped calls.
    const { password: _password, ...noPassword } = valid();
    expectSolvexiaError(await untyped('/v1/users', { method: 'POST', json: noPassword }), 400, /password: password is required/);
    const { timezone: _timezone, firstName: _firstName, ...twoMissing } = valid();
    expectSolvexiaError(await untyped('/v1/users', { method: 'POST', json: twoMissing }), 400, /firstName: firstName is required.*timezone: timezone is required/);
    expectSolvexiaError(await untyped('/v1/users', { method: 'POST', json: { ...valid(), lastName: 42 } }), 400, /lastName: lastName must be a string/);
    expectSolvexiaError(await untyped('/v1/users', { method: 'POST', json: { ...valid(), userRole: 'Boss' } }), 400, /userRole: userRole must be one of Subscriber, Designer, ClientAdmin, SVXAdmin/);
    expectSolvexiaError(await untyped('/v1/users', { method: 'POST', json: { ...valid(), nickname: 'x' } }), 400, /Unknown field: nickname/);
    expectSolvexiaError(await createUser({ ...valid(), timezone: '(UTC+10:00) Atlantis' }), 400, /timezone: Unknown time zone "\(UTC\+10:00\) Atlantis"/);
    expectSolvexiaError(await createUser({ ...valid(), email: 'not an email' }), 400, /email:/);
    expectSolvexiaError(await createUser({ ...valid(), password: 'short' }), 400, /password/);
    expectSolvexiaError(await createUser({ ...valid(), email: user.email }), 400, /already has this email/);
    const malformed = await api(`${MOUNT}/v1/users`, { method: 'POST', token: admin, body: '{"email": ', headers: { 'content-type': 'application/json' } });
    expectSolvexiaError(malformed, 400, /not valid JSON/);
  });

  it('refuses malformed and impossible dates, unknown time zones, statuses and roles in an update, changing nothing', async () => {
    const before = await readUser(user.id);
    // Some of these bodies the types forbid: the untyped call for all, alike.
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ dateOfBirth: '1999-09-19' }, /dateOfBirth: dateOfBirth must be in the format dd\/MM\/yyyy/],
      [{ dateOfBirth: '09/19/1999' }, /dateOfBirth: This date does not exist/],
      [{ dateOfBirth: '31/02/2000' }, /dateOfBirth: This date does not exist/],
      [{ dateOfBirth: 19091999 }, /dateOfBirth: dateOfBirth must be a string/],
      [{ timezone: 'Australia/Atlantis' }, /timezone: Unknown time zone/],
      [{ accountStatus: 'Disabled' }, /accountStatus: accountStatus must be one of Active, Suspended, Locked/],
      [{ accountStatus: 'Pending' }, /accountStatus: accountStatus must be one of Active, Suspended, Locked/],
      [{ userRole: 'Superuser' }, /userRole: userRole must be one of/],
      [{ firstName: 5 }, /firstName:/],
      [{ loginName: 'renamed' }, /Unknown field: loginName/],
      [{}, /Send at least one field to change/],
    ];
    for (const [json, message] of cases) expectSolvexiaError(await untyped(`/v1/users/${user.id}`, { method: 'POST', json }), 400, message);
    expect(await readUser(user.id)).toEqual(before);
  });

  it('answers 404 for an unknown user or resource, and 400 for an unknown permission role', async () => {
    expectSolvexiaError(await sx().GET('/compat/solvexia/v1/users/{userId}', userPath('usr_nobody')), 404, /There is no user usr_nobody/);
    expectSolvexiaError(await update('usr_nobody', { city: 'Perth' }), 404);
    expectSolvexiaError(await sx().GET('/compat/solvexia/v1/users/{userId}/permissions', userPath('usr_nobody')), 404);
    expectSolvexiaError(await grant('usr_nobody', resource.id, 'reader'), 404);
    expectSolvexiaError(await sx().POST('/compat/solvexia/v1/users/{userId}/permisions/{resourceId}', { ...grantPath(user.id, 'res_nope'), body: { role: 'reader' } }), 404, /no resource/);
    // Roles the types forbid, on purpose: the untyped calls.
    expectSolvexiaError(await untyped(`/v1/users/${user.id}/permissions/${resource.id}`, { method: 'POST', json: { role: 'admin' } }), 400, /role: role must be one of reader, executor, editor, owner/);
    expectSolvexiaError(await untyped(`/v1/users/${user.id}/permissions/${resource.id}`, { method: 'POST', json: {} }), 400, /role: role is required/);
  });

  it('refuses a missing, malformed or wrong credential (401) and unexpected query parameters (400)', async () => {
    expectSolvexiaError(await gatehouse().GET('/compat/solvexia/api/v1/users'), 401, /POST \/oauth\/token/);
    expectSolvexiaError(await sx('gh_not-a-real-token').GET('/compat/solvexia/api/v1/users'), 401, /invalid, expired or revoked/);
    expectSolvexiaError(await gatehouse({ headers: { authorization: 'Token abc' } }).GET('/compat/solvexia/api/v1/users'), 401);
    expectSolvexiaError(await gatehouse().POST('/compat/solvexia/v1/users', { body: valid() }), 401);
    // A parameter the types forbid, on purpose: the untyped call.
    expectSolvexiaError(await untyped('/api/v1/users?limit=5'), 400, /takes no query parameters: limit/);
  });

  it('answers unknown paths (404) and wrong methods (405 with Allow) in Solvexia’s shape', async () => {
    // Paths and methods the document does not have: the untyped calls.
    expectSolvexiaError(await untyped('/v1/nothing/here'), 404);
    const wrongMethod = await untyped(`/v1/users/${user.id}`, { method: 'DELETE' });
    expectSolvexiaError(wrongMethod, 405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
    const put = await untyped(`/v1/users/${user.id}/permisions/${resource.id}`, { method: 'PUT', json: { role: 'reader' } });
    expectSolvexiaError(put, 405);
    expect(put.headers.get('allow')).toBe('POST, DELETE, OPTIONS');
  });
});

describe('who may call what', () => {
  let tenantAdmin = '';
  let bossEmail = '';
  let plain = '';
  let member: { id: string; email: string };
  let outsider: { id: string; email: string };
  let ownResource: { id: string; name: string };
  let otherResource: { id: string };

  beforeAll(async () => {
    const a = ok(await v1().POST('/api/v1/tenants', { body: { slug: `${tag}-a`, name: 'A' } }));
    ok(await v1().POST('/api/v1/tenants', { body: { slug: `${tag}-b`, name: 'B' } }));
    const boss = await newUser({ tenant: `${tag}-a` });
    bossEmail = boss.email;
    ok(await v1().PUT('/api/v1/tenants/{tenant}/users/{userId}', { params: { path: { tenant: a.id, userId: boss.id } }, body: { role: 'admin' } }));
    member = await newUser({ tenant: `${tag}-a` });
    outsider = await newUser({ tenant: `${tag}-b` });
    ownResource = ok(await v1().POST('/api/v1/resources', { body: { name: `${tag} tenant A`, kind: 'process', tenantId: a.id } }));
    otherResource = ok(await v1().POST('/api/v1/resources', { body: { name: `${tag} nobody's`, kind: 'process' } }));
    tenantAdmin = await solvexiaToken(boss.email, PASSWORD);
    plain = await solvexiaToken(outsider.id, await accessKeyOf(outsider.email));
  });

  it('refuses a plain user’s token on every call (403), even on their own account', async () => {
    const as = sx(plain);
    const calls: Array<() => Promise<{ response: Response; error?: unknown }>> = [
      () => as.GET('/compat/solvexia/api/v1/users'),
      () => as.GET('/compat/solvexia/v1/users'),
      () => as.POST('/compat/solvexia/v1/users', { body: { email: `${tag}-x@example.com`, firstName: 'X', lastName: 'Y', password: PASSWORD, userRole: 'SVXAdmin', timezone: '(UTC-10:00) Hawaii' } }),
      () => as.GET('/compat/solvexia/v1/users/{userId}', userPath(outsider.id)),
      () => as.POST('/compat/solvexia/v1/users/{userId}', { ...userPath(outsider.id), body: { userRole: 'SVXAdmin' } }),
      () => as.GET('/compat/solvexia/v1/users/{userId}/permissions', userPath(member.id)),
      () => as.POST('/compat/solvexia/v1/users/{userId}/permisions/{resourceId}', { ...grantPath(member.id, ownResource.id), body: { role: 'owner' } }),
      () => as.DELETE('/compat/solvexia/api/v1/users/{userId}/permissions/{resourceId}', grantPath(member.id, ownResource.id)),
    ];
    for (const send of calls) expectSolvexiaError(await send(), 403);
    expect(ok(await v1().GET('/api/v1/users/{id}', { params: { path: { id: outsider.id } } })).role).toBe('Subscriber');
  });

  it('lets a tenant admin reach their tenant’s users and resources only; others answer 404', async () => {
    const as = sx(tenantAdmin);
    const list = (await as.GET('/compat/solvexia/api/v1/users')).data!;
    expect(list.map((item) => item.id)).toContain(member.id);
    expect(list.map((item) => item.id)).not.toContain(outsider.id);

    expect((await as.GET('/compat/solvexia/v1/users/{userId}', userPath(member.id))).response.status).toBe(200);
    expectSolvexiaError(await as.GET('/compat/solvexia/v1/users/{userId}', userPath(outsider.id)), 404);
    expectSolvexiaError(await as.POST('/compat/solvexia/v1/users/{userId}', { ...userPath(outsider.id), body: { city: 'Perth' } }), 404);
    expectSolvexiaError(await as.GET('/compat/solvexia/v1/users/{userId}/permissions', userPath(outsider.id)), 404);
    expectSolvexiaError(await as.POST('/compat/solvexia/v1/users/{userId}/permissions/{resourceId}', { ...grantPath(member.id, otherResource.id), body: { role: 'reader' } }), 404);

    const granted = await as.POST('/compat/solvexia/v1/users/{userId}/permisions/{resourceId}', { ...grantPath(member.id, ownResource.id), body: { role: 'reader' } });
    expect(granted.response.status, JSON.stringify(granted.error)).toBe(200);
    expect(granted.data).toEqual({ resourceId: ownResource.id, resourceName: ownResource.name, role: 'reader' });
    expect((await as.GET('/compat/solvexia/v1/users/{userId}/permissions', userPath(member.id))).data).toEqual([granted.data]);
    expect((await as.DELETE('/compat/solvexia/v1/users/{userId}/permissions/{resourceId}', grantPath(member.id, ownResource.id))).response.status).toBe(200);
  });

  it('lets a tenant admin change a member’s role as PATCH /api/v1 does, but not create users (only a system admin sets userRole)', async () => {
    const updated = await sx(tenantAdmin).POST('/compat/solvexia/v1/users/{userId}', { ...userPath(member.id), body: { userRole: 'SVXAdmin', city: 'Perth' } });
    expect(updated.response.status, JSON.stringify(updated.error)).toBe(200);
    expect(updated.data).toMatchObject({ userRole: 'SVXAdmin', city: 'Perth' });
    // The same rule on /api/v1: the tenant admin may set the role there too.
    const viaApi = await v1(await signInForToken(bossEmail, PASSWORD)).PATCH('/api/v1/users/{id}', { params: { path: { id: member.id } }, body: { role: 'Designer' } });
    expect(viaApi.response.status, JSON.stringify(viaApi.error)).toBe(200);
    expect((await readUser(member.id)).userRole).toBe('Designer');

    const create = await createUser({ email: `${tag}-by-tenant-admin@example.com`, firstName: 'T', lastName: 'A', password: PASSWORD, userRole: 'Designer', timezone: '(UTC-10:00) Hawaii' }, tenantAdmin);
    expectSolvexiaError(create, 403, /Only an admin can set role/);
  });

  it('never answers a password or its hash', async () => {
    const { data, response } = await createUser({ email: `${tag}-secret@example.com`, firstName: 'S', lastName: 'H', password: PASSWORD, userRole: 'Designer', timezone: '(UTC-10:00) Hawaii' });
    expect(response.status).toBe(200);
    expect(JSON.stringify(data)).not.toContain(PASSWORD);
    expect(JSON.stringify(data)).not.toMatch(/argon2|passwordHash|"password"/);
  });
});
