'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { requireAdmin } from '@/lib/auth/session';
import { MAX_PAGE_SIZE } from '@/lib/schemas/users';
import { changeUsersStatus, type StatusChangeOutcome } from '@/lib/user-status-changes';
import { STATUS_CHANGES, type StatusChange } from '@/lib/user-status';

const statusChangeSchema = z.object({
  ids: z.array(z.string().min(1).max(64)).min(1).max(MAX_PAGE_SIZE),
  status: z.enum(Object.keys(STATUS_CHANGES) as [StatusChange, ...StatusChange[]]),
});

/** Suspends or activates the selected users (a page of them at most) and says how many it changed. */
export async function changeUsersStatusAction(ids: string[], status: StatusChange): Promise<StatusChangeOutcome> {
  const { user } = await requireAdmin();
  const input = statusChangeSchema.parse({ ids, status });
  const outcome = changeUsersStatus(user.id, input.ids, input.status);
  revalidatePath('/users', 'layout');
  return outcome;
}
