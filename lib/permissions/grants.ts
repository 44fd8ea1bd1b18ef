import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { getDb, transaction } from '@/db/client';
import { permissions, resources, users, type permissionRoles } from '@/db/schema';
import { ApiError, type FieldError } from '@/lib/api/errors';
import { recordAuditEvent } from '@/lib/audit/events';
import type { Principal } from '@/lib/auth/principal';
import { requireManageableUser, requireReachableResource, requireReadableUser } from '@/lib/access/tenant-scope';
import { displayName } from '@/lib/users/users';

/**
 * Per-resource roles (Solvexia): a user holds at most one role on a resource, optionally
 * until `expiresAt`. An expired grant counts nowhere; it is listed as expired until replaced
 * or revoked.
 */

export type ResourceRole = (typeof permissionRoles)[number];
export type Grant = { role: ResourceRole; expiresAt: Date | null; expired: boolean; grantedBy: string | null; grantedAt: Date };
export type UserPermission = Grant & { resourceId: string; resourceName: string; resourceKind: string };
export type ResourcePermission = Grant & { userId: string; email: string; name: string; status: string };
type Actor = { id: string; ip?: string | null };

const isExpired = (expiresAt: Date | null, now: number) => expiresAt !== null && expiresAt.getTime() <= now;

/** The resources a tenant admin sees permissions on: their tenants' (null: a system admin sees all). */
function visibleResourceTenants(principal: Principal): string[] | null {
  return principal.isAdmin ? null : principal.adminOfTenants;
}

export async function listUserPermissions(principal: Principal, userId: string): Promise<UserPermission[]> {
  await requireReadableUser(principal, userId);
  const tenantIds = visibleResourceTenants(principal);
  const now = Date.now();
  const rows = await getDb()
    .select({ resourceId: resources.id, resourceName: resources.name, resourceKind: resources.kind, role: permissions.role, expiresAt: permissions.expiresAt, grantedBy: permissions.grantedBy, grantedAt: permissions.createdAt })
    .from(permissions)
    .innerJoin(resources, eq(resources.id, permissions.resourceId))
    .where(and(eq(permissions.userId, userId), tenantIds ? inArray(resources.tenantId, tenantIds) : undefined))
    .orderBy(asc(resources.name));
  return rows.map((row) => ({ ...row, expired: isExpired(row.expiresAt, now) }));
}

export async function listResourcePermissions(principal: Principal, resourceId: string): Promise<ResourcePermission[]> {
  await requireReachableResource(principal, resourceId);
  const now = Date.now();
  const rows = await getDb()
    .select({ userId: users.id, email: users.email, firstName: users.firstName, lastName: users.lastName, username: users.username, status: users.status, role: permissions.role, expiresAt: permissions.expiresAt, grantedBy: permissions.grantedBy, grantedAt: permissions.createdAt })
    .from(permissions)
    .innerJoin(users, eq(users.id, permissions.userId))
    .where(eq(permissions.resourceId, resourceId))
    .orderBy(asc(users.emailNormalized));
  return rows.map(({ firstName, lastName, username, ...row }) => ({ ...row, name: displayName({ firstName, lastName, username }), expired: isExpired(row.expiresAt, now) }));
}

/** One change for the grids and the API: a role (with an optional expiry), or null to revoke. */
export type PermissionChange = { userId: string; resourceId: string; role: ResourceRole | null; expiresAt?: Date | null };

/**
 * Why a change cannot be made, or null: a user being deleted (409) or an expiry in the past
 * (422). A user or resource out of the caller's reach throws its own 404 or 403. `checked`
 * remembers the users and resources already looked at, so a batch of changes to one user
 * or one resource checks it once.
 */
async function changeRefusal(principal: Principal, change: PermissionChange, now: number, checked = new Map<string, ApiError | null>()): Promise<ApiError | null> {
  let userRefusal = checked.get(change.userId);
  if (userRefusal === undefined) {
    const user = await requireManageableUser(principal, change.userId);
    userRefusal = user.status === 'deleting' ? new ApiError('conflict', `${user.email} is being deleted and cannot be given roles.`) : null;
    checked.set(change.userId, userRefusal);
  }
  if (userRefusal) return userRefusal;
  if (!checked.has(change.resourceId)) {
    await requireReachableResource(principal, change.resourceId);
    checked.set(change.resourceId, null);
  }
  if (change.role !== null && change.expiresAt && change.expiresAt.getTime() <= now) {
    return new ApiError('validation-failed', 'The expiry must be in the future.', { errors: [{ path: 'expiresAt', message: 'The expiry must be in the future.' }] });
  }
  return null;
}

