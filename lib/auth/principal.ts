import { and, eq, sql } from 'drizzle-orm';
import type { Session } from 'next-auth';
import { preparedQuery } from '@/db/client';
import { memberships, type User } from '@/db/schema';
import { ADMIN_SCOPE, getUserById, getUserScopes } from '@/lib/users/users';
import { isBrowserSessionLive } from './browser-sessions';

/**
 * Who is calling, re-read from the database on every request, so a changed scope or tenant
 * role counts from the caller's next request. `adminOfTenants`: the tenants whose users this
 * caller manages as a tenant admin (telm.ai's tenant role `admin`).
 */
export type Principal = { user: User; scopes: string[]; isAdmin: boolean; adminOfTenants: string[] };

/** Every signed-in request reads them: prepared once (see preparedQuery). */
const tenantsAdministeredBy = preparedQuery<{ tenantId: string }>('gatehouse_tenants_administered', (db) =>
  db
    .select({ tenantId: memberships.tenantId })
    .from(memberships)
    .where(and(eq(memberships.userId, sql.placeholder('userId')), eq(memberships.role, 'admin'))),
);

export async function principalFor(user: User): Promise<Principal> {
  const scopes = await getUserScopes(user.id);
  const adminRows = await tenantsAdministeredBy({ userId: user.id });
  const adminOfTenants = adminRows.map((row) => row.tenantId);
  return { user, scopes, isAdmin: scopes.includes(ADMIN_SCOPE), adminOfTenants };
}

/**
 * The principal behind a browser session, or null when the user is gone or no longer active,
 * their sessions were ended (sessionVersion bumped) after this one was issued, or this
 * session was signed out.
 */
export async function principalForSession({ user: sessionUser, sessionVersion, sessionId }: Session): Promise<Principal | null> {
  const userId = sessionUser?.id;
  if (!userId || !sessionId) return null;
  const user = await getUserById(userId);
  if (!user || user.status !== 'active' || user.sessionVersion !== sessionVersion) return null;
  if (!(await isBrowserSessionLive(sessionId, userId))) return null;
  return await principalFor(user);
}
