import type { User } from '@/db/schema';
import { ApiError } from '../../api/errors';
import type { Principal } from '../../auth/principal';
import { requireReadableUser } from '@/lib/access/tenant-scope';
import { findTenant, listTenantMembers, listUserTenants, requireTenant, type TenantDetails, type TenantRole } from '@/lib/tenants/tenants';
import type { UserListItem } from '@/lib/search/user-search';
import { findUserByEmail, normalizeIdentifier } from '@/lib/users/users';

/**
 * telm.ai names users by email inside a tenant. These find them, leaving every rule (which
 * tenants and users the caller reaches) to lib/tenants/tenants.ts and lib/access/tenant-scope.ts. A user the
 * caller may not see answers exactly like an unknown email.
 */

export type TenantMemberListItem = UserListItem & { tenantRole: TenantRole };
export type TenantMember = { tenant: TenantDetails; user: User; role: TenantRole };

const noSuchMember = (email: string, tenant: string) => new ApiError('not-found', `There is no user ${email} in tenant ${tenant}.`);

async function roleIn(tenantId: string, user: User | undefined): Promise<TenantRole | undefined> {
  return user && (await listUserTenants(user.id)).find((membership) => membership.id === tenantId)?.role;
}

/** A member of a tenant the caller manages (404 for another tenant, as for an unknown one), with their role there. */
export async function requireTenantMember(principal: Principal, tenantParam: string, email: string): Promise<TenantMember> {
  const tenant = await requireTenant(principal, tenantParam);
  const user = await findUserByEmail(email);
  const role = await roleIn(tenant.id, user);
  if (!user || !role) throw noSuchMember(email, tenantParam);
  return { tenant, user, role };
}

/**
 * The caller themselves, as a member of the tenant named: the calls any user makes on their own
 * account. Another email is refused before anything is looked up, so nothing is learnt about it.
 */
export async function requireSelfAsMember(principal: Principal, tenantParam: string, email: string, refusal: string): Promise<TenantMember> {
  if (normalizeIdentifier(email) !== principal.user.emailNormalized) throw new ApiError('forbidden', refusal);
  const tenant = await findTenant(tenantParam);
  const role = tenant && (await roleIn(tenant.id, principal.user));
  if (!tenant || !role) throw new ApiError('not-found', `There is no tenant ${tenantParam}.`);
  return { tenant, user: principal.user, role };
}

/** Any user the caller may read (assign places users who are not members yet); 404 naming the email, never an id. */
export async function requireReachableUserByEmail(principal: Principal, email: string): Promise<User> {
  const user = await findUserByEmail(email);
  if (!user) throw new ApiError('not-found', `There is no user ${email}.`);
  try {
    return await requireReadableUser(principal, user.id);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'not-found') throw new ApiError('not-found', `There is no user ${email}.`);
    throw error;
  }
}

const PAGE_SIZE = 100;

/** Every member of the tenant with their role there, by email: telm.ai's list has no paging, so every page of listTenantMembers is read. */
export async function listEveryTenantMember(principal: Principal, tenantParam: string): Promise<TenantMemberListItem[]> {
  const members: TenantMemberListItem[] = [];
  let cursor: string | undefined;
  do {
    const page = await listTenantMembers(principal, tenantParam, { sort: 'email:1', limit: PAGE_SIZE, offset: 0, cursor, includeTotal: false });
    members.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return members;
}
