import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, signInForToken } from '../support/api';
import { useServerDatabase } from '../support/database';
import { TEST_ADMIN } from '../support/server';

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

/** The token endpoint as an OAuth client calls it: a form body unless told otherwise. */
async function tokenRequest(fields: Record<string, string>, { json = false, headers = {} }: { json?: boolean; headers?: Record<string, string> } = {}) {
  return json
    ? api(`${MOUNT}/oauth/token`, { method: 'POST', json: fields, headers })
    : api(`${MOUNT}/oauth/token`, { method: 'POST', body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
}

async function solvexiaToken(clientId: string, clientSecret: string): Promise<string> {
  const response = await tokenRequest({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }, { json: true });
  expect(response.status, response.text).toBe(200);
  return response.body.access_token as string;
}

const sx = (path: string, init: { method?: string; token?: string; json?: unknown } = {}) => api(`${MOUNT}${path}`, { token: admin, ...init });

async function v1(method: string, path: string, json?: unknown, token = adminApiToken): Promise<any> {
  const response = await api(path, { method, token, json });
  expect(response.status, `${method} ${path}: ${response.text}`).toBeLessThan(300);
  return response.body;
}

async function newUser(extra: Record<string, unknown> = {}): Promise<{ id: string; email: string }> {
  serial += 1;
  const email = `${tag}-${serial}@example.com`;
  const { user } = await v1('POST', '/api/v1/users', { email, password: PASSWORD, ...extra });
  return { id: user.id, email };
}

async function accessKeyOf(email: string): Promise<string> {
  return (await v1('GET', '/api/v1/me/access-key', undefined, await signInForToken(email, PASSWORD))).accessKey as string;
}

/** Solvexia's general error object: a message and a fresh support id, nothing else. */
function expectSolvexiaError(response: Awaited<ReturnType<typeof api>>, status: number, message?: RegExp) {
  expect(response.status, response.text).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(Object.keys(response.body).sort()).toEqual(['message', 'supportId']);
  expect(response.body.supportId).toMatch(/^[0-9a-f-]{36}$/);
  if (message) expect(response.body.message).toMatch(message);
}

const withoutSupportId = ({ supportId: _supportId, ...rest }: Record<string, unknown>) => rest;

beforeAll(async () => {
  env = await useServerDatabase();
  adminApiToken = await signInForToken(TEST_ADMIN.email, TEST_ADMIN.password);
  admin = await solvexiaToken(TEST_ADMIN.email, TEST_ADMIN.password);
});

describe('POST /oauth/token (client credentials)', () => {
  it('trades an email and password, as JSON, for a bearer token that every mount accepts', async () => {
    const user = await newUser();
    const response = await tokenRequest({ grant_type: 'client_credentials', client_id: user.email, client_secret: PASSWORD }, { json: true });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(Object.keys(response.body).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
    expect(response.body.token_type).toBe('Bearer');
    expect(response.body.expires_in).toBeGreaterThan(3600);
    const me = await api('/api/v1/me', { token: response.body.access_token });
    expect(me.body.id).toBe(user.id);
  });

  it('trades a user id and access key as a form body, or as HTTP Basic, and records the sign-in', async () => {
    const user = await newUser();
    const key = await accessKeyOf(user.email);
    const form = await tokenRequest({ grant_type: 'client_credentials', client_id: user.id, client_secret: key });
    expect(form.status, form.text).toBe(200);
    expect((await api('/api/v1/me', { token: form.body.access_token })).body.id).toBe(user.id);

    const basic = await tokenRequest({ grant_type: 'client_credentials' }, { headers: { authorization: `Basic ${Buffer.from(`${encodeURIComponent(user.email)}:${encodeURIComponent(key)}`).toString('base64')}` } });
    expect(basic.status, basic.text).toBe(200);
    expect((await api('/api/v1/me', { token: basic.body.access_token })).body.id).toBe(user.id);
    expect((await v1('GET', `/api/v1/users/${user.id}`)).lastSignInAt).not.toBeNull();
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
      const response = await tokenRequest({ grant_type: 'client_credentials', ...attempt });
      expect(response.status).toBe(401);
      expect(response.body.supportId).toMatch(/^[0-9a-f-]{36}$/);
      answers.push(withoutSupportId(response.body));
    }
    expect(answers[0]).toEqual({ error: 'invalid_client', error_description: 'The client_id or client_secret is wrong.', message: 'The client_id or client_secret is wrong.' });
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(JSON.stringify(answers)).not.toContain(othersKey);
  });

  it('refuses another grant type, missing parameters and other body formats in OAuth’s shape', async () => {
    const grant = await tokenRequest({ grant_type: 'password', username: TEST_ADMIN.email, password: TEST_ADMIN.password });
    expect(grant.status).toBe(400);
    expect(grant.body).toMatchObject({ error: 'unsupported_grant_type', message: expect.stringMatching(/client_credentials/) });

    const noGrant = await tokenRequest({ client_id: TEST_ADMIN.email, client_secret: TEST_ADMIN.password });
    expect(noGrant.status).toBe(400);
    expect(noGrant.body).toMatchObject({ error: 'invalid_request', message: expect.stringMatching(/grant_type: grant_type is required/) });

    const noSecret = await tokenRequest({ grant_type: 'client_credentials', client_id: TEST_ADMIN.email }, { json: true });
    expect(noSecret.status).toBe(400);
    expect(noSecret.body).toMatchObject({ error: 'invalid_request', message: expect.stringMatching(/client_secret is required/) });

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
    await v1('PATCH', `/api/v1/users/${user.id}`, { status: 'suspended' });
    const response = await tokenRequest({ grant_type: 'client_credentials', client_id: user.email, client_secret: PASSWORD });
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ error: 'invalid_client', message: expect.stringMatching(/cannot sign in/) });
  });
});

