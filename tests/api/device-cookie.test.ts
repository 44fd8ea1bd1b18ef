import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callServerAction, FormFields, serverActionsInBuild, type ServerAction } from '../support/server-actions';
import { startServer, TEST_ADMIN, type RunningServer } from '../support/server';

// Sign-in throttling with device cookies (OWASP), against a server of its own behind a pretend
// proxy (TRUST_PROXY=true), so each client speaks from the X-Forwarded-For address it chooses.
// The cookie comes from the sign-in form's server action, as a browser gets it.
const PASSWORD = 'device cookie pass phrase';
const DEVICE_COOKIE = 'gatehouse-device';

let server: RunningServer;
let admin: string;
let signInAction: ServerAction;

beforeAll(async () => {
  server = await startServer({ env: { TRUST_PROXY: 'true' } });
  admin = (await tokenSignIn(TEST_ADMIN.email, TEST_ADMIN.password, { from: '192.0.2.1' })).body.token;
  signInAction = serverActionsInBuild().find((action) => action.name === 'signInAction')!;
});

afterAll(async () => {
  await server?.stop();
});

async function newMember(name: string): Promise<{ id: string; email: string; username: string }> {
  const response = await fetch(`${server.url}/api/v1/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}`, 'x-forwarded-for': '192.0.2.1' },
    body: JSON.stringify({ email: `${name}@example.com`, username: name, password: PASSWORD }),
  });
  const body = await response.json();
  expect(response.status, JSON.stringify(body)).toBe(201);
  return body.user;
}

type Client = { from: string; device?: string };

