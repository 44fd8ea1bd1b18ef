import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { memberships, tenants, type membershipRoles } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import { recordAuditEvent } from '@/lib/audit/events';
import type { Principal } from '@/lib/auth/principal';
import { newId } from '@/db/ids';
import type { UserListQuery } from '@/lib/users/schemas';
import { mayManageTenant, requireManageableUser } from '@/lib/access/tenant-scope';
import { listUsers, type UserList } from '@/lib/search/user-search';

export type TenantSummary = { id: string; slug: string; name: string };
export type TenantRole = (typeof membershipRoles)[number];
export type TenantDetails = TenantSummary & { memberCount: number; adminCount: number; createdAt: Date };
/** What the rename and delete dialogs are told of a tenant. */
export type TenantToChange = Pick<TenantDetails, 'id' | 'slug' | 'name' | 'memberCount'>;
type Actor = { id: string; ip?: string | null };

/** Every tenant by name: few enough (tens, not thousands) to fill a filter select. */
export function listTenants(): TenantSummary[] {
  return getDb().select({ id: tenants.id, slug: tenants.slug, name: tenants.name }).from(tenants).orderBy(asc(tenants.name)).all();
}

/** The tenants a user belongs to, with the user's role in each. */
export function listUserTenants(userId: string): (TenantSummary & { role: TenantRole })[] {
  return getDb()
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, role: memberships.role })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(tenants.name))
    .all();
}

const details = {
  id: tenants.id,
  slug: tenants.slug,
  name: tenants.name,
  createdAt: tenants.createdAt,
  memberCount: sql<number>`(SELECT count(*) FROM memberships m WHERE m.tenant_id = ${tenants.id})`,
  adminCount: sql<number>`(SELECT count(*) FROM memberships m WHERE m.tenant_id = ${tenants.id} AND m.role = 'admin')`,
};

/** The tenants the caller manages, with member counts: all of them for a system admin. */
export function listTenantsFor(principal: Principal): TenantDetails[] {
  return getDb()
    .select(details)
    .from(tenants)
    .where(principal.isAdmin ? undefined : inArray(tenants.id, principal.adminOfTenants))
    .orderBy(asc(tenants.name))
    .all();
}

export function findTenant(idOrSlug: string): TenantDetails | undefined {
  return getDb().select(details).from(tenants).where(or(eq(tenants.id, idOrSlug), eq(tenants.slug, idOrSlug.toLowerCase()))).get();
}

/** A tenant by id or slug, if the caller manages it; otherwise 404, as for a tenant that does not exist. */
export function requireTenant(principal: Principal, idOrSlug: string): TenantDetails {
  const tenant = findTenant(idOrSlug);
  if (!tenant || !mayManageTenant(principal, tenant.id)) throw new ApiError('not-found', `There is no tenant ${idOrSlug}.`);
  return tenant;
}

const slugTaken = (slug: string) => new ApiError('conflict', `Another tenant already has the slug "${slug}".`, { errors: [{ path: 'slug', message: 'Another tenant already has this slug.' }] });

function assertSlugFree(slug: string, exceptId?: string): void {
  const taken = getDb().select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug)).get();
  if (taken && taken.id !== exceptId) throw slugTaken(slug);
}

