import { and, asc, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { resources, tenants } from '@/db/schema';
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
  holderCount: sql<number>`(SELECT count(*) FROM permissions p WHERE p.resource_id = ${resources.id} AND (p.expires_at IS NULL OR p.expires_at > ${Date.now()}))`,
});

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The resources the caller reaches, by name, optionally matching a name fragment; paged. */
export function listResources(principal: Principal, { pattern, limit = 50, offset = 0 }: { pattern?: string; limit?: number; offset?: number }): { items: Resource[]; total: number } {
  const conditions: SQL[] = [];
  if (!principal.isAdmin) conditions.push(principal.adminOfTenants.length ? inArray(resources.tenantId, principal.adminOfTenants) : sql`0`);
  if (pattern) conditions.push(sql`${like(resources.name, `%${escapeLike(pattern)}%`)} ESCAPE '\\'`);
  const where = conditions.length ? and(...conditions) : undefined;
  const db = getDb();
  const items = db.select(columns()).from(resources).leftJoin(tenants, eq(tenants.id, resources.tenantId)).where(where).orderBy(asc(resources.name), asc(resources.id)).limit(limit).offset(offset).all();
  const total = db.select({ n: sql<number>`count(*)` }).from(resources).where(where).get()!.n;
  return { items, total };
}

export function getResource(principal: Principal, id: string): Resource {
  requireReachableResource(principal, id);
  return getDb().select(columns()).from(resources).leftJoin(tenants, eq(tenants.id, resources.tenantId)).where(eq(resources.id, id)).get()!;
}

/** A tenant admin's resources belong to one of their tenants; only a system admin makes tenant-less ones. */
function assertTenantAllowed(principal: Principal, tenantId: string | null | undefined): void {
  if (tenantId === null || tenantId === undefined) {
    if (!principal.isAdmin) throw new ApiError('validation-failed', 'Choose one of your tenants for the resource.', { errors: [{ path: 'tenantId', message: 'Choose one of your tenants.' }] });
    return;
  }
  const exists = getDb().select({ id: tenants.id }).from(tenants).where(eq(tenants.id, tenantId)).get();
  // Another tenant's id answers like an unknown one, so tenant ids cannot be probed.
  if (!exists || !mayManageTenant(principal, tenantId)) {
    throw new ApiError('not-found', `There is no tenant ${tenantId}.`, { errors: [{ path: 'tenantId', message: 'There is no such tenant.' }] });
  }
}

export function createResource(principal: Principal, input: { name: string; kind: string; tenantId?: string | null }, actor: Actor): Resource {
  assertTenantAllowed(principal, input.tenantId);
  const id = newId('res');
  getDb().transaction((tx) => {
    tx.insert(resources).values({ id, name: input.name, kind: input.kind, tenantId: input.tenantId ?? null, createdAt: new Date() }).run();
    recordAuditEvent({ actor: actor.id, action: 'resource.created', target: id, after: input, ip: actor.ip }, tx);
  });
  return getResource(principal, id);
}

export function updateResource(principal: Principal, id: string, patch: { name?: string; kind?: string; tenantId?: string | null }, actor: Actor): Resource {
  const before = requireReachableResource(principal, id);
  if (patch.tenantId !== undefined) assertTenantAllowed(principal, patch.tenantId);
  getDb().transaction((tx) => {
    tx.update(resources).set(patch).where(eq(resources.id, id)).run();
    recordAuditEvent({ actor: actor.id, action: 'resource.updated', target: id, before: { name: before.name, kind: before.kind, tenantId: before.tenantId }, after: patch, ip: actor.ip }, tx);
  });
  return getResource(principal, id);
}

/** Deleting a resource revokes every permission on it (ON DELETE CASCADE). */
export function deleteResource(principal: Principal, id: string, actor: Actor): void {
  const before = requireReachableResource(principal, id);
  getDb().transaction((tx) => {
    tx.delete(resources).where(eq(resources.id, id)).run();
    recordAuditEvent({ actor: actor.id, action: 'resource.deleted', target: id, before: { name: before.name, kind: before.kind, tenantId: before.tenantId }, ip: actor.ip }, tx);
  });
}
