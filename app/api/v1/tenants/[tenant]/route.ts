import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { idParam } from '@/lib/api/id-param';
import { tenantDeleteQuerySchema, tenantUpdateSchema } from '@/lib/tenants/schemas';
import { deleteTenant, requireTenant, updateTenant } from '@/lib/tenants/tenants';

const params = z.object({ tenant: idParam });

export const GET = apiRoute({ operation: 'tenants.read', params }, ({ params, principal }) => requireTenant(principal, params.tenant));

export const PATCH = apiRoute({ operation: 'tenants.manage', params, body: tenantUpdateSchema }, async ({ params, body, principal, address }) =>
  await updateTenant(principal, params.tenant, body, { id: principal.user.id, ip: address }),
);

/** A tenant with members is deleted only with ?force=true; the memberships go, the users stay. */
export const DELETE = apiRoute({ operation: 'tenants.manage', params, query: tenantDeleteQuerySchema }, async ({ params, query, principal, address }) => {
  await deleteTenant(principal, params.tenant, query, { id: principal.user.id, ip: address });
  return new Response(null, { status: 204 });
});
