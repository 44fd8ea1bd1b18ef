import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { cookies } from 'next/headers';
import { getAuthSecret, getConfig } from '@/lib/server/config';
import { findUserBySignInName } from '@/lib/users/users';

/**
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a browser
 * that has signed in to an account keeps a signed token for it, so failures made elsewhere do
 * not lock it out (see lib/auth/credentials.ts). It is no credential: it only exempts its
 * holder from other clients' lockouts, and its own failures are throttled under its nonce.
 *
 * The cookie holds up to five tokens separated by "~", newest first, each
 * `<userId>.<nonce>.<expires, epoch seconds>.<HMAC-SHA256 of the first three>`.
 */
export const DEVICE_COOKIE = 'gatehouse-device';

const LIFETIME_SECONDS = 365 * 24 * 60 * 60;
// A shared browser remembers a few accounts; the least recently used falls out.
const MAX_ACCOUNTS = 5;

type DeviceToken = { userId: string; nonce: string; raw: string };

function signature(payload: string): string {
  return createHmac('sha256', getAuthSecret()).update(`device-cookie:${payload}`).digest('base64url');
}

/** A token that verifies and has not expired, else null: a tampered or old token is no token. */
function readToken(raw: string, now: number): DeviceToken | null {
  const parts = raw.split('.');
  if (parts.length !== 4) return null;
  const [userId, nonce, expires, mac] = parts;
  const given = Buffer.from(mac);
  const expected = Buffer.from(signature(`${userId}.${nonce}.${expires}`));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (Number(expires) * 1000 <= now) return null;
  return { userId, nonce, raw };
}

function readTokens(cookieValue: string | undefined, now: number): DeviceToken[] {
  // Never more than we write: a padded cookie must not buy extra HMAC work.
  return (cookieValue ?? '')
    .split('~', MAX_ACCOUNTS)
    .map((raw) => readToken(raw, now))
    .filter((token) => token !== null);
}

/** The nonce of this browser's valid token for the account, or null when it has none. */
export function trustedDeviceNonce(cookieValue: string | undefined, userId: string, now = Date.now()): string | null {
  return readTokens(cookieValue, now).find((token) => token.userId === userId)?.nonce ?? null;
}

/** The cookie's value after a sign-in to `userId`: a fresh token first, then the others still valid. */
export function deviceCookieAfterSignIn(cookieValue: string | undefined, userId: string, now = Date.now()): string {
  const payload = `${userId}.${randomBytes(16).toString('base64url')}.${Math.floor(now / 1000) + LIFETIME_SECONDS}`;
  const fresh = `${payload}.${signature(payload)}`;
  const others = readTokens(cookieValue, now)
    .filter((token) => token.userId !== userId)
    .map((token) => token.raw);
  return [fresh, ...others].slice(0, MAX_ACCOUNTS).join('~');
}

/** The device cookie's value in a request's Cookie header. */
export function deviceCookieFrom(headers: Headers): string | undefined {
  for (const pair of headers.get('cookie')?.split(';') ?? []) {
    const [name, value] = pair.split('=', 2).map((part) => part.trim());
    if (name === DEVICE_COOKIE) return value;
  }
  return undefined;
}

/**
 * For the sign-in form's action, after a successful sign-in as `identifier`: remembers this
 * browser for that account (Auth.js tells the action only where to go next, so the name is
 * looked up again). HttpOnly: page scripts never see it.
 */
export async function trustThisBrowser(identifier: string): Promise<void> {
  const user = await findUserBySignInName(identifier);
  if (!user) return;
  const jar = await cookies();
  jar.set(DEVICE_COOKIE, deviceCookieAfterSignIn(jar.get(DEVICE_COOKIE)?.value, user.id), {
    httpOnly: true,
    secure: getConfig().appUrl.startsWith('https:'),
    sameSite: 'lax',
    path: '/',
    maxAge: LIFETIME_SECONDS,
  });
}
