import { apiRoute } from '@/lib/api/route';
import { deleteResource, getResource, updateResource } from '@/lib/permissions/resources';
import { V1_ENDPOINTS } from '@/lib/endpoints';

export const GET = apiRoute(V1_ENDPOINTS.getResource, ({ params, principal }) => getResource(principal, params.id));

export const PATCH = apiRoute(V1_ENDPOINTS.updateResource, async ({ params, body, principal, address }) =>
  await updateResource(principal, params.id, body, { id: principal.user.id, ip: address }),
);

/** Every permission on the resource goes with it. */
export const DELETE = apiRoute(V1_ENDPOINTS.deleteResource, async ({ params, principal, address }) => {
  await deleteResource(principal, params.id, { id: principal.user.id, ip: address });
  return new Response(null, { status: 204 });
});
