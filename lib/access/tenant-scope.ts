import { and, eq, inArray } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { memberships, resources, userScopes, type User } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import type { Principal } from '@/lib/auth/principal';
import type { AuditScope } from '@/lib/audit/query';
import type { TenantRestriction } from '@/lib/search/user-search';
import { ADMIN_SCOPE, getUserById } from '@/lib/users/users';

/**
 * Object-level checks for the `tenant` reach (lib/access/matrix.ts): a system admin reaches every
 * object; a tenant admin reaches the members of their tenants (except system admins, whom
 * only system admins manage), those tenants, and their resources. Anything else answers
 * exactly like an id that does not exist, so other tenants' ids cannot be probed.
 */

/** The users a caller may list: everyone for a system admin, their tenants' members for a tenant admin. */
export function userListRestriction(principal: Principal): TenantRestriction {
  return principal.isAdmin ? null : { tenantIds: principal.adminOfTenants };
}

/** The audit events a caller reads (audit.read): all for a system admin; their tenants' and their members' for a tenant admin. */
export function auditScope(principal: Principal): AuditScope {
  return principal.isAdmin ? null : { tenantIds: principal.adminOfTenants };
}

async function isMemberOfAny(userId: string, tenantIds: string[]): Promise<boolean> {
  if (tenantIds.length === 0) return false;
  const rows = await getDb().select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.userId, userId), inArray(memberships.tenantId, tenantIds))).limit(1);
  return rows.length > 0;
}

async function isSystemAdmin(userId: string): Promise<boolean> {
  const rows = await getDb().select({ scope: userScopes.scope }).from(userScopes).where(and(eq(userScopes.userId, userId), eq(userScopes.scope, ADMIN_SCOPE))).limit(1);
  return rows.length > 0;
}

const noSuchUser = (id: string) => new ApiError('not-found', `There is no user ${id}.`);

/** A user the caller may read: any for a system admin, a member of their tenants for a tenant admin. */
export async function requireReadableUser(principal: Principal, userId: string): Promise<User> {
  const user = await getUserById(userId);
  if (!user) throw noSuchUser(userId);
  if (principal.isAdmin || (await isMemberOfAny(userId, principal.adminOfTenants))) return user;
  throw noSuchUser(userId);
}

/**
 * A user whose memberships, roles on resources and place in the caller's tenants the caller
 * may change: as readable, and never a system admin unless the caller is one.
 */
export async function requireManageableUser(principal: Principal, userId: string): Promise<User> {
  const user = await requireReadableUser(principal, userId);
  if (!principal.isAdmin && (await isSystemAdmin(userId))) throw new ApiError('forbidden', SYSTEM_ADMIN_REFUSAL);
  return user;
}

const SYSTEM_ADMIN_REFUSAL = 'Only a system admin can change a system admin.';
const OTHER_TENANT_REFUSAL =
  'This user also belongs to a tenant you do not administer, so only a system admin or an admin of every tenant they belong to can change their identity, sign-in or status.';

async function tenantsBeyondReach(principal: Principal, userId: string): Promise<boolean> {
  const tenantIds = await getDb().select({ tenantId: memberships.tenantId }).from(memberships).where(eq(memberships.userId, userId));
  return tenantIds.some(({ tenantId }) => !principal.adminOfTenants.includes(tenantId));
}

/**
 * Why the caller may not change this readable user's account (identity, credentials, status,
 * scopes, deletion), or null when they may. Whoever controls the email or password controls
 * every tenant the user belongs to, so a tenant admin needs every one of those tenants, and a
 * user with more power than them (a system admin, or an admin elsewhere) is beyond reach.
 */
export async function accountControlRefusal(principal: Principal, userId: string): Promise<string | null> {
  if (principal.isAdmin) return null;
  if (await isSystemAdmin(userId)) return SYSTEM_ADMIN_REFUSAL;
  if (await tenantsBeyondReach(principal, userId)) return OTHER_TENANT_REFUSAL;
  return null;
}

/** A user whose account the caller may change (see accountControlRefusal): 404 beyond reading, 403 beyond control. */
export async function requireAccountControl(principal: Principal, userId: string): Promise<User> {
  const user = await requireReadableUser(principal, userId);
  const refusal = await accountControlRefusal(principal, userId);
  if (refusal) throw new ApiError('forbidden', refusal);
  return user;
}

/** Scopes make system admins, so a tenant admin edits a user's profile and status but not their scopes. */
export async function requireEditableFields(principal: Principal, userId: string, patch: { scope?: unknown }): Promise<User> {
  const user = await requireAccountControl(principal, userId);
  if (!principal.isAdmin && patch.scope !== undefined) {
    throw new ApiError('forbidden', 'Only a system admin can change scopes.', { errors: [{ path: 'scope', message: 'Only a system admin can change scopes.' }] });
  }
  return user;
}

export type ManageRefusal = 'outside-tenants' | 'system-admin';

/**
 * requireManageableUser for many users at once (a grid of holders): why the caller may not
 * manage each one they may not. Two queries for the lot, not three per user.
 */
export async function manageRefusals(principal: Principal, userIds: string[]): Promise<Map<string, ManageRefusal>> {
  const refusals = new Map<string, ManageRefusal>();
  if (principal.isAdmin || userIds.length === 0) return refusals;
  const db = getDb();
  const inReach = new Set(
    principal.adminOfTenants.length
      ? (await db.select({ userId: memberships.userId }).from(memberships).where(and(inArray(memberships.userId, userIds), inArray(memberships.tenantId, principal.adminOfTenants)))).map((row) => row.userId)
      : [],
  );
  const systemAdmins = new Set(
    (await db.select({ userId: userScopes.userId }).from(userScopes).where(and(inArray(userScopes.userId, userIds), eq(userScopes.scope, ADMIN_SCOPE)))).map((row) => row.userId),
  );
  for (const userId of userIds) {
    if (!inReach.has(userId)) refusals.set(userId, 'outside-tenants');
    else if (systemAdmins.has(userId)) refusals.set(userId, 'system-admin');
  }
  return refusals;
}

export function mayManageTenant(principal: Principal, tenantId: string): boolean {
  return principal.isAdmin || principal.adminOfTenants.includes(tenantId);
}

/** A resource the caller reaches: any for a system admin, their tenants' resources for a tenant admin. */
export async function requireReachableResource(principal: Principal, resourceId: string): Promise<typeof resources.$inferSelect> {
  const [resource] = await getDb().select().from(resources).where(eq(resources.id, resourceId)).limit(1);
  if (!resource || !(principal.isAdmin || (resource.tenantId !== null && principal.adminOfTenants.includes(resource.tenantId)))) {
    throw new ApiError('not-found', `There is no resource ${resourceId}.`);
  }
  return resource;
}
