import { requireReachableUserByEmail } from '@/lib/compat/telm/members';
import { telmRoute } from '@/lib/compat/telm/route';
import { TELM_ENDPOINTS } from '@/lib/compat/telm/endpoints';
import { TELM_MESSAGES } from '@/lib/compat/telm/schemas';
import { assignTenantMember, requireTenant } from '@/lib/tenants/tenants';

/** Adds the user to the tenant with a role, or changes their role there. */
export const PUT = telmRoute(TELM_ENDPOINTS.assignTenantUser, async ({ params, body, principal, address }) => {
  const tenant = await requireTenant(principal, params.tenant);
  const user = await requireReachableUserByEmail(principal, params.user_email);
  const { created } = await assignTenantMember(principal, tenant.id, user.id, body.role, { id: principal.user.id, ip: address });
  return { message: created ? TELM_MESSAGES.assigned : TELM_MESSAGES.roleChanged };
});
