import { and, asc, count, eq, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { getDb, transaction } from '@/db/client';
import { permissions, resources, tenants } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import { recordAuditEvent } from '@/lib/audit/events';
import type { Principal } from '@/lib/auth/principal';
import { newId } from '@/db/ids';
import { mayManageTenant, requireReachableResource } from '@/lib/access/tenant-scope';

/** Resources that permissions point at (Solvexia's workflows, datasets, reports...). */

export type Resource = typeof resources.$inferSelect & { tenantSlug: string | null; holderCount: number };
type Actor = { id: string; ip?: string | null };

// A function: "now" must be the time of each query, not of the module's loading.
const columns = () => ({
  id: resources.id,
  name: resources.name,
  kind: resources.kind,
  tenantId: resources.tenantId,
  createdAt: resources.createdAt,
  tenantSlug: tenants.slug,
  holderCount: sql<number>`(SELECT count(*) FROM ${permissions} WHERE ${permissions.resourceId} = ${resources.id} AND ${or(isNull(permissions.expiresAt), gt(permissions.expiresAt, new Date()))})`.mapWith(Number),
});

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The resources the caller reaches, by name, optionally matching a name fragment; paged. */
export async function listResources(
  principal: Principal,
  { pattern, limit = 50, offset = 0 }: { pattern?: string; limit?: number; offset?: number },
): Promise<{ items: Resource[]; total: number }> {
  const conditions: SQL[] = [];
  if (!principal.isAdmin) conditions.push(principal.adminOfTenants.length ? inArray(resources.tenantId, principal.adminOfTenants) : sql`false`);
  // Lower-cased on both sides: SQLite's LIKE ignores ASCII case, PostgreSQL's does not.
  if (pattern) conditions.push(sql`lower(${resources.name}) LIKE ${`%${escapeLike(pattern.toLowerCase())}%`} ESCAPE '\\'`);
  const where = conditions.length ? and(...conditions) : undefined;
  const db = getDb();
  const items = await db.select(columns()).from(resources).leftJoin(tenants, eq(tenants.id, resources.tenantId)).where(where).orderBy(asc(resources.name), asc(resources.id)).limit(limit).offset(offset);
  const [{ total }] = await db.select({ total: count() }).from(resources).where(where);
  return { items, total };
}

export async function getResource(principal: Principal, id: string): Promise<Resource> {
  await requireReachableResource(principal, id);
  const [resource] = await getDb().select(columns()).from(resources).leftJoin(tenants, eq(tenants.id, resources.tenantId)).where(eq(resources.id, id));
  return resource;
}

/** A tenant admin's resources belong to one of their tenants; only a system admin makes tenant-less ones. */
async function assertTenantAllowed(principal: Principal, tenantId: string | null | undefined): Promise<void> {
  if (tenantId === null || tenantId === undefined) {
    if (!principal.isAdmin) throw new ApiError('validation-failed', 'Choose one of your tenants for the resource.', { errors: [{ path: 'tenantId', message: 'Choose one of your tenants.' }] });
    return;
  }
  const [exists] = await getDb().select({ id: tenants.id }).from(tenants).where(eq(tenants.id, tenantId)).limit(1);
  // Another tenant's id answers like an unknown one, so tenant ids cannot be probed.
  if (!exists || !mayManageTenant(principal, tenantId)) {
    throw new ApiError('not-found', `There is no tenant ${tenantId}.`, { errors: [{ path: 'tenantId', message: 'There is no such tenant.' }] });
  }
}

export async function createResource(principal: Principal, input: { name: string; kind: string; tenantId?: string | null }, actor: Actor): Promise<Resource> {
  await assertTenantAllowed(principal, input.tenantId);
  const id = newId('res');
  await transaction(async (tx) => {
    await tx.insert(resources).values({ id, name: input.name, kind: input.kind, tenantId: input.tenantId ?? null, createdAt: new Date() });
    await recordAuditEvent({ actor: actor.id, action: 'resource.created', target: id, tenantId: input.tenantId, after: input, ip: actor.ip });
  });
  return await getResource(principal, id);
}

export async function updateResource(principal: Principal, id: string, patch: { name?: string; kind?: string; tenantId?: string | null }, actor: Actor): Promise<Resource> {
  const before = await requireReachableResource(principal, id);
  if (patch.tenantId !== undefined) await assertTenantAllowed(principal, patch.tenantId);
  await transaction(async (tx) => {
    await tx.update(resources).set(patch).where(eq(resources.id, id));
    await recordAuditEvent({
      actor: actor.id,
      action: 'resource.updated',
      target: id,
      // Moved to another tenant: the new one's admins read it.
      tenantId: patch.tenantId === undefined ? before.tenantId : patch.tenantId,
      before: { name: before.name, kind: before.kind, tenantId: before.tenantId },
      after: patch,
      ip: actor.ip,
    });
  });
  return await getResource(principal, id);
}

/** Deleting a resource revokes every permission on it, each recorded as a revocation. */
export async function deleteResource(principal: Principal, id: string, actor: Actor): Promise<void> {
  const before = await requireReachableResource(principal, id);
  await transaction(async (tx) => {
    // The grants go with the resource: each holder's loss is told as its own revocation.
    const revoked = await tx.delete(permissions).where(eq(permissions.resourceId, id)).returning();
    await tx.delete(resources).where(eq(resources.id, id));
    for (const grant of revoked) {
      await recordAuditEvent({ actor: actor.id, action: 'permission.revoked', target: grant.userId, tenantId: before.tenantId, before: { resourceId: id, role: grant.role, expiresAt: grant.expiresAt }, ip: actor.ip });
    }
    await recordAuditEvent({ actor: actor.id, action: 'resource.deleted', target: id, tenantId: before.tenantId, before: { name: before.name, kind: before.kind, tenantId: before.tenantId }, ip: actor.ip });
  });
}
