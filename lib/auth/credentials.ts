import type { User } from '@/db/schema';
import { ApiError } from '../api/errors';
import { checkUserPassword } from '@/lib/passwords/user-password';
import { clientAddress } from '@/lib/http/request';
import { ACCOUNT_LIMIT, ADDRESS_LIMIT, signInThrottle } from './throttle';
import { issueApiToken, type IssuedToken } from './tokens';
import { findUserBySignInName, normalizeIdentifier, recordSignIn } from '@/lib/users/users';
import { deviceCookieFrom, trustedDeviceNonce } from './device-cookie';
import { transaction } from '@/db/client';
import { recordAuditEvent } from '@/lib/audit/events';

export type SignInResult =
  | { outcome: 'signed-in'; user: User }
  | { outcome: 'invalid' }
  | { outcome: 'inactive'; status: User['status'] }
  | { outcome: 'throttled'; retryAfterSeconds: number };

const accountKey = (userId: string) => `account:${userId}`;
const addressKey = (address: string) => `address:${address}`;

/**
 * The counters one sign-in attempt answers to, after OWASP's device-cookie scheme. Failures
 * count per account, whatever name was typed; a name that matches no account is counted under
 * itself, so it is throttled just like a real one. A browser with a valid device cookie for
 * the account answers only for that device, with an account's limits: failures made elsewhere
 * do not lock it out, and a stolen cookie is still slowed down. Every other client answers for
 * the account and for its address.
 */
async function signInAttempt(identifier: string, headers: Headers, now: number) {
  const user = await findUserBySignInName(identifier);
  const account = user ? accountKey(user.id) : `account-name:${normalizeIdentifier(identifier)}`;
  // Checked for unknown names too, so that both take the same time.
  const nonce = trustedDeviceNonce(deviceCookieFrom(headers), user?.id ?? '', now);
  const device = nonce ? `device:${nonce}` : null;
  const keys = device ? [{ key: device, limit: ACCOUNT_LIMIT }] : [{ key: account, limit: ACCOUNT_LIMIT }, { key: addressKey(clientAddress(headers)), limit: ADDRESS_LIMIT }];
  return { user, account, device, keys };
}

/** Seconds this client must wait before trying `identifier` again; 0 when it may. */
export async function signInRetryAfterSeconds(identifier: string, headers: Headers, now = Date.now()): Promise<number> {
  const { keys } = await signInAttempt(identifier, headers, now);
  return signInThrottle.retryAfterSeconds(keys.map((k) => k.key), now);
}

/**
 * The one sign-in check, for the browser and the API, given the request's headers (client
 * address and device cookie). An unknown account and a wrong password take the same path and
 * the same time.
 */
export async function verifyCredentials(identifier: string, password: string, headers: Headers, now = Date.now()): Promise<SignInResult> {
  const { user, account, device, keys } = await signInAttempt(identifier, headers, now);
  // The trail names the account when the name matches one; never the typed name otherwise (it may be a password typed in the wrong field).
  const target = user?.id ?? null;
  const retryAfterSeconds = await signInThrottle.retryAfterSeconds(keys.map((k) => k.key), now);
  // Refused unread and uncounted: the block was recorded when it began, not at each attempt it turns away.
  if (retryAfterSeconds > 0) return { outcome: 'throttled', retryAfterSeconds };

  const passwordMatches = await checkUserPassword(user, password);
  if (!user || !passwordMatches) {
    await transaction(async () => {
      const blockedForSeconds = await signInThrottle.recordFailure(keys, now);
      await recordAuditEvent({ action: 'sign-in.failed', target, after: { reason: user ? 'wrong-password' : 'unknown-name' } });
      // Once per block, so a flood of guesses is one event (and one webhook), not one per guess.
      if (blockedForSeconds > 0) await recordAuditEvent({ action: 'sign-in.throttled', target, after: { retryAfterSeconds: blockedForSeconds } });
    });
    return { outcome: 'invalid' };
  }
  // Only someone who knows the password learns that the account is suspended.
  if (user.status !== 'active') {
    await recordAuditEvent({ action: 'sign-in.failed', target, after: { reason: `account-${user.status}` } });
    return { outcome: 'inactive', status: user.status };
  }

  await transaction(async () => {
    // The address keeps its count: signing in to one's own account must not reset a spray.
    await signInThrottle.clear(account, ...(device ? [device] : []));
    await recordSignIn(user.id);
    await recordAuditEvent({ actor: user.id, action: 'sign-in.succeeded', target: user.id });
  });
  return { outcome: 'signed-in', user };
}

/** After a reset proved the person owns the account, its failed sign-ins no longer count. */
export async function forgiveSignInFailures(user: Pick<User, 'id'>): Promise<void> {
  await signInThrottle.clear(accountKey(user.id));
}

/** Throttle keys for checking a signed-in user's current password: their account and address. */
function passwordCheckKeys(user: Pick<User, 'id'>, address: string) {
  return [{ key: accountKey(user.id), limit: ACCOUNT_LIMIT }, { key: addressKey(address), limit: ADDRESS_LIMIT }];
}

export function passwordCheckRetryAfterSeconds(user: Pick<User, 'id'>, address: string): Promise<number> {
  return signInThrottle.retryAfterSeconds(passwordCheckKeys(user, address).map((k) => k.key));
}

/** A wrong current password counts like a failed sign-in; a right one clears the account's count. */
export async function recordPasswordCheck(user: Pick<User, 'id'>, address: string, matched: boolean): Promise<void> {
  if (matched) await signInThrottle.clear(accountKey(user.id));
  else await signInThrottle.recordFailure(passwordCheckKeys(user, address));
}

/**
 * Signs in with a name and password for an API token, for every door that trades a password
 * for a token (/api/v1/auth/token and the vendor dialects' sign-in calls); each refusal is the
 * ApiError every door answers alike, in its own shape.
 */
export async function signInForApiToken(identifier: string, password: string, headers: Headers): Promise<{ user: User } & IssuedToken> {
  // The headers carry the client's address and, from a browser's cookie jar, its device cookie.
  const result = await verifyCredentials(identifier, password, headers);
  switch (result.outcome) {
    case 'throttled':
      throw new ApiError('too-many-requests', 'Too many failed sign-ins. Wait before trying again.', {
        headers: { 'retry-after': String(result.retryAfterSeconds) },
      });
    case 'invalid':
      throw new ApiError('invalid-credentials', 'The username or password is wrong.');
    case 'inactive':
      throw new ApiError('account-inactive', 'This account cannot sign in. Contact your administrator.');
    case 'signed-in':
      return { user: result.user, ...(await issueApiToken(result.user)) };
  }
}
