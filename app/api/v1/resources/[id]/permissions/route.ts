import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { changeResourcePermissions, listResourcePermissions } from '@/lib/permissions/grants';
import { idParam } from '@/lib/api/id-param';
import { resourcePermissionChangesSchema } from '@/lib/tenants/schemas';

const params = z.object({ id: idParam });

/** Who holds which role on the resource. */
export const GET = apiRoute({ operation: 'permissions.read', params }, ({ params, principal }) => listResourcePermissions(principal, params.id));

export const PATCH = apiRoute({ operation: 'permissions.manage', params, body: resourcePermissionChangesSchema }, async ({ params, body, principal, address }) => {
  return await changeResourcePermissions(principal, params.id, body.changes, { id: principal.user.id, ip: address });
});
