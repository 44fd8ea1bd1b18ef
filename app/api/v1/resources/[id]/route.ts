import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { deleteResource, getResource, updateResource } from '@/lib/permissions/resources';
import { idParam } from '@/lib/api/id-param';
import { resourceUpdateSchema } from '@/lib/tenants/schemas';

const params = z.object({ id: idParam });

export const GET = apiRoute({ operation: 'resources.list', params }, ({ params, principal }) => getResource(principal, params.id));

export const PATCH = apiRoute({ operation: 'resources.manage', params, body: resourceUpdateSchema }, ({ params, body, principal, address }) =>
  updateResource(principal, params.id, body, { id: principal.user.id, ip: address }),
);

/** Every permission on the resource goes with it. */
export const DELETE = apiRoute({ operation: 'resources.manage', params }, ({ params, principal, address }) => {
  deleteResource(principal, params.id, { id: principal.user.id, ip: address });
  return new Response(null, { status: 204 });
});
