'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { changeResourcePermissions, changeUserPermissions } from '@/lib/permissions/grants';
import { userGridPage, userGridQuerySchema } from '@/lib/permissions/user-page-grid';
import { getResource } from '@/lib/permissions/resources';
import { idParam } from '@/lib/api/id-param';
import { resourcePermissionChangesSchema, userPermissionChangesSchema } from '@/lib/tenants/schemas';
import { userListQuerySchema } from '@/lib/users/schemas';
import { userListRestriction } from '@/lib/access/tenant-scope';
import { listUsers } from '@/lib/search/user-search';
import { displayName } from '@/lib/users/users';
import type { UserStatus } from '@/lib/users/status';
import { serverAction } from './server-action';

/**
 * The permission grids' server side: the same lib/ functions and schemas as PATCH
 * /users/:id/permissions and /resources/:id/permissions. Saves refuse in place: the grid marks
 * the rows (`changes.<index>`) or says the user or resource is gone.
 */

/** The grid's staged rows ({key, role, expiresAt}) as the API's changes, each key named `keyIs`, for the API's schema to check. */
const asChanges = (keyIs: 'userId' | 'resourceId') => (staged: unknown) =>
  Array.isArray(staged) ? { changes: staged.map((change) => ({ [keyIs]: change?.key, role: change?.role, expiresAt: change?.expiresAt })) } : staged;

/** Saves the resource page's grid in one transaction: all the changes or none. */
export const saveResourcePermissionsAction = serverAction(
  { operation: 'permissions.manage', input: z.tuple([idParam, z.preprocess(asChanges('userId'), resourcePermissionChangesSchema)]), refuseInPlace: true },
  async ({ principal, actor, input: [id, { changes }] }) => {
    const counts = await changeResourcePermissions(principal, id, changes, actor);
    revalidatePath(`/resources/${id}`);
    return { counts };
  },
);

/**
 * Saves the user page's grid in one transaction. Nothing is revalidated: the grid reloads its
 * own page of rows, and a refresh of the user page would reset its other forms.
 */
export const saveUserPermissionsAction = serverAction(
  { operation: 'permissions.manage', input: z.tuple([idParam, z.preprocess(asChanges('resourceId'), userPermissionChangesSchema)]), refuseInPlace: true },
  async ({ principal, actor, input: [id, { changes }] }) => ({ counts: await changeUserPermissions(principal, id, changes, actor) }),
);

/** One page of the user page's grid: a search, another page, or only the resources the user holds a role on. */
export const loadUserGridPageAction = serverAction(
  { operation: 'permissions.read', input: z.tuple([idParam, userGridQuerySchema]) },
  ({ principal, input: [userId, query] }) => userGridPage(principal, userId, query),
);

export type UserToAdd = { id: string; email: string; name: string; status: UserStatus };

/** Users to add to a resource's grid: a tenant admin finds only the users they manage. */
export const findUsersToAddAction = serverAction({ operation: 'permissions.manage', input: z.tuple([idParam, z.string()]) }, async ({ principal, input: [resourceId, pattern] }) => {
  await getResource(principal, resourceId);
  const query = userListQuerySchema.parse({ pattern, limit: 8, sort: 'email:1', includeTotal: 'false' });
  const users: UserToAdd[] = (await listUsers(query, userListRestriction(principal)))
    .items.filter((user) => user.status !== 'deleting')
    .map((user) => ({ id: user.id, email: user.email, name: displayName(user), status: user.status }));
  return { users };
});
