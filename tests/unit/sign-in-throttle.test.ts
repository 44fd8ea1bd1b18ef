import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// verifyCredentials against a real (temporary) database, with the clock passed in.
const folder = mkdtempSync(path.join(tmpdir(), 'gatehouse-throttle-'));
process.env.DATABASE_URL = `file:${path.join(folder, 'throttle.db')}`;
process.env.AUTH_SECRET = 'unit-test-secret-for-device-cookies-0123456789';

const { closeDatabase, getEngine } = await import('@/db/client');
const { createUser } = await import('@/lib/users/users');
const { forgiveSignInFailures, signInRetryAfterSeconds, verifyCredentials } = await import('@/lib/auth/credentials');
const { DEVICE_COOKIE, deviceCookieAfterSignIn, trustedDeviceNonce } = await import('@/lib/auth/device-cookie');
const { CLIENT_ADDRESS_HEADER } = await import('@/lib/http/request');

const PASSWORD = 'a long unit test pass phrase';
const DAY = 24 * 60 * 60_000;
const start = Date.now();

beforeAll(() => getEngine().migrate());
afterAll(async () => {
  await closeDatabase();
  rmSync(folder, { recursive: true, force: true });
});

async function member(name: string) {
  return await createUser({ email: `${name}@example.com`, username: name, password: PASSWORD });
}

/** The request headers of a client at `address`, with a device cookie when given. */
function client(address: string, deviceCookie?: string): Headers {
  const headers = new Headers({ [CLIENT_ADDRESS_HEADER]: address });
  if (deviceCookie) headers.set('cookie', `theme=dark; ${DEVICE_COOKIE}=${deviceCookie}`);
  return headers;
}

/** Wrong passwords for the names in turn; returns each outcome. */
async function guess(times: number, names: string[], from: (i: number) => Headers, now = start) {
  const outcomes = [];
  for (let i = 0; i < times; i++) outcomes.push((await verifyCredentials(names[i % names.length], `wrong guess ${i}`, from(i), now)).outcome);
  return outcomes;
}

const invalid = (times: number) => Array(times).fill('invalid');

describe('one account key, whatever name was typed', () => {
  it('counts guesses by email and by username against the same account', async () => {
    const ann = await member('ann');
    expect(await guess(5, ['ann@example.com', 'ANN', 'ann'], (i) => client(`198.51.100.${i}`))).toEqual(invalid(5));
    const result = await verifyCredentials('ann', PASSWORD, client('198.51.100.99'), start);
    expect(result).toEqual({ outcome: 'throttled', retryAfterSeconds: 30 });
    expect(await signInRetryAfterSeconds('Ann@Example.com', client('198.51.100.98'), start)).toBe(30);

    await forgiveSignInFailures(ann);
    expect((await verifyCredentials('ann@example.com', PASSWORD, client('198.51.100.99'), start)).outcome).toBe('signed-in');
  });

  it('throttles a name that matches no account in the same way', async () => {
    expect(await guess(5, ['ghost@example.com'], (i) => client(`198.51.100.${20 + i}`))).toEqual(invalid(5));
    expect(await verifyCredentials('Ghost@example.com', PASSWORD, client('198.51.100.30'), start)).toEqual({ outcome: 'throttled', retryAfterSeconds: 30 });
  });
});

