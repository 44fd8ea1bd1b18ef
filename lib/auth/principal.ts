import type { User } from '@/db/schema';
import { ADMIN_SCOPE, getUserById, getUserScopes } from '../users';

/** Who is calling, re-read from the database on every request. */
export type Principal = { user: User; scopes: string[]; isAdmin: boolean };

export function principalFor(user: User): Principal {
  const scopes = getUserScopes(user.id);
  return { user, scopes, isAdmin: scopes.includes(ADMIN_SCOPE) };
}

/**
 * The principal behind a browser session, or null when the user is gone, no longer active,
 * or their sessions were ended (sessionVersion bumped) after this one was issued.
 */
export function principalForSession(userId: string, sessionVersion: number): Principal | null {
  const user = getUserById(userId);
  if (!user || user.status !== 'active' || user.sessionVersion !== sessionVersion) return null;
  return principalFor(user);
}
