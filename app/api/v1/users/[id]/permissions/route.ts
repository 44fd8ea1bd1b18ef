import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { changeUserPermissions, listUserPermissions } from '@/lib/permissions/grants';
import { idParam } from '@/lib/api/id-param';
import { userPermissionChangesSchema } from '@/lib/tenants/schemas';

const params = z.object({ id: idParam });

/** [{resourceId, resourceName, role, expiresAt, expired, ...}] */
export const GET = apiRoute({ operation: 'permissions.read', params }, ({ params, principal }) => listUserPermissions(principal, params.id));

/** Several grants, changes (`role`) and revocations (`role: null`) in one transaction: all or none. */
export const PATCH = apiRoute({ operation: 'permissions.manage', params, body: userPermissionChangesSchema }, async ({ params, body, principal, address }) => {
  return await changeUserPermissions(principal, params.id, body.changes, { id: principal.user.id, ip: address });
});
