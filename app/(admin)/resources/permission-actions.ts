'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { GridChange, GridSaveResult } from '@/components/permissions/grid-model';
import { ApiError, type FieldError } from '@/lib/api/errors';
import { fieldErrors } from '@/lib/api/problem';
import { withOperation } from '@/lib/auth/server-action';
import { requireOperation } from '@/lib/auth/session';
import { changeResourcePermissions, changeUserPermissions } from '@/lib/permissions';
import { getResource } from '@/lib/resources';
import { idParam } from '@/lib/schemas/ids';
import { resourcePermissionChangesSchema, userPermissionChangesSchema } from '@/lib/schemas/tenants';
import { userListQuerySchema } from '@/lib/schemas/users';
import { userListRestriction } from '@/lib/tenant-scope';
import { listUsers } from '@/lib/user-search';
import { displayName } from '@/lib/users';
import type { UserStatus } from '@/lib/user-status';
import { actorOf } from '../current-actor';
import { userGridPage, userGridQuerySchema, type UserGridPage } from './user-grid-page';

/** The permission grids' server side: the same lib/ functions and schemas as PATCH /users/:id/permissions and /resources/:id/permissions. */

// The values are checked by the API's schemas below; this only makes sure there is a list to map.
const stagedChanges = z.array(z.object({ key: z.string(), role: z.unknown(), expiresAt: z.unknown() }));

/** Puts each `changes.<index>` error on the row the change came from, so the grid can mark it. */
function gridFailure(message: string, errors: FieldError[], changes: GridChange[]): GridSaveResult {
  const rowErrors: Record<string, string> = {};
  const elsewhere: string[] = [];
  for (const error of errors) {
    const index = /^changes\.(\d+)/.exec(error.path)?.[1];
    const change = index === undefined ? undefined : changes[Number(index)];
    if (change) rowErrors[change.key] ??= error.message;
    else elsewhere.push(error.message);
  }
  return { ok: false, message: [message, ...elsewhere].join(' '), rowErrors };
}

/** A refusal from lib/ (a bad row, a user or resource out of reach) as the grid shows it; anything else goes to the error page. */
function refusal(error: unknown, changes: GridChange[]): GridSaveResult {
  if (!(error instanceof ApiError) || error.status >= 500) throw error;
  return gridFailure(error.detail ?? error.title, error.options.errors ?? [], changes);
}

/** Saves the resource page's grid in one transaction: all the changes or none. */
export async function saveResourcePermissionsAction(resourceId: string, input: GridChange[]): Promise<GridSaveResult> {
  const principal = await requireOperation('permissions.manage');
  const id = idParam.parse(resourceId);
  const changes = stagedChanges.parse(input) as GridChange[];
  const parsed = resourcePermissionChangesSchema.safeParse({ changes: changes.map(({ key, role, expiresAt }) => ({ userId: key, role, expiresAt })) });
  if (!parsed.success) return gridFailure('Some changes are not valid; nothing was saved.', fieldErrors(parsed.error), changes);
  try {
    const counts = changeResourcePermissions(principal, id, parsed.data.changes, await actorOf(principal));
    revalidatePath(`/resources/${id}`);
    return { ok: true, counts };
  } catch (error) {
    return refusal(error, changes);
  }
}

/**
 * Saves the user page's grid in one transaction. Nothing is revalidated: the grid reloads its
 * own page of rows, and a refresh of the user page would reset its other forms.
 */
export async function saveUserPermissionsAction(userId: string, input: GridChange[]): Promise<GridSaveResult> {
  const principal = await requireOperation('permissions.manage');
  const id = idParam.parse(userId);
  const changes = stagedChanges.parse(input) as GridChange[];
  const parsed = userPermissionChangesSchema.safeParse({ changes: changes.map(({ key, role, expiresAt }) => ({ resourceId: key, role, expiresAt })) });
  if (!parsed.success) return gridFailure('Some changes are not valid; nothing was saved.', fieldErrors(parsed.error), changes);
  try {
    return { ok: true, counts: changeUserPermissions(principal, id, parsed.data.changes, await actorOf(principal)) };
  } catch (error) {
    return refusal(error, changes);
  }
}

/** One page of the user page's grid: a search, another page, or only the resources the user holds a role on. */
export async function loadUserGridPageAction(userId: string, query: unknown): Promise<UserGridPage> {
  return withOperation('permissions.read', async (principal) => userGridPage(principal, idParam.parse(userId), userGridQuerySchema.parse(query)));
}

export type UserToAdd = { id: string; email: string; name: string; status: UserStatus };

/** Users to add to a resource's grid: a tenant admin finds only the users they manage. */
export async function findUsersToAddAction(resourceId: string, pattern: string): Promise<UserToAdd[]> {
  return withOperation('permissions.manage', async (principal) => {
    getResource(principal, idParam.parse(resourceId));
    const query = userListQuerySchema.parse({ pattern, limit: 8, sort: 'email:1', includeTotal: 'false' });
    return listUsers(query, userListRestriction(principal))
      .items.filter((user) => user.status !== 'deleting')
      .map((user) => ({ id: user.id, email: user.email, name: displayName(user), status: user.status }));
  });
}
