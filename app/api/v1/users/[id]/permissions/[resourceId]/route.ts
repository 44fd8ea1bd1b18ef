import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { grantPermission, revokePermission } from '@/lib/permissions/grants';
import { idParam } from '@/lib/api/id-param';
import { permissionGrantSchema } from '@/lib/tenants/schemas';

const params = z.object({ id: idParam, resourceId: idParam });

/** Grants (201) or changes (200) the user's role on the resource (Solvexia's POST, also as PUT). */
const grant = apiRoute({ operation: 'permissions.manage', params, body: permissionGrantSchema }, async ({ params, body, principal, address }) => {
  const { created, permission } = await grantPermission(principal, params.id, params.resourceId, body, { id: principal.user.id, ip: address });
  return Response.json(permission, { status: created ? 201 : 200 });
});

export const PUT = grant;
export const POST = grant;

export const DELETE = apiRoute({ operation: 'permissions.manage', params }, async ({ params, principal, address }) => {
  await revokePermission(principal, params.id, params.resourceId, { id: principal.user.id, ip: address });
  return new Response(null, { status: 204 });
});
