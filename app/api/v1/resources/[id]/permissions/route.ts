import { apiRoute } from '@/lib/api/route';
import { changeResourcePermissions, listResourcePermissions } from '@/lib/permissions/grants';
import { V1_ENDPOINTS } from '@/lib/endpoints';

/** Who holds which role on the resource. */
export const GET = apiRoute(V1_ENDPOINTS.listResourcePermissions, ({ params, principal }) => listResourcePermissions(principal, params.id));

export const PATCH = apiRoute(V1_ENDPOINTS.changeResourcePermissions, async ({ params, body, principal, address }) => {
  return await changeResourcePermissions(principal, params.id, body.changes, { id: principal.user.id, ip: address });
});
