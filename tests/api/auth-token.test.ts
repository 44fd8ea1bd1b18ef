import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN } from '../support/server';
import { api, signInForToken } from '../support/api';
import { useServerDatabase } from '../support/database';
import { gatehouse } from '../support/typed-client';

let env: Awaited<ReturnType<typeof useServerDatabase>>;
const PASSWORD = 'member password 123';

beforeAll(async () => {
  env = await useServerDatabase();
});

async function newMember(email: string) {
  return await env.users.createUser({ email, password: PASSWORD, firstName: 'Mia', lastName: 'Member' });
}

describe('POST /api/v1/auth/token', () => {
  it('signs in with email or username and returns the user, a token and its expiry', async () => {
    const { data, response } = await gatehouse().POST('/api/v1/auth/token', { body: { email: TEST_ADMIN.email, password: TEST_ADMIN.password } });
    expect(response.status).toBe(200);
    expect(data!.user.email).toBe(TEST_ADMIN.email);
    expect(data!.user.scope).toContain('admin');
    expect(data!.token).toMatch(/^gh_[A-Za-z0-9_-]{43,}$/);
    const days = (Date.parse(data!.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    expect(JSON.stringify(data)).not.toMatch(/passwordHash|argon2|tokenHash/);

    const member = await newMember('username-login@example.com');
    const byUsername = await gatehouse().POST('/api/v1/auth/token', { body: { username: member.username.toUpperCase(), password: PASSWORD } });
    expect(byUsername.response.status).toBe(200);
    expect(byUsername.data!.user.id).toBe(member.id);
  });

  it('answers a wrong password and an unknown account with the same status and body', async () => {
    const member = await newMember('wrong-password@example.com');
    const wrong = await gatehouse().POST('/api/v1/auth/token', { body: { email: member.email, password: 'not the password' } });
    const unknown = await gatehouse().POST('/api/v1/auth/token', { body: { email: 'nobody-here@example.com', password: 'not the password' } });
    expect(wrong.response.status).toBe(401);
    expect(unknown.response.status).toBe(401);
    expect(wrong.response.headers.get('content-type')).toBe('application/problem+json');
    expect(unknown.error).toEqual(wrong.error);
    expect(wrong.error!.title).toBe('Invalid credentials');
  });

  it('throttles an account after five failures with 429 and Retry-After, even for the right password', async () => {
    const member = await newMember('throttled@example.com');
    for (let i = 0; i < 5; i++) {
      const failed = await gatehouse().POST('/api/v1/auth/token', { body: { email: member.email, password: `wrong ${i}` } });
      expect(failed.response.status).toBe(401);
    }
    const { response: blocked } = await gatehouse().POST('/api/v1/auth/token', { body: { email: member.email, password: PASSWORD } });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(blocked.headers.get('content-type')).toBe('application/problem+json');
    // Another account from the same address is not blocked by this one's failures.
    expect((await gatehouse().POST('/api/v1/auth/token', { body: { email: TEST_ADMIN.email, password: TEST_ADMIN.password } })).response.status).toBe(200);
  });

  it('refuses a suspended account that knows its password', async () => {
    const member = await newMember('suspended-login@example.com');
    await env.write((tx) => tx.update(env.schema.users).set({ status: 'suspended' }).where(eq(env.schema.users.id, member.id)));
    const { error, response } = await gatehouse().POST('/api/v1/auth/token', { body: { email: member.email, password: PASSWORD } });
    expect(response.status).toBe(403);
    expect(error).not.toHaveProperty('token');
  });
});

describe('bearer tokens', () => {
  it('GET /api/v1/me needs a token and returns the caller without any hash', async () => {
    const { response: anonymous } = await gatehouse().GET('/api/v1/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');

    const member = await newMember('me@example.com');
    const token = await signInForToken(member.email, PASSWORD);
    const me = await gatehouse({ token }).GET('/api/v1/me');
    expect(me.response.status).toBe(200);
    expect(me.data).toMatchObject({ id: member.id, email: 'me@example.com', firstName: 'Mia', scope: ['user'] });
    expect(JSON.stringify(me.data)).not.toMatch(/passwordHash|sessionVersion|\$argon2/);
  });

  it('DELETE /api/v1/auth/token revokes the token it was called with, and only that one', async () => {
    const member = await newMember('sign-out@example.com');
    const first = await signInForToken(member.email, PASSWORD);
    const second = await signInForToken(member.email, PASSWORD);
    expect((await gatehouse({ token: first }).DELETE('/api/v1/auth/token')).response.status).toBe(204);
    const { response: refused } = await gatehouse({ token: first }).GET('/api/v1/me');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('invalid_token');
    expect((await gatehouse({ token: second }).GET('/api/v1/me')).response.status).toBe(200);
  });

  it('refuses an expired token', async () => {
    const member = await newMember('expired@example.com');
    const { token } = await env.tokens.issueApiToken(member, new Date(Date.now() - 31 * 86_400_000));
    expect((await gatehouse({ token }).GET('/api/v1/me')).response.status).toBe(401);
  });

  it('refuses tokens at once when the user is suspended or their sessions are ended', async () => {
    const suspended = await newMember('suspend-token@example.com');
    const suspendedToken = await signInForToken(suspended.email, PASSWORD);
    await env.write((tx) => tx.update(env.schema.users).set({ status: 'suspended' }).where(eq(env.schema.users.id, suspended.id)));
    expect((await gatehouse({ token: suspendedToken }).GET('/api/v1/me')).response.status).toBe(401);

    const ended = await newMember('ended-sessions@example.com');
    const endedToken = await signInForToken(ended.email, PASSWORD);
    await env.write((tx) => tx.update(env.schema.users).set({ sessionVersion: sql`${env.schema.users.sessionVersion} + 1` }).where(eq(env.schema.users.id, ended.id)));
    expect((await gatehouse({ token: endedToken }).GET('/api/v1/me')).response.status).toBe(401);
  });

  it('refuses a made-up token and a malformed Authorization header', async () => {
    expect((await gatehouse({ token: 'gh_made-up' }).GET('/api/v1/me')).response.status).toBe(401);
    expect((await api('/api/v1/me', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
  });
});

describe('malformed requests get problem+json, never a 500', () => {
  const post = (init: Parameters<typeof api>[1]) => api('/api/v1/auth/token', { method: 'POST', ...init });

  it('malformed JSON: 400', async () => {
    const response = await post({ body: '{"email": "a@b.c", ', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({ status: 400, title: 'Malformed JSON body' });
  });

  it('wrong content type: 415', async () => {
    const response = await post({ body: 'email=a@b.c&password=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(response.status).toBe(415);
    expect(response.body.type).toMatch(/unsupported-media-type/);
  });

  it('a body over 1 MB: 413', async () => {
    const response = await post({ json: { email: 'a@b.c', password: 'x'.repeat(1024 * 1024 + 10) } });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('unknown and missing fields: 422 naming each', async () => {
    const response = await post({ json: { email: 'a@b.c', password: 'x', isAdmin: true } });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([{ path: 'isAdmin', message: 'Unknown field: isAdmin' }]);

    const missing = await post({ json: { email: 'a@b.c' } });
    expect(missing.status).toBe(422);
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toContain('password');

    const wrongShape = await post({ json: ['not', 'an', 'object'] });
    expect(wrongShape.status).toBe(422);
  });

  it('an unknown endpoint: 404 problem', async () => {
    const response = await api('/api/v1/no-such-thing');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});
