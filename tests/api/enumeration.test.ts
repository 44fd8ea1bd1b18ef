import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, TEST_ADMIN, type RunningServer } from '../support/server';

// A server of its own behind a pretend proxy (TRUST_PROXY=true): each test speaks from its own
// X-Forwarded-For address, so exhausting one address's limit disturbs no other test or file.
const PASSWORD = 'enumeration pass phrase';

let server: RunningServer;
let admin: string;
let member: { id: string; email: string };

beforeAll(async () => {
  server = await startServer({ env: { TRUST_PROXY: 'true' } });
  admin = (await call('/api/v1/auth/token', { json: { email: TEST_ADMIN.email, password: TEST_ADMIN.password } })).body.token;
  const created = await call('/api/v1/users', { token: admin, json: { email: 'known@example.com', password: PASSWORD } });
  expect(created.status, created.text).toBe(201);
  member = created.body.user;
});

afterAll(async () => {
  await server?.stop();
});

async function call(path: string, init: { json: unknown; token?: string; from?: string }) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(init.token && { authorization: `Bearer ${init.token}` }),
      ...(init.from && { 'x-forwarded-for': init.from }),
    },
    body: JSON.stringify(init.json),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) as Record<string, any> };
}

const forgot = (email: string, from: string) => call('/api/v1/password/forgot', { json: { email }, from });
const signIn = (email: string, password: string, from: string) => call('/api/v1/auth/token', { json: { email, password }, from });

describe('nothing tells whether an account exists', () => {
  it('forgot-password: the same status and body for a known and an unknown email', async () => {
    const known = await forgot(member.email, '198.51.100.1');
    const unknown = await forgot('nobody-at-all@example.com', '198.51.100.1');
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.text).toBe(known.text);
    expect(known.headers.get('content-type')).toBe(unknown.headers.get('content-type'));
  });

  it('forgot-password: the per-account limit is silent, the answer does not change', async () => {
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await forgot(member.email, `198.51.100.${10 + i}`));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(202));
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
  });

  it('sign-in: the same status and body for a wrong password and an unknown account', async () => {
    const wrong = await signIn(member.email, 'not the pass phrase', '198.51.100.2');
    const unknown = await signIn('nobody-at-all@example.com', 'not the pass phrase', '198.51.100.2');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.text).toBe(wrong.text);
  });

  it('a pending (invited) user cannot sign in, and is answered like an unknown account', async () => {
    const created = await call('/api/v1/users', { token: admin, json: { email: 'pending@example.com', sendInvite: false } });
    expect(created.status, created.text).toBe(201);
    expect(created.body.user.status).toBe('pending');
    const pending = await signIn('pending@example.com', 'any pass phrase at all', '198.51.100.3');
    const unknown = await signIn('nobody-pending@example.com', 'any pass phrase at all', '198.51.100.3');
    expect(pending.status).toBe(401);
    expect(pending.body).not.toHaveProperty('token');
    expect(pending.text).toBe(unknown.text);
  });
});

describe('forgot-password rate limit per address', () => {
  it('eventually answers 429 with Retry-After, for that address only', async () => {
    const from = '203.0.113.7';
    let limited;
    for (let i = 0; i < 50 && !limited; i++) {
      const response = await forgot(`spray-${i}@example.com`, from);
      if (response.status === 429) limited = response;
      else expect(response.status).toBe(202);
    }
    expect(limited, 'no 429 after 50 requests').toBeDefined();
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited!.headers.get('content-type')).toBe('application/problem+json');
    // Known and unknown emails are limited alike.
    expect((await forgot(member.email, from)).status).toBe(429);
    expect((await forgot(member.email, '203.0.113.8')).status).toBe(202);
  });
});
