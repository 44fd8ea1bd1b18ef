import { apiRoute } from '@/lib/api/route';
import { changeUserPermissions, listUserPermissions } from '@/lib/permissions/grants';
import { V1_ENDPOINTS } from '@/lib/endpoints';

/** [{resourceId, resourceName, role, expiresAt, expired, ...}] */
export const GET = apiRoute(V1_ENDPOINTS.listUserPermissions, ({ params, principal }) => listUserPermissions(principal, params.id));

/** Several grants, changes (`role`) and revocations (`role: null`) in one transaction: all or none. */
export const PATCH = apiRoute(V1_ENDPOINTS.changeUserPermissions, async ({ params, body, principal, address }) => {
  return await changeUserPermissions(principal, params.id, body.changes, { id: principal.user.id, ip: address });
});