/** Two requests racing for one slug both pass the check; the unique index stops the second. */
function writeWithSlug(slug: string | undefined, write: () => void): void {
  try {
    write();
  } catch (error) {
    if (slug !== undefined && (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw slugTaken(slug);
    throw error;
  }
}

export function createTenant(input: { slug: string; name: string }, actor: Actor): TenantDetails {
  assertSlugFree(input.slug);
  const id = newId('ten');
  writeWithSlug(input.slug, () =>
    getDb().transaction((tx) => {
      tx.insert(tenants).values({ id, slug: input.slug, name: input.name, createdAt: new Date() }).run();
      recordAuditEvent({ actor: actor.id, action: 'tenant.created', target: id, after: input, ip: actor.ip }, tx);
    }),
  );
  return getDb().select(details).from(tenants).where(eq(tenants.id, id)).get()!;
}

export function updateTenant(principal: Principal, idOrSlug: string, patch: { slug?: string; name?: string }, actor: Actor): TenantDetails {
  const tenant = requireTenant(principal, idOrSlug);
  if (patch.slug !== undefined) assertSlugFree(patch.slug, tenant.id);
  writeWithSlug(patch.slug, () =>
    getDb().transaction((tx) => {
      tx.update(tenants).set(patch).where(eq(tenants.id, tenant.id)).run();
      recordAuditEvent({ actor: actor.id, action: 'tenant.updated', target: tenant.id, before: { slug: tenant.slug, name: tenant.name }, after: patch, ip: actor.ip }, tx);
    }),
  );
  return requireTenant(principal, tenant.id);
}

/** Deleting a tenant with members needs `force`: the memberships go, the users stay. */
export function deleteTenant(principal: Principal, idOrSlug: string, { force }: { force: boolean }, actor: Actor): void {
  const tenant = requireTenant(principal, idOrSlug);
  if (tenant.memberCount > 0 && !force) {
    throw new ApiError('conflict', `${tenant.name} still has ${tenant.memberCount} member${tenant.memberCount === 1 ? '' : 's'}. Deleting it removes their memberships and keeps the users; confirm to go ahead (through the API: add ?force=true).`);
  }
  getDb().transaction((tx) => {
    // Memberships go with the tenant (ON DELETE CASCADE); its resources stay, without a tenant.
    tx.delete(tenants).where(eq(tenants.id, tenant.id)).run();
    recordAuditEvent({ actor: actor.id, action: 'tenant.deleted', target: tenant.id, before: { slug: tenant.slug, name: tenant.name, memberCount: tenant.memberCount }, ip: actor.ip }, tx);
  });
}

export type TenantMemberList = UserList & { items: (UserList['items'][number] & { tenantRole: TenantRole })[] };

/** The tenant's members: the users list (same search, filters, sorting, paging), each with their role here. */
export function listTenantMembers(principal: Principal, idOrSlug: string, query: UserListQuery): TenantMemberList {
  const tenant = requireTenant(principal, idOrSlug);
  const list = listUsers(query, { tenantIds: [tenant.id] });
  return { ...list, items: list.items.map((item) => ({ ...item, tenantRole: item.tenants.find((t) => t.id === tenant.id)?.role ?? 'user' })) };
}

/**
 * Adds a user to the tenant or changes their role there (telm.ai's assign). A tenant admin
 * may only place users they already manage: otherwise adding anyone to their tenant would
 * hand them that person's account.
 */
export function assignTenantMember(principal: Principal, idOrSlug: string, userId: string, role: TenantRole, actor: Actor): { tenantId: string; userId: string; role: TenantRole; created: boolean } {
  const tenant = requireTenant(principal, idOrSlug);
  const user = requireManageableUser(principal, userId);
  if (user.status === 'deleting') throw new ApiError('conflict', 'This user is being deleted and cannot join a tenant.');
  return getDb().transaction((tx) => {
    const existing = tx.select().from(memberships).where(and(eq(memberships.tenantId, tenant.id), eq(memberships.userId, user.id))).get();
    if (existing) tx.update(memberships).set({ role }).where(and(eq(memberships.tenantId, tenant.id), eq(memberships.userId, user.id))).run();
    else tx.insert(memberships).values({ tenantId: tenant.id, userId: user.id, role, createdAt: new Date() }).run();
    recordAuditEvent({ actor: actor.id, action: existing ? 'tenant.member.role-changed' : 'tenant.member.added', target: user.id, before: existing ? { tenant: tenant.id, role: existing.role } : undefined, after: { tenant: tenant.id, role }, ip: actor.ip }, tx);
    return { tenantId: tenant.id, userId: user.id, role, created: !existing };
  });
}

/** Removes a user from the tenant; the user stays. 404 when they were not a member. */
export function removeTenantMember(principal: Principal, idOrSlug: string, userId: string, actor: Actor): void {
  const tenant = requireTenant(principal, idOrSlug);
  requireManageableUser(principal, userId);
  getDb().transaction((tx) => {
    const removed = tx.delete(memberships).where(and(eq(memberships.tenantId, tenant.id), eq(memberships.userId, userId))).returning().get();
    if (!removed) throw new ApiError('not-found', `This user is not a member of ${tenant.name}.`);
    recordAuditEvent({ actor: actor.id, action: 'tenant.member.removed', target: userId, before: { tenant: tenant.id, role: removed.role }, ip: actor.ip }, tx);
  });
}

