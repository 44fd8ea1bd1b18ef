import { apiRoute } from '@/lib/api/route';
import { V1_ENDPOINTS } from '@/lib/endpoints';
import { grantPermission, revokePermission } from '@/lib/permissions/grants';

/** Grants (201) or changes (200) the user's role on the resource; POST too, as Solvexia's clients send it. */
function grantRoute(endpoint: typeof V1_ENDPOINTS.grantPermission) {
  return apiRoute(endpoint, async ({ params, body, principal, address }) => {
    const { created, permission } = await grantPermission(principal, params.id, params.resourceId, body, { id: principal.user.id, ip: address });
    return Response.json(permission, { status: created ? 201 : 200 });
  });
}

export const PUT = grantRoute(V1_ENDPOINTS.grantPermission);
export const POST = grantRoute(V1_ENDPOINTS.grantPermissionByPost);

export const DELETE = apiRoute(V1_ENDPOINTS.revokePermission, async ({ params, principal, address }) => {
  await revokePermission(principal, params.id, params.resourceId, { id: principal.user.id, ip: address });
  return new Response(null, { status: 204 });
});
