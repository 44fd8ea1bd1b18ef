import { ApiError } from '@/lib/api/errors';
import { toCreateInput, toTelmUser } from '@/lib/compat/telm/mapping';
import { listEveryTenantMember } from '@/lib/compat/telm/members';
import { telmRoute } from '@/lib/compat/telm/route';
import { TELM_ENDPOINTS } from '@/lib/compat/telm/endpoints';
import { TELM_MESSAGES } from '@/lib/compat/telm/schemas';
import { createUserFromApi } from '@/lib/auth/sign-up';
import { assignTenantMember, requireTenant } from '@/lib/tenants/tenants';

/** Every member of the tenant, with their role there. */
export const GET = telmRoute(TELM_ENDPOINTS.listTenantUsers, async ({ params, principal }) =>
  (await listEveryTenantMember(principal, params.tenant)).map((member) => toTelmUser(member, member.tenantRole)),
);

/** Creates a user in the tenant, like POST /api/v1/users with `tenant`; without a password they are invited by mail. */
export const POST = telmRoute(TELM_ENDPOINTS.createTenantUser, async ({ params, query, principal, address, request }) => {
  const tenant = await requireTenant(principal, params.tenant);
  const outcome = await createUserFromApi(toCreateInput(query, tenant.id), principal, { address, userAgent: request.headers.get('user-agent') });
  // Only callers who manage the tenant get here, and theirs is never a self-service sign-up.
  if (outcome.kind !== 'created') throw new ApiError('forbidden', 'Only an admin or a tenant admin can add users to a tenant.');
  if (query.role !== 'user') await assignTenantMember(principal, tenant.id, outcome.user.id, query.role, { id: principal.user.id, ip: address });
  return { message: TELM_MESSAGES.added };
});