/** POST /api/v1/auth/token; an API client may send the device cookie a browser holds. */
async function tokenSignIn(username: string, password: string, { from, device }: Client) {
  const response = await fetch(`${server.url}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from, ...(device && { cookie: `${DEVICE_COOKIE}=${device}` }) },
    body: JSON.stringify({ username, password }),
  });
  return { status: response.status, body: await response.json() };
}

/** The sign-in form, as a browser submits it. */
async function browserSignIn(identifier: string, password: string, { from, device }: Client) {
  const outcome = await callServerAction(
    server.url,
    signInAction,
    [{}, new FormFields({ identifier, password, callbackUrl: '/account' })],
    device ? `${DEVICE_COOKIE}=${device}` : undefined,
    { 'x-forwarded-for': from },
  );
  const deviceCookie = outcome.setCookies.find((cookie) => cookie.startsWith(`${DEVICE_COOKIE}=`));
  const result = outcome.redirectedTo ? 'signed-in' : outcome.body.includes('Too many failed attempts') ? 'throttled' : outcome.body.includes('is wrong') ? 'invalid' : 'unknown';
  return { result, redirectedTo: outcome.redirectedTo, deviceCookie, device: deviceCookie?.split(';')[0].slice(DEVICE_COOKIE.length + 1) };
}

/** A device cookie, from signing in once in the browser. */
async function deviceOf(identifier: string, from: string, password = PASSWORD): Promise<string> {
  const signedIn = await browserSignIn(identifier, password, { from });
  expect(signedIn.result).toBe('signed-in');
  expect(signedIn.device).toBeTruthy();
  return signedIn.device!;
}

async function wrongGuesses(times: number, names: string[], client: Client): Promise<number[]> {
  const statuses = [];
  for (let i = 0; i < times; i++) statuses.push((await tokenSignIn(names[i % names.length], `wrong guess ${i}`, client)).status);
  return statuses;
}

describe('sign-in throttling with device cookies', () => {
  it('a browser sign-in sets a long-lived, HttpOnly, SameSite=Lax device cookie', async () => {
    await newMember('cookie-jar');
    const signedIn = await browserSignIn('cookie-jar', PASSWORD, { from: '198.51.100.1' });
    expect(signedIn.result).toBe('signed-in');
    expect(signedIn.redirectedTo).toContain('/account');
    const attributes = signedIn.deviceCookie!.split(';').map((part) => part.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/', `max-age=${365 * 24 * 60 * 60}`]));
    // Served over plain http here: a Secure cookie would not be kept.
    expect(attributes).not.toContain('secure');
  });

  it('(a) counts guesses by email and by username against one account: blocked after 5, not 10', async () => {
    const owner = await newMember('mixed-names');
    const statuses = await wrongGuesses(10, [owner.email, owner.username, owner.email.toUpperCase()], { from: '203.0.113.10' });
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(5).fill(429)]);
    // Blocked for untrusted clients at any address, by either name, in the API and in the browser.
    expect((await tokenSignIn(owner.username, PASSWORD, { from: '198.51.100.20' })).status).toBe(429);
    expect((await browserSignIn(owner.email, PASSWORD, { from: '198.51.100.20' })).result).toBe('throttled');
  });

  it('(b) the owner, with the device cookie of an earlier sign-in, gets in while the account is blocked for others', async () => {
    const owner = await newMember('owner-b');
    const device = await deviceOf(owner.email, '198.51.100.30');
    expect(await wrongGuesses(6, [owner.email, owner.username], { from: '203.0.113.11' })).toEqual([...Array(5).fill(401), 429]);
    expect((await browserSignIn(owner.email, PASSWORD, { from: '198.51.100.31' })).result).toBe('throttled');

    const signedIn = await browserSignIn(owner.username, PASSWORD, { from: '198.51.100.30', device });
    expect(signedIn.result).toBe('signed-in');
    // Each sign-in renews the cookie.
    expect(signedIn.device).toBeTruthy();
    expect(signedIn.device).not.toBe(device);
  });

  it('(c) an address that failed 25 times blocks clients without a cookie, not the admin whose browser signed in before', async () => {
    const device = await deviceOf(TEST_ADMIN.email, '203.0.113.12', TEST_ADMIN.password);
    const names = ['spray-1@example.com', 'spray-2', 'spray-3@example.com', 'spray-4', 'spray-5'];
    expect(await wrongGuesses(25, names, { from: '203.0.113.12' })).toEqual([...Array(20).fill(401), ...Array(5).fill(429)]);

    expect((await tokenSignIn(TEST_ADMIN.email, TEST_ADMIN.password, { from: '203.0.113.12' })).status).toBe(429);
    expect((await browserSignIn(TEST_ADMIN.email, TEST_ADMIN.password, { from: '203.0.113.12' })).result).toBe('throttled');

    expect((await browserSignIn(TEST_ADMIN.email, TEST_ADMIN.password, { from: '203.0.113.12', device })).result).toBe('signed-in');
    const token = await tokenSignIn(TEST_ADMIN.email, TEST_ADMIN.password, { from: '203.0.113.12', device });
    expect(token.status).toBe(200);
    expect(token.body.user.email).toBe(TEST_ADMIN.email);
  });

  it('(d) wrong guesses made with the device cookie get that device throttled after 5', async () => {
    const owner = await newMember('stolen-laptop');
    const device = await deviceOf(owner.username, '198.51.100.40');
    const guesses = [];
    for (let i = 0; i < 5; i++) guesses.push((await browserSignIn(owner.username, `wrong guess ${i}`, { from: '198.51.100.40', device })).result);
    expect(guesses).toEqual(Array(5).fill('invalid'));

    expect((await browserSignIn(owner.username, PASSWORD, { from: '198.51.100.40', device })).result).toBe('throttled');
    expect((await tokenSignIn(owner.email, PASSWORD, { from: '198.51.100.41', device })).status).toBe(429);
    // Those failures count against the device, not the account: the owner elsewhere is not locked out.
    expect((await tokenSignIn(owner.email, PASSWORD, { from: '198.51.100.42' })).status).toBe(200);
  });

  it('(e) a forged, tampered or other account’s device cookie does not bypass the lockout', async () => {
    const owner = await newMember('owner-e');
    const other = await newMember('other-e');
    const device = await deviceOf(owner.email, '198.51.100.50');
    const othersDevice = await deviceOf(other.email, '198.51.100.51');
    expect(await wrongGuesses(5, [owner.email], { from: '203.0.113.13' })).toEqual(Array(5).fill(401));

    expect(device).toContain(owner.id);
    const at = device.length - 10;
    const tampered = device.slice(0, at) + (device[at] === 'A' ? 'B' : 'A') + device.slice(at + 1);
    const forged = `${owner.id}.bm90LWEtcmVhbC1ub25jZQ.9999999999.${'A'.repeat(43)}`;
    for (const cookie of [tampered, forged, othersDevice, device.replace(owner.id, other.id)]) {
      expect((await tokenSignIn(owner.email, PASSWORD, { from: '198.51.100.50', device: cookie })).status, cookie).toBe(429);
      expect((await browserSignIn(owner.email, PASSWORD, { from: '198.51.100.50', device: cookie })).result, cookie).toBe('throttled');
    }
    expect((await browserSignIn(owner.email, PASSWORD, { from: '198.51.100.50', device })).result).toBe('signed-in');
  });
});
