import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { deleteResource, getResource, updateResource } from '@/lib/permissions/resources';
import { idParam } from '@/lib/api/id-param';
import { resourceUpdateSchema } from '@/lib/tenants/schemas';

const params = z.object({ id: idParam });

export const GET = apiRoute({ operation: 'resources.list', params }, ({ params, principal }) => getResource(principal, params.id));

export const PATCH = apiRoute({ operation: 'resources.manage', params, body: resourceUpdateSchema }, async ({ params, body, principal, address }) =>
  await updateResource(principal, params.id, body, { id: principal.user.id, ip: address }),
);

/** Every permission on the resource goes with it. */
export const DELETE = apiRoute({ operation: 'resources.manage', params }, async ({ params, principal, address }) => {
  await deleteResource(principal, params.id, { id: principal.user.id, ip: address });
  return new Response(null, { status: 204 });
});
