import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, TEST_ADMIN, type RunningServer } from '../support/server';

// A server of its own, started with sign-up restricted as Appmixer's API_USER_CREATE_SCOPE does.
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ env: { API_USER_CREATE_SCOPE: 'admin, provisioner' } });
});
afterAll(async () => {
  await server?.stop();
});

async function call(path: string, init: { method?: string; token?: string; json?: unknown } = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

async function tokenFor(email: string, password: string): Promise<string> {
  const response = await call('/api/v1/auth/token', { method: 'POST', json: { email, password } });
  expect(response.status).toBe(200);
  return response.body.token;
}

describe('API_USER_CREATE_SCOPE', () => {
  it('closes sign-up to callers without one of the scopes', async () => {
    const password = 'restricted sign-up 2026';
    expect((await call('/api/v1/users', { method: 'POST', json: { email: 'anon@example.com', password } })).status).toBe(401);

    const admin = await tokenFor(TEST_ADMIN.email, TEST_ADMIN.password);
    const plain = await call('/api/v1/users', { method: 'POST', token: admin, json: { email: 'plain@example.com', password } });
    expect(plain.status).toBe(201);
    const plainToken = await tokenFor('plain@example.com', password);
    const refused = await call('/api/v1/users', { method: 'POST', token: plainToken, json: { email: 'other@example.com', password } });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain('admin, provisioner');

    await call('/api/v1/users', { method: 'POST', token: admin, json: { email: 'prov@example.com', password, scope: ['user', 'provisioner'] } });
    const provisioner = await tokenFor('prov@example.com', password);
    const created = await call('/api/v1/users', { method: 'POST', token: provisioner, json: { email: 'provisioned@example.com', password } });
    expect(created.status).toBe(201);
    expect(created.body.user.scope).toEqual(['user']);
  });
});
