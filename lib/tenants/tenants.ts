import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { getDb, isUniqueViolation, transaction } from '@/db/client';
import { memberships, tenants, type membershipRoles } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import { recordAuditEvent } from '@/lib/audit/events';
import type { Principal } from '@/lib/auth/principal';
import { newId } from '@/db/ids';
import type { UserListQuery } from '@/lib/users/schemas';
import { mayManageTenant, requireManageableUser } from '@/lib/access/tenant-scope';
import { listUsers, type UserList } from '@/lib/search/user-search';
import { getConfig } from '@/lib/server/config';

export type TenantSummary = { id: string; slug: string; name: string };
export type TenantRole = (typeof membershipRoles)[number];
export type TenantDetails = TenantSummary & { memberCount: number; adminCount: number; createdAt: Date };
/** What the rename and delete dialogs are told of a tenant. */
export type TenantToChange = Pick<TenantDetails, 'id' | 'slug' | 'name' | 'memberCount'>;
type Actor = { id: string; ip?: string | null };

/** Every tenant by name: few enough (tens, not thousands) to fill a filter select. */
export function listTenants(): Promise<TenantSummary[]> {
  return getDb().select({ id: tenants.id, slug: tenants.slug, name: tenants.name }).from(tenants).orderBy(asc(tenants.name));
}

/** The tenants a user belongs to, with the user's role in each. */
export function listUserTenants(userId: string): Promise<(TenantSummary & { role: TenantRole })[]> {
  return getDb()
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, role: memberships.role })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(tenants.name));
}

const details = {
  id: tenants.id,
  slug: tenants.slug,
  name: tenants.name,
  createdAt: tenants.createdAt,
  // Cast: PostgreSQL counts in bigint, which its driver hands over as a string.
  memberCount: sql<number>`(SELECT count(*) FROM memberships m WHERE m.tenant_id = ${tenants.id})`.mapWith(Number),
  adminCount: sql<number>`(SELECT count(*) FROM memberships m WHERE m.tenant_id = ${tenants.id} AND m.role = 'admin')`.mapWith(Number),
};

/** The tenants the caller manages, with member counts: all of them for a system admin. */
export function listTenantsFor(principal: Principal): Promise<TenantDetails[]> {
  return getDb()
    .select(details)
    .from(tenants)
    .where(principal.isAdmin ? undefined : inArray(tenants.id, principal.adminOfTenants))
    .orderBy(asc(tenants.name));
}

export async function findTenant(idOrSlug: string): Promise<TenantDetails | undefined> {
  const [tenant] = await getDb().select(details).from(tenants).where(or(eq(tenants.id, idOrSlug), eq(tenants.slug, idOrSlug.toLowerCase()))).limit(1);
  return tenant;
}

/** A tenant by id or slug, if the caller manages it; otherwise 404, as for a tenant that does not exist. */
export async function requireTenant(principal: Principal, idOrSlug: string): Promise<TenantDetails> {
  const tenant = await findTenant(idOrSlug);
  if (!tenant || !mayManageTenant(principal, tenant.id)) throw new ApiError('not-found', `There is no tenant ${idOrSlug}.`);
  return tenant;
}

const slugTaken = (slug: string) => new ApiError('conflict', `Another tenant already has the slug "${slug}".`, { errors: [{ path: 'slug', message: 'Another tenant already has this slug.' }] });

async function assertSlugFree(slug: string, exceptId?: string): Promise<void> {
  const [taken] = await getDb().select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug)).limit(1);
  if (taken && taken.id !== exceptId) throw slugTaken(slug);
}

/** Two requests racing for one slug both pass the check; the unique index stops the second. */
async function writeWithSlug(slug: string | undefined, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (slug !== undefined && isUniqueViolation(error)) throw slugTaken(slug);
    throw error;
  }
}

export async function createTenant(input: { slug: string; name: string }, actor: Actor): Promise<TenantDetails> {
  await assertSlugFree(input.slug);
  const id = newId('ten');
  await writeWithSlug(input.slug, () =>
    transaction(async (tx) => {
      await tx.insert(tenants).values({ id, slug: input.slug, name: input.name, createdAt: new Date() });
      await recordAuditEvent({ actor: actor.id, action: 'tenant.created', target: id, tenantId: id, after: input, ip: actor.ip });
    }),
  );
  const [created] = await getDb().select(details).from(tenants).where(eq(tenants.id, id));
  return created;
}

export async function updateTenant(principal: Principal, idOrSlug: string, patch: { slug?: string; name?: string }, actor: Actor): Promise<TenantDetails> {
  const tenant = await requireTenant(principal, idOrSlug);
  if (patch.slug !== undefined) await assertSlugFree(patch.slug, tenant.id);
  await writeWithSlug(patch.slug, () =>
    transaction(async (tx) => {
      await tx.update(tenants).set(patch).where(eq(tenants.id, tenant.id));
      await recordAuditEvent({ actor: actor.id, action: 'tenant.updated', target: tenant.id, tenantId: tenant.id, before: { slug: tenant.slug, name: tenant.name }, after: patch, ip: actor.ip });
    }),
  );
  return await requireTenant(principal, tenant.id);
}

