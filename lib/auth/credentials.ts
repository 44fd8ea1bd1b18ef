import type { User } from '@/db/schema';
import { verifyPassword } from '../passwords';
import { ACCOUNT_LIMIT, ADDRESS_LIMIT, getSignInThrottle } from '../throttle';
import { findUserBySignInName, normalizeIdentifier, recordSignIn } from '../users';

export type SignInResult =
  | { outcome: 'signed-in'; user: User }
  | { outcome: 'invalid' }
  | { outcome: 'inactive'; status: User['status'] }
  | { outcome: 'throttled'; retryAfterSeconds: number };

function throttleKeys(identifier: string, address: string) {
  return [
    { key: `account:${normalizeIdentifier(identifier)}`, limit: ACCOUNT_LIMIT },
    { key: `address:${address}`, limit: ADDRESS_LIMIT },
  ];
}

export function signInRetryAfterSeconds(identifier: string, address: string): number {
  return getSignInThrottle().retryAfterSeconds(throttleKeys(identifier, address).map((k) => k.key));
}

/**
 * The one sign-in check, for the browser and the API. An unknown account and a wrong
 * password take the same path and the same time; failures are throttled per account name
 * and per client address.
 */
export async function verifyCredentials(identifier: string, password: string, address: string): Promise<SignInResult> {
  const retryAfterSeconds = signInRetryAfterSeconds(identifier, address);
  if (retryAfterSeconds > 0) return { outcome: 'throttled', retryAfterSeconds };

  const keys = throttleKeys(identifier, address);
  const user = findUserBySignInName(identifier);
  const passwordMatches = await verifyPassword(user?.passwordHash, password);
  if (!user || !passwordMatches) {
    getSignInThrottle().recordFailure(keys);
    return { outcome: 'invalid' };
  }
  // Only someone who knows the password learns that the account is suspended.
  if (user.status !== 'active') return { outcome: 'inactive', status: user.status };

  getSignInThrottle().clear(keys[0].key);
  recordSignIn(user.id);
  return { outcome: 'signed-in', user };
}

/** After a reset proved the person owns the account, its failed sign-ins (by email or username) no longer count. */
export function forgiveSignInFailures(user: Pick<User, 'emailNormalized' | 'usernameNormalized'>): void {
  for (const name of new Set([user.emailNormalized, user.usernameNormalized])) getSignInThrottle().clear(throttleKeys(name, '')[0].key);
}

/** Throttle keys for checking a signed-in user's current password: their account and address. */
function passwordCheckKeys(user: Pick<User, 'emailNormalized'>, address: string) {
  return throttleKeys(user.emailNormalized, address);
}

export function passwordCheckRetryAfterSeconds(user: Pick<User, 'emailNormalized'>, address: string): number {
  return getSignInThrottle().retryAfterSeconds(passwordCheckKeys(user, address).map((k) => k.key));
}

/** A wrong current password counts like a failed sign-in; a right one clears the account's count. */
export function recordPasswordCheck(user: Pick<User, 'emailNormalized'>, address: string, matched: boolean): void {
  const keys = passwordCheckKeys(user, address);
  if (matched) getSignInThrottle().clear(keys[0].key);
  else getSignInThrottle().recordFailure(keys);
}
