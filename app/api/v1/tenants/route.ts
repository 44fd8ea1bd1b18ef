import { apiRoute } from '@/lib/api/route';
import { createTenant, listTenantsFor } from '@/lib/tenants/tenants';
import { V1_ENDPOINTS } from '@/lib/endpoints';

/** The tenants the caller manages (all of them for a system admin), with member counts. */
export const GET = apiRoute(V1_ENDPOINTS.listTenants, async ({ principal }) => ({ items: await listTenantsFor(principal) }));

export const POST = apiRoute(V1_ENDPOINTS.createTenant, async ({ body, principal, address }) => {
  const tenant = await createTenant(body, { id: principal.user.id, ip: address });
  return Response.json(tenant, { status: 201, headers: { location: `/api/v1/tenants/${tenant.id}` } });
});
