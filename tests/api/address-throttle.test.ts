import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, TEST_ADMIN, type RunningServer } from '../support/server';

// A server of its own: this test exhausts the address limit for 127.0.0.1.
let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

function signIn(email: string, password: string, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
  });
}

describe('per-address throttling', () => {
  it('blocks an address that fails on many accounts, whatever forwarding headers it sends', async () => {
    for (let i = 0; i < 20; i++) {
      const spoofed = `10.0.0.${i}`;
      const response = await signIn(`spray-${i}@example.com`, 'Summer2026!', { 'x-forwarded-for': spoofed, 'x-gatehouse-client-address': spoofed });
      expect(response.status).toBe(401);
    }
    const blocked = await signIn(TEST_ADMIN.email, TEST_ADMIN.password, { 'x-forwarded-for': '10.9.9.9' });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
