import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, signInForToken, apiAt, type ApiInit } from '../support/api';
import { startServer, TEST_ADMIN, type RunningServer } from '../support/server';

// The shared server for the settings themselves (the policy found at the start is put back at
// the end), and a server of its own with PASSWORD_MIN_LENGTH pinned by the environment.
const PATH = '/api/v1/settings/password-policy';
const RUN = `r${Date.now().toString(36)}`;
const PASSWORD = 'policy pass phrase 1';

let admin: string;
let original: { minLength: number; requiredClasses: string[] };

beforeAll(async () => {
  admin = await signInForToken(TEST_ADMIN.email, TEST_ADMIN.password);
  const { minLength, requiredClasses } = (await api(PATH, { token: admin })).body;
  original = { minLength, requiredClasses };
});

afterAll(async () => {
  if (original) expect((await api(PATH, { method: 'PUT', token: admin, json: original })).status).toBe(200);
});

async function newMember(name: string) {
  const email = `${name}.${RUN}@example.com`;
  const created = await api('/api/v1/users', { method: 'POST', token: admin, json: { email, password: PASSWORD } });
  expect(created.status, created.text).toBe(201);
  return { id: created.body.user.id as string, token: await signInForToken(email, PASSWORD) };
}

describe('GET and PUT /api/v1/settings/password-policy', () => {
  it('is for admins only', async () => {
    const member = await newMember('policy-member');
    expect((await api(PATH)).status).toBe(401);
    expect((await api(PATH, { token: member.token })).status).toBe(403);
    expect((await api(PATH, { method: 'PUT', token: member.token, json: { minLength: 8, requiredClasses: [] } })).status).toBe(403);
  });

  it('shows the policy, its rules as the forms show them, and what the environment pins', async () => {
    const response = await api(PATH, { token: admin });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ minLength: 12, requiredClasses: [], pinned: { minLength: false, requiredClasses: false } });
    expect(response.body.rules[0]).toContain('12 to 128 characters');
    expect(response.body.rules.at(-1)).toMatch(/common password/);
  });

  it('refuses bad input with a 422 naming the field', async () => {
    const put = (json: unknown) => api(PATH, { method: 'PUT', token: admin, json });
    const tooShort = await put({ minLength: 3, requiredClasses: [] });
    expect(tooShort.status).toBe(422);
    expect(tooShort.body.errors[0].path).toBe('minLength');
    const unknownClass = await put({ minLength: 12, requiredClasses: ['emoji'] });
    expect(unknownClass.status).toBe(422);
    expect(unknownClass.body.errors[0].path).toMatch(/^requiredClasses/);
    expect((await put({ minLength: 12, requiredClasses: [], maxLength: 20 })).status).toBe(422);
    expect((await api(PATH, { token: admin })).body).toMatchObject({ minLength: 12, requiredClasses: [] });
  });

  it('a required digit applies to passwords set from then on, with a message saying so', async () => {
    const member = await newMember('policy-digit');
    const updated = await api(PATH, { method: 'PUT', token: admin, json: { minLength: 14, requiredClasses: ['digit'] } });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.body).toMatchObject({ minLength: 14, requiredClasses: ['digit'] });
    expect(updated.body.rules).toContain('At least a digit.');

    const setByAdmin = await api(`/api/v1/users/${member.id}/password`, { method: 'POST', token: admin, json: { password: 'no numbers in this one' } });
    expect(setByAdmin.status).toBe(422);
    expect(setByAdmin.body.errors).toEqual([{ path: 'password', message: 'Include a digit.' }]);
    const tooShort = await api(`/api/v1/users/${member.id}/password`, { method: 'POST', token: admin, json: { password: 'short phrase1' } });
    expect(tooShort.body.errors[0].message).toBe('Use at least 14 characters.');

    const changed = await api('/api/v1/me/password', { method: 'POST', token: member.token, json: { oldPassword: PASSWORD, newPassword: 'still no numbers here' } });
    expect(changed.status).toBe(422);
    expect(changed.body.errors).toEqual([{ path: 'newPassword', message: 'Include a digit.' }]);

    // The existing password, chosen under the old policy, still signs in.
    expect((await api('/api/v1/auth/token', { method: 'POST', json: { email: `policy-digit.${RUN}@example.com`, password: PASSWORD } })).status).toBe(200);
    expect((await api(`/api/v1/users/${member.id}/password`, { method: 'POST', token: admin, json: { password: 'seven ravens and 1 crow' } })).status).toBe(200);
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
