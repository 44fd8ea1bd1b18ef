import { apiRoute } from '@/lib/api/route';
import { createResource, listResources } from '@/lib/permissions/resources';
import { V1_ENDPOINTS } from '@/lib/endpoints';

/** The resources the caller reaches (a tenant admin: their tenants'), by name. */
export const GET = apiRoute(V1_ENDPOINTS.listResources, ({ query, principal }) => listResources(principal, query));

export const POST = apiRoute(V1_ENDPOINTS.createResource, async ({ body, principal, address }) => {
  const resource = await createResource(principal, body, { id: principal.user.id, ip: address });
  return Response.json(resource, { status: 201, headers: { location: `/api/v1/resources/${resource.id}` } });
});
