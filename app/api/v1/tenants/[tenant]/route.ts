import { apiRoute } from '@/lib/api/route';
import { deleteTenant, requireTenant, updateTenant } from '@/lib/tenants/tenants';
import { V1_ENDPOINTS } from '@/lib/endpoints';

export const GET = apiRoute(V1_ENDPOINTS.getTenant, ({ params, principal }) => requireTenant(principal, params.tenant));

export const PATCH = apiRoute(V1_ENDPOINTS.updateTenant, async ({ params, body, principal, address }) =>
  await updateTenant(principal, params.tenant, body, { id: principal.user.id, ip: address }),
);

/** A tenant with members is deleted only with ?force=true; the memberships go, the users stay. */
export const DELETE = apiRoute(V1_ENDPOINTS.deleteTenant, async ({ params, query, principal, address }) => {
  await deleteTenant(principal, params.tenant, query, { id: principal.user.id, ip: address });
  return new Response(null, { status: 204 });
});
