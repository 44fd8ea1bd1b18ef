import { apiRoute } from '@/lib/api/route';
import { listTenantMembers } from '@/lib/tenants/tenants';
import { V1_ENDPOINTS } from '@/lib/endpoints';

/** The tenant's members with their tenant role; the same pattern, filters, sorting and paging as GET /users. */
export const GET = apiRoute(V1_ENDPOINTS.listTenantMembers, async ({ params, query, principal }) =>
  await listTenantMembers(principal, params.tenant, query),
);