/** Deleting a tenant with members needs `force`: the memberships go, the users stay. */
export async function deleteTenant(principal: Principal, idOrSlug: string, { force }: { force: boolean }, actor: Actor): Promise<void> {
  const tenant = await requireTenant(principal, idOrSlug);
  if (tenant.memberCount > 0 && !force) {
    throw new ApiError('conflict', `${tenant.name} still has ${tenant.memberCount} member${tenant.memberCount === 1 ? '' : 's'}. Deleting it removes their memberships and keeps the users; confirm to go ahead (through the API: add ?force=true).`);
  }
  await transaction(async (tx) => {
    // Memberships go with the tenant, each recorded as a removal; its resources stay, without a tenant.
    const removed = await tx.delete(memberships).where(eq(memberships.tenantId, tenant.id)).returning();
    for (const member of removed) {
      await recordAuditEvent({ actor: actor.id, action: 'tenant.member.removed', target: member.userId, tenantId: tenant.id, before: { tenantId: tenant.id, role: member.role }, ip: actor.ip });
    }
    await tx.delete(tenants).where(eq(tenants.id, tenant.id));
    await recordAuditEvent({ actor: actor.id, action: 'tenant.deleted', target: tenant.id, tenantId: tenant.id, before: { slug: tenant.slug, name: tenant.name, memberCount: tenant.memberCount }, ip: actor.ip });
  });
}

export type TenantMemberList = UserList & { items: (UserList['items'][number] & { tenantRole: TenantRole })[] };

/** The tenant's members: the users list (same search, filters, sorting, paging), each with their role here. */
export async function listTenantMembers(principal: Principal, idOrSlug: string, query: UserListQuery): Promise<TenantMemberList> {
  const tenant = await requireTenant(principal, idOrSlug);
  const list = await listUsers(query, { tenantIds: [tenant.id] }, { countBudgetMs: getConfig().userCountBudgetMs });
  return { ...list, items: list.items.map((item) => ({ ...item, tenantRole: item.tenants.find((t) => t.id === tenant.id)?.role ?? 'user' })) };
}

/**
 * Adds a user to the tenant or changes their role there (telm.ai's assign). A tenant admin
 * may only place users they already manage: otherwise adding anyone to their tenant would
 * hand them that person's account.
 */
export async function assignTenantMember(
  principal: Principal,
  idOrSlug: string,
  userId: string,
  role: TenantRole,
  actor: Actor,
): Promise<{ tenantId: string; userId: string; role: TenantRole; created: boolean }> {
  const tenant = await requireTenant(principal, idOrSlug);
  const user = await requireManageableUser(principal, userId);
  if (user.status === 'deleting') throw new ApiError('conflict', 'This user is being deleted and cannot join a tenant.');
  return transaction(async (tx) => {
    const membership = and(eq(memberships.tenantId, tenant.id), eq(memberships.userId, user.id));
    const [existing] = await tx.select().from(memberships).where(membership);
    // The same role again changes nothing, and records nothing.
    if (existing?.role === role) return { tenantId: tenant.id, userId: user.id, role, created: false };
    if (existing) await tx.update(memberships).set({ role }).where(membership);
    else await tx.insert(memberships).values({ tenantId: tenant.id, userId: user.id, role, createdAt: new Date() });
    await recordAuditEvent({
      actor: actor.id,
      action: existing ? 'tenant.member.role-changed' : 'tenant.member.added',
      target: user.id,
      tenantId: tenant.id,
      before: existing && { tenantId: tenant.id, role: existing.role },
      after: { tenantId: tenant.id, role },
      identity: ['tenantId'],
      ip: actor.ip,
    });
    return { tenantId: tenant.id, userId: user.id, role, created: !existing };
  });
}

/** Removes a user from the tenant; the user stays. 404 when they were not a member. */
export async function removeTenantMember(principal: Principal, idOrSlug: string, userId: string, actor: Actor): Promise<void> {
  const tenant = await requireTenant(principal, idOrSlug);
  await requireManageableUser(principal, userId);
  await transaction(async (tx) => {
    const [removed] = await tx.delete(memberships).where(and(eq(memberships.tenantId, tenant.id), eq(memberships.userId, userId))).returning();
    if (!removed) throw new ApiError('not-found', `This user is not a member of ${tenant.name}.`);
    await recordAuditEvent({ actor: actor.id, action: 'tenant.member.removed', target: userId, tenantId: tenant.id, before: { tenantId: tenant.id, role: removed.role }, ip: actor.ip });
  });
}