/** One change, inside the caller's transaction. */
async function applyChange(change: PermissionChange, actor: Actor): Promise<'granted' | 'changed' | 'revoked' | 'unchanged'> {
  const tx = getDb();
  const key = and(eq(permissions.userId, change.userId), eq(permissions.resourceId, change.resourceId));
  const [existing] = await tx.select().from(permissions).where(key);
  // A tenant's resource: its tenant admins read the event too.
  const [{ tenantId }] = await tx.select({ tenantId: resources.tenantId }).from(resources).where(eq(resources.id, change.resourceId));
  const record = (action: 'permission.granted' | 'permission.changed' | 'permission.revoked', after?: Pick<Grant, 'role' | 'expiresAt'>) =>
    recordAuditEvent({
      actor: actor.id,
      action,
      target: change.userId,
      tenantId,
      before: existing && { resourceId: change.resourceId, role: existing.role, expiresAt: existing.expiresAt },
      after: after && { resourceId: change.resourceId, ...after },
      identity: ['resourceId'],
      ip: actor.ip,
    });
  if (change.role === null) {
    if (!existing) return 'unchanged';
    await tx.delete(permissions).where(key);
    await record('permission.revoked');
    return 'revoked';
  }
  const expiresAt = change.expiresAt ?? null;
  if (existing && existing.role === change.role && (existing.expiresAt?.getTime() ?? null) === (expiresAt?.getTime() ?? null)) return 'unchanged';
  await tx
    .insert(permissions)
    .values({ userId: change.userId, resourceId: change.resourceId, role: change.role, expiresAt, grantedBy: actor.id, createdAt: new Date() })
    .onConflictDoUpdate({ target: [permissions.userId, permissions.resourceId], set: { role: change.role, expiresAt, grantedBy: actor.id, createdAt: sql`excluded.created_at` } });
  await record(existing ? 'permission.changed' : 'permission.granted', { role: change.role, expiresAt });
  return existing ? 'changed' : 'granted';
}

/**
 * Applies several changes in one transaction (the permission grids' Save): all or none. A
 * refused change is reported as `changes.<index>` so the grid can mark its row.
 */
export async function applyPermissionChanges(principal: Principal, changes: PermissionChange[], actor: Actor): Promise<Record<'granted' | 'changed' | 'revoked' | 'unchanged', number>> {
  const now = Date.now();
  const errors: FieldError[] = [];
  const checked = new Map<string, ApiError | null>();
  for (const [index, change] of changes.entries()) {
    let refusal: ApiError | null;
    try {
      refusal = await changeRefusal(principal, change, now, checked);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      refusal = error;
    }
    if (refusal) errors.push({ path: `changes.${index}`, message: refusal.detail ?? refusal.title });
  }
  if (errors.length) throw new ApiError('validation-failed', `${errors.length} of the changes cannot be saved; nothing was saved.`, { errors });
  const summary = { granted: 0, changed: 0, revoked: 0, unchanged: 0 };
  await transaction(async () => {
    for (const change of changes) summary[await applyChange(change, actor)] += 1;
  });
  return summary;
}

/** The user page's grid and PATCH /users/:id/permissions: the user must be reachable before any row is looked at. */
export async function changeUserPermissions(principal: Principal, userId: string, changes: Omit<PermissionChange, 'userId'>[], actor: Actor) {
  await requireManageableUser(principal, userId);
  return await applyPermissionChanges(principal, changes.map((change) => ({ ...change, userId })), actor);
}

/** The resource page's grid and PATCH /resources/:id/permissions. */
export async function changeResourcePermissions(principal: Principal, resourceId: string, changes: Omit<PermissionChange, 'resourceId'>[], actor: Actor) {
  await requireReachableResource(principal, resourceId);
  return await applyPermissionChanges(principal, changes.map((change) => ({ ...change, resourceId })), actor);
}

/** PUT (or POST) /users/:id/permissions/:resourceId: grant or change one role. */
export async function grantPermission(
  principal: Principal,
  userId: string,
  resourceId: string,
  grant: { role: ResourceRole; expiresAt?: Date | null },
  actor: Actor,
): Promise<{ created: boolean; permission: UserPermission }> {
  const refusal = await changeRefusal(principal, { userId, resourceId, role: grant.role, expiresAt: grant.expiresAt }, Date.now());
  if (refusal) throw refusal;
  const outcome = await transaction(() => applyChange({ userId, resourceId, role: grant.role, expiresAt: grant.expiresAt }, actor));
  return { created: outcome === 'granted', permission: (await listUserPermissions(principal, userId)).find((p) => p.resourceId === resourceId)! };
}

/** DELETE /users/:id/permissions/:resourceId: 404 when the user held no role there. */
export async function revokePermission(principal: Principal, userId: string, resourceId: string, actor: Actor): Promise<void> {
  await requireManageableUser(principal, userId);
  await requireReachableResource(principal, resourceId);
  const outcome = await transaction(() => applyChange({ userId, resourceId, role: null }, actor));
  if (outcome === 'unchanged') throw new ApiError('not-found', `The user ${userId} holds no role on ${resourceId}.`);
}
