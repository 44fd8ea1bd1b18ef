import { requireTenantMember } from '@/lib/compat/telm/members';
import { telmRoute } from '@/lib/compat/telm/route';
import { TELM_ENDPOINTS } from '@/lib/compat/telm/endpoints';
import { TELM_MESSAGES } from '@/lib/compat/telm/schemas';
import { requireAccountControl } from '@/lib/access/tenant-scope';
import { assignTenantMember } from '@/lib/tenants/tenants';
import { updateUser } from '@/lib/users/users';

/**
 * Names are the account's (PATCH /api/v1/users/:id's rules: a tenant admin needs every tenant
 * the user is in), the role is this tenant's (assign's rules). What did not change is not written.
 */
export const PUT = telmRoute(TELM_ENDPOINTS.updateTenantUser, async ({ params, query, principal, address }) => {
  const { tenant, user, role } = await requireTenantMember(principal, params.tenant, params.user_email);
  const names = { firstName: query.first_name, lastName: query.last_name };
  if (names.firstName !== user.firstName || names.lastName !== user.lastName) {
    await requireAccountControl(principal, user.id);
    await updateUser(user.id, names, { actorId: principal.user.id });
  }
  if (query.role !== role) await assignTenantMember(principal, tenant.id, user.id, query.role, { id: principal.user.id, ip: address });
  return { message: TELM_MESSAGES.updated };
});
