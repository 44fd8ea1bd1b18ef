'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ApiError } from '@/lib/api/errors';
import type { Principal } from '@/lib/auth/principal';
import { requireOperation } from '@/lib/auth/session';
import { MAX_PAGE_SIZE } from '@/lib/schemas/users';
import { requireAccountControl } from '@/lib/tenant-scope';
import { changeUsersStatus, type StatusChangeOutcome } from '@/lib/user-status-changes';
import { STATUS_CHANGES, type StatusChange } from '@/lib/user-status';
import { displayName, getUserById } from '@/lib/users';

const statusChangeSchema = z.object({
  ids: z.array(z.string().min(1).max(64)).min(1).max(MAX_PAGE_SIZE),
  status: z.enum(Object.keys(STATUS_CHANGES) as [StatusChange, ...StatusChange[]]),
});

/**
 * The ids the caller may change, and a refusal for each other one: a tenant admin changes only
 * users wholly within their tenants, and never a system admin. A user out of reach is not named.
 */
function splitManageable(principal: Principal, ids: string[]): { manageable: string[]; refused: StatusChangeOutcome['failed'] } {
  const manageable: string[] = [];
  const refused: StatusChangeOutcome['failed'] = [];
  for (const id of new Set(ids)) {
    try {
      requireAccountControl(principal, id);
      manageable.push(id);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const user = error.status === 404 ? undefined : getUserById(id);
      refused.push({ id, name: user ? displayName(user) : id, message: error.detail ?? error.title });
    }
  }
  return { manageable, refused };
}

/** Suspends or activates the selected users (a page of them at most) and says how many it changed. */
export async function changeUsersStatusAction(ids: string[], status: StatusChange): Promise<StatusChangeOutcome> {
  const principal = await requireOperation('users.update');
  const input = statusChangeSchema.parse({ ids, status });
  const { manageable, refused } = splitManageable(principal, input.ids);
  const outcome = manageable.length ? changeUsersStatus(principal.user.id, manageable, input.status) : { changed: 0, failed: [] };
  revalidatePath('/users', 'layout');
  return { changed: outcome.changed, failed: [...refused, ...outcome.failed] };
}
