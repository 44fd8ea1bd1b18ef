'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { toDeletionView, type DeletionView } from '@/components/users/deletion-view';
import { ApiError } from '@/lib/api/errors';
import { cancelDeletion, requestUserDeletion } from '@/lib/deletions';
import { MAX_PAGE_SIZE } from '@/lib/schemas/users';
import { displayName, getUserById } from '@/lib/users';
import { currentCaller } from '../current-actor';
import { idParam } from '@/lib/schemas/ids';


export type StartDeletionResult = { ok: true; ticket: string } | { ok: false; message: string };
export type StartDeletionsResult = {
  started: { id: string; ticket: string }[];
  failed: { id: string; name: string; message: string }[];
};
export type CancelDeletionResult = { ok: true; deletion: DeletionView } | { ok: false; message: string };

/** Who is asking, as the audit trail records it: only system admins delete users. */
async function currentActor() {
  return (await currentCaller('users.delete')).actor;
}

/** A refusal the admin can act on (self, last admin, unknown user), as text; anything else is thrown on. */
function refusal(error: unknown): string {
  if (error instanceof ApiError && [404, 409].includes(error.status)) return error.detail ?? error.title;
  throw error;
}

/** Starts deleting one user (or finds the deletion already running) and returns its ticket. */
export async function startUserDeletionAction(id: string): Promise<StartDeletionResult> {
  const actor = await currentActor();
  const userId = idParam.parse(id);
  try {
    const { job } = requestUserDeletion(userId, actor);
    revalidatePath('/users', 'layout');
    return { ok: true, ticket: job.ticket };
  } catch (error) {
    return { ok: false, message: refusal(error) };
  }
}

/** Starts one deletion per selected user; a refusal (yourself, the last admin) does not stop the others. */
export async function startUsersDeletionAction(ids: string[]): Promise<StartDeletionsResult> {
  const actor = await currentActor();
  const userIds = z.array(idParam).min(1).max(MAX_PAGE_SIZE).parse(ids);
  const result: StartDeletionsResult = { started: [], failed: [] };
  for (const userId of new Set(userIds)) {
    const user = getUserById(userId);
    try {
      const { job } = requestUserDeletion(userId, actor);
      result.started.push({ id: userId, ticket: job.ticket });
    } catch (error) {
      result.failed.push({ id: userId, name: user ? displayName(user) : userId, message: refusal(error) });
    }
  }
  revalidatePath('/users', 'layout');
  return result;
}

/** Asks a running deletion to stop; the worker stops between steps and leaves the user suspended. */
export async function cancelDeletionAction(userId: string, ticket: string): Promise<CancelDeletionResult> {
  const actor = await currentActor();
  try {
    const deletion = cancelDeletion(idParam.parse(userId), idParam.parse(ticket), actor);
    revalidatePath('/users', 'layout');
    return { ok: true, deletion: toDeletionView(deletion) };
  } catch (error) {
    return { ok: false, message: refusal(error) };
  }
}
