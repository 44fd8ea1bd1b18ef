import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { idParam } from '@/lib/api/id-param';
import { userListQuerySchema } from '@/lib/users/schemas';
import { listTenantMembers } from '@/lib/tenants/tenants';

const params = z.object({ tenant: idParam });

/** The tenant's members with their tenant role; the same pattern, filters, sorting and paging as GET /users. */
export const GET = apiRoute({ operation: 'tenant-members.list', params, query: userListQuerySchema }, async ({ params, query, principal }) =>
  await listTenantMembers(principal, params.tenant, query),
);
