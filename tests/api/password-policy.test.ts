import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, signInForToken, apiAt, type ApiInit } from '../support/api';
import { startServer, TEST_ADMIN, type RunningServer } from '../support/server';
import { gatehouse } from '../support/typed-client';

// The shared server for the settings themselves (the policy found at the start is put back at
// the end), and a server of its own with PASSWORD_MIN_LENGTH pinned by the environment.
const PATH = '/api/v1/settings/password-policy';
const RUN = `r${Date.now().toString(36)}`;
const PASSWORD = 'policy pass phrase 1';

let admin: string;
let original: { minLength: number; requiredClasses: string[] };

const asAdmin = () => gatehouse({ token: admin });
const userPath = (id: string) => ({ params: { path: { id } } });

beforeAll(async () => {
  admin = await signInForToken(TEST_ADMIN.email, TEST_ADMIN.password);
  const { minLength, requiredClasses } = (await asAdmin().GET(PATH)).data!;
  original = { minLength, requiredClasses };
});

afterAll(async () => {
  // The document types GET's requiredClasses as plain strings and PUT's as the four class names: the untyped call.
  if (original) expect((await api(PATH, { method: 'PUT', token: admin, json: original })).status).toBe(200);
});

async function newMember(name: string) {
  const email = `${name}.${RUN}@example.com`;
  const { data, error, response } = await asAdmin().POST('/api/v1/users', { body: { email, password: PASSWORD } });
  expect(response.status, JSON.stringify(error)).toBe(201);
  if (!data || !('user' in data)) throw new Error(`Expected a created user: ${JSON.stringify(data)}`);
  return { id: data.user.id, token: await signInForToken(email, PASSWORD) };
}

describe('GET and PUT /api/v1/settings/password-policy', () => {
  it('is for admins only', async () => {
    const member = await newMember('policy-member');
    expect((await gatehouse().GET(PATH)).response.status).toBe(401);
    expect((await gatehouse({ token: member.token }).GET(PATH)).response.status).toBe(403);
    expect((await gatehouse({ token: member.token }).PUT(PATH, { body: { minLength: 8, requiredClasses: [] } })).response.status).toBe(403);
  });

  it('shows the policy, its rules as the forms show them, and what the environment pins', async () => {
    const { data, response } = await asAdmin().GET(PATH);
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ minLength: 12, requiredClasses: [], pinned: { minLength: false, requiredClasses: false } });
    expect(data!.rules[0]).toContain('12 to 128 characters');
    expect(data!.rules.at(-1)).toMatch(/common password/);
  });

  it('refuses bad input with a 422 naming the field', async () => {
    // Values the types forbid, on purpose: the untyped call.
    const put = (json: unknown) => api(PATH, { method: 'PUT', token: admin, json });
    const tooShort = await put({ minLength: 3, requiredClasses: [] });
    expect(tooShort.status).toBe(422);
    expect(tooShort.body.errors[0].path).toBe('minLength');
    const unknownClass = await put({ minLength: 12, requiredClasses: ['emoji'] });
    expect(unknownClass.status).toBe(422);
    expect(unknownClass.body.errors[0].path).toMatch(/^requiredClasses/);
    expect((await put({ minLength: 12, requiredClasses: [], maxLength: 20 })).status).toBe(422);
    expect((await asAdmin().GET(PATH)).data).toMatchObject({ minLength: 12, requiredClasses: [] });
  });

  it('a required digit applies to passwords set from then on, with a message saying so', async () => {
    const member = await newMember('policy-digit');
    const updated = await asAdmin().PUT(PATH, { body: { minLength: 14, requiredClasses: ['digit'] } });
    expect(updated.response.status, JSON.stringify(updated.error)).toBe(200);
    expect(updated.data).toMatchObject({ minLength: 14, requiredClasses: ['digit'] });
    expect(updated.data!.rules).toContain('At least a digit.');

    const setPassword = (password: string) => asAdmin().POST('/api/v1/users/{id}/password', { ...userPath(member.id), body: { password } });
    const setByAdmin = await setPassword('no numbers in this one');
    expect(setByAdmin.response.status).toBe(422);
    expect(setByAdmin.error!.errors).toEqual([{ path: 'password', message: 'Include a digit.' }]);
    const tooShort = await setPassword('short phrase1');
    expect(tooShort.error!.errors![0].message).toBe('Use at least 14 characters.');

    const changed = await gatehouse({ token: member.token }).POST('/api/v1/me/password', { body: { oldPassword: PASSWORD, newPassword: 'still no numbers here' } });
    expect(changed.response.status).toBe(422);
    expect(changed.error!.errors).toEqual([{ path: 'newPassword', message: 'Include a digit.' }]);

    // The existing password, chosen under the old policy, still signs in.
    expect((await gatehouse().POST('/api/v1/auth/token', { body: { email: `policy-digit.${RUN}@example.com`, password: PASSWORD } })).response.status).toBe(200);
    expect((await setPassword('seven ravens and 1 crow')).response.status).toBe(200);
  });
});

describe('a policy pinned by the environment (PASSWORD_MIN_LENGTH=16)', () => {
  let server: RunningServer;
  let token: string;

  beforeAll(async () => {
    server = await startServer({ env: { PASSWORD_MIN_LENGTH: '16' } });
    token = (await call('/api/v1/auth/token', { method: 'POST', json: { email: TEST_ADMIN.email, password: TEST_ADMIN.password } })).body.token;
  });

  afterAll(async () => {
    await server?.stop();
  });

  const call = (path: string, init: ApiInit = {}) => apiAt(server.url, path, init);


  it('reports minLength as pinned and refuses to change it with a 409; the classes stay changeable', async () => {
    const policy = await call(PATH, { token });
    expect(policy.body).toMatchObject({ minLength: 16, pinned: { minLength: true, requiredClasses: false } });

    const change = await call(PATH, { method: 'PUT', token, json: { minLength: 12, requiredClasses: [] } });
    expect(change.status).toBe(409);
    expect(change.body.errors[0].path).toBe('minLength');
    expect((await call(PATH, { token })).body.minLength).toBe(16);

    const classes = await call(PATH, { method: 'PUT', token, json: { minLength: 16, requiredClasses: ['digit'] } });
    expect(classes.status, classes.text).toBe(200);
  });

  it('a reset with a code is held to the policy: 16 characters and a digit', async () => {
    const email = 'pinned-reset@example.com';
    const created = await call('/api/v1/users', { method: 'POST', token, json: { email, password: 'sixteen letters plus 1' } });
    expect(created.status, created.text).toBe(201);
    expect((await call('/api/v1/password/forgot', { method: 'POST', json: { email } })).status).toBe(202);
    // No SMTP_URL here: the link is printed to the server's log.
    const printed = new RegExp(`Mail to ${email}[\\s\\S]*?/reset-password\\?code=([\\w-]+)`);
    let code: string | undefined;
    for (let i = 0; i < 100 && !code; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      code = printed.exec(server.output())?.[1];
    }
    expect(code).toBeTruthy();

    const reset = (password: string) => call('/api/v1/password/reset', { method: 'POST', json: { code, password } });
    const noDigit = await reset('no digits in this pass phrase');
    expect(noDigit.status).toBe(422);
    expect(noDigit.body.errors).toEqual([{ path: 'password', message: 'Include a digit.' }]);
    expect((await reset('fifteen chars 1')).body.errors[0].message).toBe('Use at least 16 characters.');
    expect((await reset('a good long pass phrase 1')).status).toBe(200);
  });
});
