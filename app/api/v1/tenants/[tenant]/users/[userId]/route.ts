import { apiRoute } from '@/lib/api/route';
import { assignTenantMember, removeTenantMember } from '@/lib/tenants/tenants';
import { V1_ENDPOINTS } from '@/lib/endpoints';

/** Adds the user to the tenant with a role (201), or changes their role there (200). */
export const PUT = apiRoute(V1_ENDPOINTS.putTenantMember, async ({ params, body, principal, address }) => {
  const membership = await assignTenantMember(principal, params.tenant, params.userId, body.role, { id: principal.user.id, ip: address });
  return Response.json({ tenantId: membership.tenantId, userId: membership.userId, role: membership.role }, { status: membership.created ? 201 : 200 });
});

export const DELETE = apiRoute(V1_ENDPOINTS.removeTenantMember, async ({ params, principal, address }) => {
  await removeTenantMember(principal, params.tenant, params.userId, { id: principal.user.id, ip: address });
  return new Response(null, { status: 204 });
});
