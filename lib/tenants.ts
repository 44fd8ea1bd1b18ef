import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { memberships, tenants } from '@/db/schema';

export type TenantSummary = { id: string; slug: string; name: string };

/** Every tenant by name: few enough (tens, not thousands) to fill a filter select. */
export function listTenants(): TenantSummary[] {
  return getDb().select({ id: tenants.id, slug: tenants.slug, name: tenants.name }).from(tenants).orderBy(asc(tenants.name)).all();
}

/** The tenants a user belongs to, with the user's role in each. */
export function listUserTenants(userId: string): (TenantSummary & { role: 'admin' | 'user' })[] {
  return getDb()
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, role: memberships.role })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(tenants.name))
    .all();
}