describe('device cookies', () => {
  it('let a browser that signed in before through while the account is blocked for others', async () => {
    const bob = await member('bob');
    const cookie = deviceCookieAfterSignIn(undefined, bob.id, start);
    expect(await guess(6, ['bob', 'bob@example.com'], () => client('203.0.113.1'))).toEqual([...invalid(5), 'throttled']);
    expect((await verifyCredentials('bob', PASSWORD, client('203.0.113.2'), start)).outcome).toBe('throttled');

    expect((await verifyCredentials('bob@example.com', PASSWORD, client('203.0.113.1', cookie), start)).outcome).toBe('signed-in');
  });

  it('let a browser that signed in before through while its address is blocked', async () => {
    const carol = await member('carol');
    const cookie = deviceCookieAfterSignIn(undefined, carol.id, start);
    // Twenty failures block the address; no single account reaches its own limit.
    const names = ['sprayed-1', 'sprayed-2@example.com', 'sprayed-3', 'bob', 'sprayed-4'];
    expect(await guess(25, names, () => client('203.0.113.50'))).toEqual([...invalid(20), ...Array(5).fill('throttled')]);
    expect((await verifyCredentials('carol', PASSWORD, client('203.0.113.50'), start)).outcome).toBe('throttled');

    expect((await verifyCredentials('carol', PASSWORD, client('203.0.113.50', cookie), start)).outcome).toBe('signed-in');
  });

  it("count failures made with a device cookie against that device only, with an account's limits", async () => {
    const dave = await member('dave');
    const cookie = deviceCookieAfterSignIn(undefined, dave.id, start);
    expect(await guess(5, ['dave'], () => client('192.0.2.7', cookie))).toEqual(invalid(5));
    expect(await verifyCredentials('dave', PASSWORD, client('192.0.2.7', cookie), start)).toEqual({ outcome: 'throttled', retryAfterSeconds: 30 });
    // Neither the account nor the address is blocked for anyone else.
    expect(await signInRetryAfterSeconds('dave', client('192.0.2.7'), start)).toBe(0);

    // The delay doubles as it does for an account, and ends.
    expect(await guess(1, ['dave'], () => client('192.0.2.7', cookie), start + 30_000)).toEqual(invalid(1));
    expect(await signInRetryAfterSeconds('dave', client('192.0.2.7', cookie), start + 30_000)).toBe(60);
    expect((await verifyCredentials('dave', PASSWORD, client('192.0.2.7', cookie), start + 90_000)).outcome).toBe('signed-in');
  });

  it("count a tampered, expired or other account's cookie as no cookie", async () => {
    const erin = await member('erin');
    const frank = await member('frank');
    expect(await guess(5, ['erin'], () => client('192.0.2.20'))).toEqual(invalid(5));
    const genuine = deviceCookieAfterSignIn(undefined, erin.id, start);
    const at = genuine.length - 10;
    const tampered = genuine.slice(0, at) + (genuine[at] === 'A' ? 'B' : 'A') + genuine.slice(at + 1);
    const otherAccount = deviceCookieAfterSignIn(undefined, frank.id, start);
    const expired = deviceCookieAfterSignIn(undefined, erin.id, start - 400 * DAY);
    const renamed = genuine.replace(erin.id, frank.id);
    for (const cookie of [tampered, otherAccount, expired, renamed, 'garbage', `${erin.id}.nonce.9999999999.mac`]) {
      expect((await verifyCredentials('erin', PASSWORD, client('192.0.2.21', cookie), start)).outcome, cookie).toBe('throttled');
    }
    expect((await verifyCredentials('erin', PASSWORD, client('192.0.2.21', genuine), start)).outcome).toBe('signed-in');
  });

  it('hold the last five accounts, one token each, renewed on every sign-in', () => {
    const ids = ['usr_one', 'usr_two', 'usr_three', 'usr_four', 'usr_five', 'usr_six'];
    let cookie: string | undefined;
    for (const id of ids) cookie = deviceCookieAfterSignIn(cookie, id, start);
    expect(trustedDeviceNonce(cookie, 'usr_one', start)).toBeNull();
    for (const id of ids.slice(1)) expect(trustedDeviceNonce(cookie, id, start)).not.toBeNull();

    const before = trustedDeviceNonce(cookie, 'usr_three', start);
    const renewed = deviceCookieAfterSignIn(cookie, 'usr_three', start);
    expect(trustedDeviceNonce(renewed, 'usr_three', start)).not.toBe(before);
    for (const id of ids.slice(1)) expect(trustedDeviceNonce(renewed, id, start)).not.toBeNull();
    // A year after it was issued, a token is no longer trusted.
    expect(trustedDeviceNonce(renewed, 'usr_three', start + 366 * DAY)).toBeNull();
  });
});
