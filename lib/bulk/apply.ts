import { lockFor } from '@/db/client';
import type { User } from '@/db/schema';
import { accountControlRefusal, requireReadableUser } from '@/lib/access/tenant-scope';
import { ApiError } from '@/lib/api/errors';
import type { Principal } from '@/lib/auth/principal';
import { isLastActiveAdmin, requestUserDeletion } from '@/lib/deletion/requests';
import { assignTenantMember, listUserTenants, removeTenantMember } from '@/lib/tenants/tenants';
import { statusChangeRefusal, type StatusChange } from '@/lib/users/status';
import { ADMIN_SCOPE, getUserScopes, updateUser } from '@/lib/users/users';
import type { BulkOutcome } from './actions';
import type { BulkJobParams } from './params';

/** One selected user's result: its outcome, the email to report it under, and for a refusal why. */
export type RowResult = { outcome: BulkOutcome; email: string | null; reason?: string };

/** An id that names nobody the requester reaches reads the same whether or not the user exists. */
const NOT_REACHED = 'No user you manage has this id: deleted, or not (or no longer) a member of a tenant you administer.';
const LAST_ADMIN = 'This is the last active admin. Give another user the admin scope first.';
const SELF_REMOVAL = 'You cannot remove yourself from a tenant in a bulk action: you would lose it. Do it from the tenant’s page.';

/**
 * Applies the job's action to one user, through the same lib/ functions (and so the same
 * checks and audit events) as a change made one user at a time. Runs inside the batch's
 * transaction; every refusal comes before the row's first write, so a refused row writes nothing.
 */
export async function applyBulkAction(params: BulkJobParams, principal: Principal, userId: string): Promise<RowResult> {
  let user: User;
  try {
    user = await requireReadableUser(principal, userId);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { outcome: 'refused', email: null, reason: NOT_REACHED };
    throw error;
  }
  const refused = (reason: string): RowResult => ({ outcome: 'refused', email: user.email, reason });
  const result = (outcome: BulkOutcome): RowResult => ({ outcome, email: user.email });
  try {
    switch (params.action) {
      case 'suspend':
      case 'activate':
      case 'delete':
      case 'add-scope':
      case 'remove-scope': {
        const refusal = await accountControlRefusal(principal, user.id);
        if (refusal) return refused(refusal);
        return await changeAccount(params, principal, user, refused, result);
      }
      case 'add-to-tenant':
      case 'remove-from-tenant':
        return await changeMembership(params, principal, user, refused, result);
    }
  } catch (error) {
    // The single-user path's own refusals (yourself, a user being deleted, out of reach): this row only.
    if (error instanceof ApiError && error.status < 500) return refused(error.detail ?? error.title);
    throw error;
  }
}

type Refuse = (reason: string) => RowResult;
type Result = (outcome: BulkOutcome) => RowResult;

async function changeAccount(params: BulkJobParams, principal: Principal, user: User, refused: Refuse, result: Result): Promise<RowResult> {
  const actorId = principal.user.id;
  switch (params.action) {
    case 'suspend':
    case 'activate': {
      const status: StatusChange = params.action === 'suspend' ? 'suspended' : 'active';
      const refusal = statusChangeRefusal(user.status, status);
      if (refusal) return refused(refusal);
      if (user.status === status) return result('unchanged');
      if (status === 'suspended') {
        // Two jobs suspending admins at once must not both pass the last-admin check.
        await lockFor('admins');
        if (await isLastActiveAdmin(user)) return refused(LAST_ADMIN);
      }
      await updateUser(user.id, { status }, { actorId });
      return result('done');
    }
    case 'delete': {
      const { created } = await requestUserDeletion(user.id, { id: actorId });
      return result(created ? 'done' : 'unchanged');
    }
    default: {
      const scope = params.scope!;
      const scopes = await getUserScopes(user.id);
      const adding = params.action === 'add-scope';
      if (scopes.includes(scope) === adding) return result('unchanged');
      if (!adding && scope === ADMIN_SCOPE) {
        await lockFor('admins');
        if (await isLastActiveAdmin(user)) return refused(LAST_ADMIN);
      }
      await updateUser(user.id, { scope: adding ? [...scopes, scope] : scopes.filter((held) => held !== scope) }, { actorId });
      return result('done');
    }
  }
}

async function changeMembership(params: BulkJobParams, principal: Principal, user: User, refused: Refuse, result: Result): Promise<RowResult> {
  const tenantId = params.tenantId!;
  const actor = { id: principal.user.id };
  const membership = (await listUserTenants(user.id)).find((tenant) => tenant.id === tenantId);
  if (params.action === 'add-to-tenant') {
    if (membership?.role === params.role) return result('unchanged');
    await assignTenantMember(principal, tenantId, user.id, params.role ?? 'user', actor);
    return result('done');
  }
  if (!membership) return result('unchanged');
  if (user.id === principal.user.id) return refused(SELF_REMOVAL);
  await removeTenantMember(principal, tenantId, user.id, actor);
  return result('done');
}
