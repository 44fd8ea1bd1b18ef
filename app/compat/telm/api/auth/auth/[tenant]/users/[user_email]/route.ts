import { toTelmUser } from '@/lib/compat/telm/mapping';
import { requireTenantMember } from '@/lib/compat/telm/members';
import { telmRoute } from '@/lib/compat/telm/route';
import { TELM_ENDPOINTS } from '@/lib/compat/telm/endpoints';
import { TELM_MESSAGES } from '@/lib/compat/telm/schemas';
import { removeTenantMember } from '@/lib/tenants/tenants';

export const GET = telmRoute(TELM_ENDPOINTS.getTenantUser, async ({ params, principal }) => {
  const { user, role } = await requireTenantMember(principal, params.tenant, params.user_email);
  return toTelmUser(user, role);
});

/**
 * Removes the user from this tenant; the account stays (see docs/compat.md, telm.ai): deleting
 * an account is a system admin's call (DELETE /api/v1/users/:id), and other tenants may share it.
 */
export const DELETE = telmRoute(TELM_ENDPOINTS.removeTenantUser, async ({ params, principal, address }) => {
  const { tenant, user } = await requireTenantMember(principal, params.tenant, params.user_email);
  await removeTenantMember(principal, tenant.id, user.id, { id: principal.user.id, ip: address });
  return { message: TELM_MESSAGES.removed };
});
