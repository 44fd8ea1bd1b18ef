import { apiRoute } from '@/lib/api/route';
import { tenantCreateSchema } from '@/lib/tenants/schemas';
import { createTenant, listTenantsFor } from '@/lib/tenants/tenants';

/** The tenants the caller manages (all of them for a system admin), with member counts. */
export const GET = apiRoute({ operation: 'tenants.list' }, async ({ principal }) => ({ items: await listTenantsFor(principal) }));

export const POST = apiRoute({ operation: 'tenants.manage', body: tenantCreateSchema }, async ({ body, principal, address }) => {
  const tenant = await createTenant(body, { id: principal.user.id, ip: address });
  return Response.json(tenant, { status: 201, headers: { location: `/api/v1/tenants/${tenant.id}` } });
});
