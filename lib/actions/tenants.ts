'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { Principal } from '../auth/principal';
import { idParam } from '@/lib/api/id-param';
import { membershipSchema, tenantCreateSchema, tenantUpdateSchema } from '@/lib/tenants/schemas';
import { userListQuerySchema } from '@/lib/users/schemas';
import { userListRestriction } from '@/lib/access/tenant-scope';
import { assignTenantMember, createTenant, deleteTenant, removeTenantMember, requireTenant, updateTenant } from '@/lib/tenants/tenants';
import { listUsers } from '@/lib/search/user-search';
import { displayName } from '@/lib/users/users';
import { serverAction } from './server-action';

export type MemberCandidate = { id: string; name: string; email: string; status: string; isMember: boolean };

const CANDIDATES_SHOWN = 8;
// Someone being deleted cannot join a tenant; the search leaves them out.
const JOINABLE = ['status:active', 'status:pending', 'status:suspended', 'status:locked'];

function revalidateTenantPages() {
  revalidatePath('/tenants', 'layout');
  // The users table shows each user's tenants.
  revalidatePath('/users', 'layout');
}

/** A tenant admin who demoted or removed themselves may no longer see the page they are on. */
function leaveIfNoLongerAdmin(principal: Principal, userId: string) {
  if (userId === principal.user.id && !principal.isAdmin) redirect('/');
}

/** Creates the tenant and goes to its page to add members; or says which fields to fix (a taken slug). */
export const createTenantAction = serverAction({ operation: 'tenants.manage', input: z.tuple([tenantCreateSchema]) }, async ({ actor, input: [values] }) => {
  const { slug } = await createTenant(values, actor);
  revalidateTenantPages();
  redirect(`/tenants/${slug}?created=1`);
});

export const renameTenantAction = serverAction({ operation: 'tenants.manage', input: z.tuple([idParam, tenantUpdateSchema]) }, async ({ principal, actor, input: [tenantId, values] }) => {
  await updateTenant(principal, tenantId, values, actor);
  revalidateTenantPages();
});

// Actions on the tenants list and the member list refuse in place: a row may have been removed
// meanwhile, or name a system admin out of a tenant admin's reach.

/** `force` as the confirmation said: with members, their memberships go too; the users stay. */
export const deleteTenantAction = serverAction(
  { operation: 'tenants.manage', input: z.tuple([idParam, z.boolean()]), refuseInPlace: true },
  async ({ principal, actor, input: [tenantId, force] }) => {
    await deleteTenant(principal, tenantId, { force }, actor);
    revalidateTenantPages();
  },
);

/** Adds the user to the tenant with a role, or changes their role there: one lib call, as PUT /tenants/:tenant/users/:userId. */
export const assignMemberAction = serverAction(
  { operation: 'tenant-members.manage', input: z.tuple([idParam, idParam, membershipSchema.shape.role]), refuseInPlace: true },
  async ({ principal, actor, input: [tenantId, userId, role] }) => {
    await assignTenantMember(principal, tenantId, userId, role, actor);
    revalidateTenantPages();
    if (role === 'user') leaveIfNoLongerAdmin(principal, userId);
  },
);

export const removeMemberAction = serverAction(
  { operation: 'tenant-members.manage', input: z.tuple([idParam, idParam]), refuseInPlace: true },
  async ({ principal, actor, input: [tenantId, userId] }) => {
    await removeTenantMember(principal, tenantId, userId, actor);
    revalidateTenantPages();
    leaveIfNoLongerAdmin(principal, userId);
  },
);

/**
 * Users to add, found by email, username or name: any user for a system admin, only the users
 * they already manage for a tenant admin (the same restriction as their users list).
 */
export const findMemberCandidatesAction = serverAction(
  { operation: 'tenant-members.manage', input: z.tuple([idParam, z.string()]) },
  async ({ principal, input: [tenantId, pattern] }) => {
    const tenant = await requireTenant(principal, tenantId);
    const query = userListQuerySchema.parse({ pattern, filter: JOINABLE, limit: CANDIDATES_SHOWN, includeTotal: 'false' });
    const candidates: MemberCandidate[] = (await listUsers(query, userListRestriction(principal))).items.map((user) => ({
      id: user.id,
      name: displayName(user),
      email: user.email,
      status: user.status,
      isMember: user.tenants.some((membership) => membership.id === tenant.id),
    }));
    return { candidates };
  },
);
