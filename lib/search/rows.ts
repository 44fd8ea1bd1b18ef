import { inArray, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { memberships, tenants, userScopes, users, type User } from '@/db/schema';
import { toPublicUser, type PublicUser } from '@/lib/users/users';

export type UserTenant = { id: string; slug: string; name: string; role: 'admin' | 'user' };
export type UserListItem = PublicUser & { tenants: UserTenant[] };

function appendTo<T>(lists: Map<string, T[]>, key: string, value: T): void {
  const list = lists.get(key);
  if (list) list.push(value);
  else lists.set(key, [value]);
}

/** Full rows for a page of keys, with scopes and tenants, in the keys' order. */
export async function loadListItems(pks: number[]): Promise<UserListItem[]> {
  if (pks.length === 0) return [];
  const db = getDb();
  const rows = await db.select().from(users).where(inArray(users.pk, pks));
  const byPk = new Map(rows.map((row) => [row.pk, row]));
  const ids = rows.map((row) => row.id);
  const scopes = new Map<string, string[]>();
  // Appending in place: a user may hold thousands of scopes, and copying per row is quadratic.
  for (const row of await db.select().from(userScopes).where(inArray(userScopes.userId, ids))) appendTo(scopes, row.userId, row.scope);
  const tenantsOf = new Map<string, UserTenant[]>();
  const tenantRows = await db
    .select({ userId: memberships.userId, role: memberships.role, id: tenants.id, slug: tenants.slug, name: tenants.name })
    .from(memberships)
    .innerJoin(tenants, sql`${tenants.id} = ${memberships.tenantId}`)
    .where(inArray(memberships.userId, ids));
  for (const { userId, ...tenant } of tenantRows) appendTo(tenantsOf, userId, tenant);
  return pks
    .map((pk) => byPk.get(pk))
    .filter((row): row is User => row !== undefined)
    .map((row) => ({ ...toPublicUser(row, (scopes.get(row.id) ?? []).sort()), tenants: tenantsOf.get(row.id) ?? [] }));
}
