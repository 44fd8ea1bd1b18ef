'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ApiError } from '../api/errors';
import type { Principal } from '../auth/principal';
import { idParam } from '@/lib/api/id-param';
import { MAX_PAGE_SIZE } from '@/lib/users/schemas';
import { requireAccountControl } from '@/lib/access/tenant-scope';
import { changeUsersStatus, type StatusChangeOutcome } from '@/lib/users/status-changes';
import { STATUS_CHANGES, type StatusChange } from '@/lib/users/status';
import { displayName, getUserById } from '@/lib/users/users';
import { serverAction } from './server-action';

/**
 * The ids the caller may change, and a refusal for each other one: a tenant admin changes only
 * users wholly within their tenants, and never a system admin. A user out of reach is not named.
 */
async function splitManageable(principal: Principal, ids: string[]): Promise<{ manageable: string[]; refused: StatusChangeOutcome['failed'] }> {
  const manageable: string[] = [];
  const refused: StatusChangeOutcome['failed'] = [];
  for (const id of new Set(ids)) {
    try {
      await requireAccountControl(principal, id);
      manageable.push(id);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const user = error.status === 404 ? undefined : await getUserById(id);
      refused.push({ id, name: user ? displayName(user) : id, message: error.detail ?? error.title });
    }
  }
  return { manageable, refused };
}

/** Suspends or activates the selected users (a page of them at most) and says how many it changed. */
export const changeUsersStatusAction = serverAction(
  { operation: 'users.update', input: z.tuple([z.array(idParam).min(1).max(MAX_PAGE_SIZE), z.enum(Object.keys(STATUS_CHANGES) as [StatusChange, ...StatusChange[]])]) },
  async ({ principal, input: [ids, status] }) => {
    const { manageable, refused } = await splitManageable(principal, ids);
    const outcome = manageable.length ? await changeUsersStatus(principal.user.id, manageable, status) : { changed: 0, failed: [] };
    revalidatePath('/users', 'layout');
    return { changed: outcome.changed, failed: [...refused, ...outcome.failed] };
  },
);