describe('the documented calls, in order', () => {
  let created: Record<string, any>;
  let resource: { id: string; name: string };

  beforeAll(async () => {
    resource = await v1('POST', '/api/v1/resources', { name: `${tag} Sales reconciliation`, kind: 'process' });
  });

  it('POST /v1/users creates a user from the document’s example body, answering 200 with a User', async () => {
    const email = `${tag}-mona.benson@sample.com`;
    const response = await sx('/v1/users', { method: 'POST', json: { email, firstName: 'Mona', lastName: 'Benson', password: 'Samplepassword12', userRole: 'Designer', timezone: '(UTC+10:00) Canberra, Melbourne, Sydney' } });
    expect(response.status, response.text).toBe(200);
    created = response.body;
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
    const response = await sx('/api/v1/users', { method: 'POST', json: { email, firstName: 'Pia', lastName: 'Prefix', password: 'Samplepassword12', userRole: 'Subscriber', timezone: '(UTC+10:00) Canberra, Melbourne, Sydney' } });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({ loginName: email, email, accountStatus: 'Active', userRole: 'Subscriber' });
  });

  it('GET /api/v1/users lists every user as {id, loginName}, on both prefixes', async () => {
    const response = await sx('/api/v1/users');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Array.isArray(response.body)).toBe(true);
    for (const item of response.body as object[]) expect(Object.keys(item)).toEqual(['id', 'loginName']);
    expect(response.body).toContainEqual({ id: created.id, loginName: created.loginName });
    expect(response.body).toContainEqual(expect.objectContaining({ loginName: TEST_ADMIN.email }));
    expect((await sx('/v1/users')).body).toEqual(response.body);
  });

  it('GET /v1/users/{userId} reads the user, with the sign-in time as printed', async () => {
    const response = await sx(`/v1/users/${created.id}`);
    expect(response.status).toBe(200);
    expect(Object.keys(response.body)).toEqual(USER_FIELDS);
    expect(response.body.lastSignInDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}$/);
    expect((await sx(`/api/v1/users/${created.id}`)).body).toEqual(response.body);
  });

  it('POST /v1/users/{userId} updates the document’s example fields and the rest, reading back the same through /api/v1', async () => {
    const response = await sx(`/v1/users/${created.id}`, {
      method: 'POST',
      json: {
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
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({
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
    expect(await v1('GET', `/api/v1/users/${created.id}`)).toMatchObject({
      lastName: 'Jordan',
      status: 'suspended',
      email: `${tag}-mona.jordan@sample.com`,
      dateOfBirth: '1999-09-19',
      phoneLand: '0281538412',
      phoneMobile: '0481538412',
      timezone: 'Pacific/Honolulu',
      role: 'Subscriber',
    });
    const same = await sx(`/api/v1/users/${created.id}`, { method: 'POST', json: { accountStatus: 'Active', dateOfBirth: null } });
    expect(same.body).toMatchObject({ accountStatus: 'Active', dateOfBirth: null });
  });

  it('reads what /api/v1 writes in Solvexia’s formats', async () => {
    await v1('PATCH', `/api/v1/users/${created.id}`, { timezone: 'Australia/Sydney', dateOfBirth: '1980-01-31', status: 'locked', role: 'ClientAdmin', username: `${tag}.mona.benson` });
    expect(await sx(`/v1/users/${created.id}`).then((r) => r.body)).toMatchObject({
      timezone: '(UTC+10:00) Canberra, Melbourne, Sydney',
      dateOfBirth: '31/01/1980',
      accountStatus: 'Locked',
      userRole: 'ClientAdmin',
      loginName: `${tag}.mona.benson`,
    });
    const list = (await sx('/api/v1/users')).body as { id: string; loginName: string }[];
    expect(list).toContainEqual({ id: created.id, loginName: `${tag}.mona.benson` });
    // A zone no display name covers reads as its IANA name, which the dialect takes back.
    await v1('PATCH', `/api/v1/users/${created.id}`, { timezone: 'Pacific/Chatham', status: 'active' });
    expect((await sx(`/v1/users/${created.id}`)).body.timezone).toBe('Pacific/Chatham');
    expect((await sx(`/v1/users/${created.id}`, { method: 'POST', json: { timezone: 'Pacific/Chatham' } })).status).toBe(200);
  });

  it('shows an invited user as Pending', async () => {
    const { user } = await v1('POST', '/api/v1/users', { email: `${tag}-invited@example.com`, sendInvite: false });
    expect((await sx(`/v1/users/${user.id}`)).body.accountStatus).toBe('Pending');
  });

  it('adds, updates, lists and deletes a permission on every printed path', async () => {
    const prefixes = ['/v1', '/api/v1'];
    const spellings = ['permissions', 'permisions'];
    for (const prefix of prefixes) {
      for (const spelling of spellings) {
        const base = `${prefix}/users/${created.id}/${spelling}`;
        expect((await sx(base)).body).toEqual([]);
        const added = await sx(`${base}/${resource.id}`, { method: 'POST', json: { role: 'executor' } });
        expect(added.status, added.text).toBe(200);
        expect(added.body).toEqual({ resourceId: resource.id, resourceName: resource.name, role: 'executor' });
        const updated = await sx(`${base}/${resource.id}`, { method: 'POST', json: { role: 'editor' } });
        expect(updated.status).toBe(200);
        expect(updated.body).toEqual({ resourceId: resource.id, resourceName: resource.name, role: 'editor' });
        const listed = await sx(base);
        expect(listed.status).toBe(200);
        expect(listed.body).toEqual([{ resourceId: resource.id, resourceName: resource.name, role: 'editor' }]);
        expect(await v1('GET', `/api/v1/users/${created.id}/permissions`)).toEqual([expect.objectContaining({ resourceId: resource.id, role: 'editor' })]);

        const deleted = await sx(`${base}/${resource.id}`, { method: 'DELETE' });
        expect(deleted.status).toBe(200);
        expect(deleted.text).toBe('');
        expect((await sx(base)).body).toEqual([]);
        expectSolvexiaError(await sx(`${base}/${resource.id}`, { method: 'DELETE' }), 404, /holds no role/);
      }
    }
  });

  it('lists a role granted through /api/v1, and leaves out an expired one', async () => {
    const other = await v1('POST', '/api/v1/resources', { name: `${tag} Monthly Revenue`, kind: 'report' });
    await v1('PUT', `/api/v1/users/${created.id}/permissions/${other.id}`, { role: 'reader' });
    await v1('PUT', `/api/v1/users/${created.id}/permissions/${resource.id}`, { role: 'owner', expiresAt: new Date(Date.now() + 60 * 60_000).toISOString() });
    expect((await sx(`/v1/users/${created.id}/permissions`)).body).toHaveLength(2);
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
    expect((await sx(`/v1/users/${created.id}/permisions`)).body).toEqual([{ resourceId: other.id, resourceName: other.name, role: 'reader' }]);
  });
});

describe('bad input', () => {
  let user: { id: string; email: string };
  let resource: { id: string };
  const valid = () => ({ email: `${tag}-new${(serial += 1)}@example.com`, firstName: 'New', lastName: 'User', password: PASSWORD, userRole: 'Designer', timezone: '(UTC-10:00) Hawaii' });

  beforeAll(async () => {
    user = await newUser();
    resource = await v1('POST', '/api/v1/resources', { name: `${tag} bad input`, kind: 'process' });
  });

  it('refuses a create with a missing, mistyped or unknown field, naming each one (400)', async () => {
    const { password: _password, ...noPassword } = valid();
    expectSolvexiaError(await sx('/v1/users', { method: 'POST', json: noPassword }), 400, /password: password is required/);
    const { timezone: _timezone, firstName: _firstName, ...twoMissing } = valid();
    expectSolvexiaError(await sx('/v1/users', { method: 'POST', json: twoMissing }), 400, /firstName: firstName is required.*timezone: timezone is required/);
    expectSolvexiaError(await sx('/v1/users', { method: 'POST', json: { ...valid(), lastName: 42 } }), 400, /lastName: lastName must be a string/);
    expectSolvexiaError(await sx('/v1/users', { method: 'POST', json: { ...valid(), userRole: 'Boss' } }), 400, /userRole: userRole must be one of Subscriber, Designer, ClientAdmin, SVXAdmin/);
    expectSolvexiaError(await sx('/v1/users', { method: 'POST', json: { ...valid(), timezone: '(UTC+10:00) Atlantis' } }), 400, /timezone: Unknown time zone "\(UTC\+10:00\) Atlantis"/);
    expectSolvexiaError(await sx('/v1/users', { method: 'POST', json: { ...valid(), email: 'not an email' } }), 400, /email:/);
    expectSolvexiaError(await sx('/v1/users', { method: 'POST', json: { ...valid(), nickname: 'x' } }), 400, /Unknown field: nickname/);
    expectSolvexiaError(await sx('/v1/users', { method: 'POST', json: { ...valid(), password: 'short' } }), 400, /password/);
    expectSolvexiaError(await sx('/v1/users', { method: 'POST', json: { ...valid(), email: user.email } }), 400, /already has this email/);
    const malformed = await api(`${MOUNT}/v1/users`, { method: 'POST', token: admin, body: '{"email": ', headers: { 'content-type': 'application/json' } });
    expectSolvexiaError(malformed, 400, /not valid JSON/);
  });

  it('refuses malformed and impossible dates, unknown time zones, statuses and roles in an update, changing nothing', async () => {
    const before = (await sx(`/v1/users/${user.id}`)).body;
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
    for (const [json, message] of cases) expectSolvexiaError(await sx(`/v1/users/${user.id}`, { method: 'POST', json }), 400, message);
    expect((await sx(`/v1/users/${user.id}`)).body).toEqual(before);
  });

  it('answers 404 for an unknown user or resource, and 400 for an unknown permission role', async () => {
    expectSolvexiaError(await sx('/v1/users/usr_nobody'), 404, /There is no user usr_nobody/);
    expectSolvexiaError(await sx('/v1/users/usr_nobody', { method: 'POST', json: { city: 'Perth' } }), 404);
    expectSolvexiaError(await sx('/v1/users/usr_nobody/permissions'), 404);
    expectSolvexiaError(await sx(`/v1/users/usr_nobody/permissions/${resource.id}`, { method: 'POST', json: { role: 'reader' } }), 404);
    expectSolvexiaError(await sx(`/v1/users/${user.id}/permisions/res_nope`, { method: 'POST', json: { role: 'reader' } }), 404, /no resource/);
    expectSolvexiaError(await sx(`/v1/users/${user.id}/permissions/${resource.id}`, { method: 'POST', json: { role: 'admin' } }), 400, /role: role must be one of reader, executor, editor, owner/);
    expectSolvexiaError(await sx(`/v1/users/${user.id}/permissions/${resource.id}`, { method: 'POST', json: {} }), 400, /role: role is required/);
  });

  it('refuses a missing, malformed or wrong credential (401) and unexpected query parameters (400)', async () => {
    expectSolvexiaError(await api(`${MOUNT}/api/v1/users`), 401, /POST \/oauth\/token/);
    expectSolvexiaError(await api(`${MOUNT}/api/v1/users`, { token: 'gh_not-a-real-token' }), 401, /invalid, expired or revoked/);
    expectSolvexiaError(await api(`${MOUNT}/api/v1/users`, { headers: { authorization: 'Token abc' } }), 401);
    expectSolvexiaError(await api(`${MOUNT}/v1/users`, { method: 'POST', json: valid() }), 401);
    expectSolvexiaError(await sx('/api/v1/users?limit=5'), 400, /takes no query parameters: limit/);
  });

  it('answers unknown paths (404) and wrong methods (405 with Allow) in Solvexia’s shape', async () => {
    expectSolvexiaError(await sx('/v1/nothing/here'), 404);
    const wrongMethod = await sx(`/v1/users/${user.id}`, { method: 'DELETE' });
    expectSolvexiaError(wrongMethod, 405);
    expect(wrongMethod.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
    const put = await sx(`/v1/users/${user.id}/permisions/${resource.id}`, { method: 'PUT', json: { role: 'reader' } });
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
    const a = await v1('POST', '/api/v1/tenants', { slug: `${tag}-a`, name: 'A' });
    await v1('POST', '/api/v1/tenants', { slug: `${tag}-b`, name: 'B' });
    const boss = await newUser({ tenant: `${tag}-a` });
    bossEmail = boss.email;
    await v1('PUT', `/api/v1/tenants/${a.id}/users/${boss.id}`, { role: 'admin' });
    member = await newUser({ tenant: `${tag}-a` });
    outsider = await newUser({ tenant: `${tag}-b` });
    ownResource = await v1('POST', '/api/v1/resources', { name: `${tag} tenant A`, kind: 'process', tenantId: a.id });
    otherResource = await v1('POST', '/api/v1/resources', { name: `${tag} nobody's`, kind: 'process' });
    tenantAdmin = await solvexiaToken(boss.email, PASSWORD);
    plain = await solvexiaToken(outsider.id, await accessKeyOf(outsider.email));
  });

  it('refuses a plain user’s token on every call (403), even on their own account', async () => {
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/v1/users'],
      ['GET', '/v1/users'],
      ['POST', '/v1/users', { email: `${tag}-x@example.com`, firstName: 'X', lastName: 'Y', password: PASSWORD, userRole: 'SVXAdmin', timezone: '(UTC-10:00) Hawaii' }],
      ['GET', `/v1/users/${outsider.id}`],
      ['POST', `/v1/users/${outsider.id}`, { userRole: 'SVXAdmin' }],
      ['GET', `/v1/users/${member.id}/permissions`],
      ['POST', `/v1/users/${member.id}/permisions/${ownResource.id}`, { role: 'owner' }],
      ['DELETE', `/api/v1/users/${member.id}/permissions/${ownResource.id}`],
    ];
    for (const [method, path, json] of calls) expectSolvexiaError(await sx(path, { method, json, token: plain }), 403);
    expect((await v1('GET', `/api/v1/users/${outsider.id}`)).role).toBe('Subscriber');
  });

  it('lets a tenant admin reach their tenant’s users and resources only; others answer 404', async () => {
    const list = (await sx('/api/v1/users', { token: tenantAdmin })).body as { id: string }[];
    expect(list.map((item) => item.id)).toContain(member.id);
    expect(list.map((item) => item.id)).not.toContain(outsider.id);

    expect((await sx(`/v1/users/${member.id}`, { token: tenantAdmin })).status).toBe(200);
    expectSolvexiaError(await sx(`/v1/users/${outsider.id}`, { token: tenantAdmin }), 404);
    expectSolvexiaError(await sx(`/v1/users/${outsider.id}`, { method: 'POST', json: { city: 'Perth' }, token: tenantAdmin }), 404);
    expectSolvexiaError(await sx(`/v1/users/${outsider.id}/permissions`, { token: tenantAdmin }), 404);
    expectSolvexiaError(await sx(`/v1/users/${member.id}/permissions/${otherResource.id}`, { method: 'POST', json: { role: 'reader' }, token: tenantAdmin }), 404);

    const granted = await sx(`/v1/users/${member.id}/permisions/${ownResource.id}`, { method: 'POST', json: { role: 'reader' }, token: tenantAdmin });
    expect(granted.status, granted.text).toBe(200);
    expect(granted.body).toEqual({ resourceId: ownResource.id, resourceName: ownResource.name, role: 'reader' });
    expect((await sx(`/v1/users/${member.id}/permissions`, { token: tenantAdmin })).body).toEqual([granted.body]);
    expect((await sx(`/v1/users/${member.id}/permissions/${ownResource.id}`, { method: 'DELETE', token: tenantAdmin })).status).toBe(200);
  });

  it('lets a tenant admin change a member’s role as PATCH /api/v1 does, but not create users (only a system admin sets userRole)', async () => {
    const updated = await sx(`/v1/users/${member.id}`, { method: 'POST', json: { userRole: 'SVXAdmin', city: 'Perth' }, token: tenantAdmin });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.body).toMatchObject({ userRole: 'SVXAdmin', city: 'Perth' });
    // The same rule on /api/v1: the tenant admin may set the role there too.
    const viaApi = await api(`/api/v1/users/${member.id}`, { method: 'PATCH', token: await signInForToken(bossEmail, PASSWORD), json: { role: 'Designer' } });
    expect(viaApi.status, viaApi.text).toBe(200);
    expect((await sx(`/v1/users/${member.id}`)).body.userRole).toBe('Designer');

    const create = await sx('/v1/users', { method: 'POST', token: tenantAdmin, json: { email: `${tag}-by-tenant-admin@example.com`, firstName: 'T', lastName: 'A', password: PASSWORD, userRole: 'Designer', timezone: '(UTC-10:00) Hawaii' } });
    expectSolvexiaError(create, 403, /Only an admin can set role/);
  });

  it('never answers a password or its hash', async () => {
    const response = await sx('/v1/users', { method: 'POST', json: { email: `${tag}-secret@example.com`, firstName: 'S', lastName: 'H', password: PASSWORD, userRole: 'Designer', timezone: '(UTC-10:00) Hawaii' } });
    expect(response.status).toBe(200);
    expect(response.text).not.toContain(PASSWORD);
    expect(response.text).not.toMatch(/argon2|passwordHash|"password"/);
  });
});
