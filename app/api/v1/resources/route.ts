import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { createResource, listResources } from '@/lib/permissions/resources';
import { resourceCreateSchema } from '@/lib/tenants/schemas';

const query = z.strictObject({
  pattern: z.string().trim().max(128, 'pattern is at most 128 characters.').optional(),
  limit: z.coerce.number({ message: 'limit must be a number.' }).int().min(1).max(100, 'limit is at most 100.').default(50),
  offset: z.coerce.number({ message: 'offset must be a number.' }).int().min(0).default(0),
});

/** The resources the caller reaches (a tenant admin: their tenants'), by name. */
export const GET = apiRoute({ operation: 'resources.list', query }, ({ query, principal }) => listResources(principal, query));

export const POST = apiRoute({ operation: 'resources.manage', body: resourceCreateSchema }, async ({ body, principal, address }) => {
  const resource = await createResource(principal, body, { id: principal.user.id, ip: address });
  return Response.json(resource, { status: 201, headers: { location: `/api/v1/resources/${resource.id}` } });
});
