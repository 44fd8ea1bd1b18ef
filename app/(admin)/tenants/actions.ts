'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { ApiError } from '@/lib/api/errors';
import { fieldErrors } from '@/lib/api/problem';
import type { Principal } from '@/lib/auth/principal';
import { withOperation } from '@/lib/auth/server-action';
import { formFailure, type FormFailure } from '@/lib/form-result';
import { membershipSchema, tenantCreateSchema, tenantUpdateSchema } from '@/lib/schemas/tenants';
import { userListQuerySchema } from '@/lib/schemas/users';
import { userListRestriction } from '@/lib/tenant-scope';
import { assignTenantMember, createTenant, deleteTenant, removeTenantMember, requireTenant, updateTenant, type TenantRole } from '@/lib/tenants';
import { listUsers } from '@/lib/user-search';
import { displayName } from '@/lib/users';
import { currentCaller } from '../current-actor';
import { idParam } from '@/lib/schemas/ids';

export type TenantFormResult = { ok: true } | ({ ok: false } & FormFailure);
export type TenantActionResult = { ok: true } | { ok: false; message: string };
export type MemberCandidate = { id: string; name: string; email: string; status: string; isMember: boolean };

const roleSchema = membershipSchema.shape.role;
const CANDIDATES_SHOWN = 8;
// Someone being deleted cannot join a tenant; the search leaves them out.
const JOINABLE = ['status:active', 'status:pending', 'status:suspended', 'status:locked'];

/** A refusal the admin can act on (removed meanwhile, a system admin out of a tenant admin's reach, members left), as text; anything else is thrown on. */
function refusal(error: unknown): string {
  if (error instanceof ApiError && [403, 404, 409].includes(error.status)) return error.detail ?? error.title;
  throw error;
}

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
export async function createTenantAction(input: unknown): Promise<FormFailure> {
  const { actor } = await currentCaller('tenants.manage');
  const parsed = tenantCreateSchema.safeParse(input);
  if (!parsed.success) return { message: 'Check the highlighted fields.', fieldErrors: fieldErrors(parsed.error) };
  let slug: string;
  try {
    slug = createTenant(parsed.data, actor).slug;
  } catch (error) {
    return formFailure(error);
  }
  revalidateTenantPages();
  redirect(`/tenants/${slug}?created=1`);
}

export async function renameTenantAction(tenantId: string, input: unknown): Promise<TenantFormResult> {
  const { principal, actor } = await currentCaller('tenants.manage');
  const parsed = tenantUpdateSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: 'Check the highlighted fields.', fieldErrors: fieldErrors(parsed.error) };
  try {
    updateTenant(principal, idParam.parse(tenantId), parsed.data, actor);
  } catch (error) {
    return { ok: false, ...formFailure(error) };
  }
  revalidateTenantPages();
  return { ok: true };
}

/** `force` as the confirmation said: with members, their memberships go too; the users stay. */
export async function deleteTenantAction(tenantId: string, force: boolean): Promise<TenantActionResult> {
  const { principal, actor } = await currentCaller('tenants.manage');
  try {
    deleteTenant(principal, idParam.parse(tenantId), { force: z.boolean().parse(force) }, actor);
  } catch (error) {
    return { ok: false, message: refusal(error) };
  }
  revalidateTenantPages();
  return { ok: true };
}

/** Adds the user to the tenant with a role, or changes their role there: one lib call, as PUT /tenants/:tenant/users/:userId. */
export async function assignMemberAction(tenantId: string, userId: string, role: TenantRole): Promise<TenantActionResult> {
  const { principal, actor } = await currentCaller('tenant-members.manage');
  try {
    assignTenantMember(principal, idParam.parse(tenantId), idParam.parse(userId), roleSchema.parse(role), actor);
  } catch (error) {
    return { ok: false, message: refusal(error) };
  }
  revalidateTenantPages();
  if (role === 'user') leaveIfNoLongerAdmin(principal, userId);
  return { ok: true };
}

export async function removeMemberAction(tenantId: string, userId: string): Promise<TenantActionResult> {
  const { principal, actor } = await currentCaller('tenant-members.manage');
  try {
    removeTenantMember(principal, idParam.parse(tenantId), idParam.parse(userId), actor);
  } catch (error) {
    return { ok: false, message: refusal(error) };
  }
  revalidateTenantPages();
  leaveIfNoLongerAdmin(principal, userId);
  return { ok: true };
}

/**
 * Users to add, found by email, username or name: any user for a system admin, only the users
 * they already manage for a tenant admin (the same restriction as their users list).
 */
export async function findMemberCandidatesAction(tenantId: string, pattern: string): Promise<MemberCandidate[]> {
  return withOperation('tenant-members.manage', async (principal) => {
    const tenant = requireTenant(principal, idParam.parse(tenantId));
    const query = userListQuerySchema.parse({ pattern, filter: JOINABLE, limit: CANDIDATES_SHOWN, includeTotal: 'false' });
    return listUsers(query, userListRestriction(principal)).items.map((user) => ({
      id: user.id,
      name: displayName(user),
      email: user.email,
      status: user.status,
      isMember: user.tenants.some((membership) => membership.id === tenant.id),
    }));
  });
}
