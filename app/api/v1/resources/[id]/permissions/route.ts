import { z } from 'zod';
import { apiRoute } from '@/lib/api/route';
import { changeResourcePermissions, listResourcePermissions } from '@/lib/permissions';
import { idParam } from '@/lib/schemas/ids';
import { resourcePermissionChangesSchema } from '@/lib/schemas/tenants';

const params = z.object({ id: idParam });

/** Who holds which role on the resource. */
export const GET = apiRoute({ operation: 'permissions.read', params }, ({ params, principal }) => listResourcePermissions(principal, params.id));

export const PATCH = apiRoute({ operation: 'permissions.manage', params, body: resourcePermissionChangesSchema }, ({ params, body, principal, address }) => {
  return changeResourcePermissions(principal, params.id, body.changes, { id: principal.user.id, ip: address });
});
