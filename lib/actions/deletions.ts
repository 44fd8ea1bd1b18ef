'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ApiError } from '../api/errors';
import { toDeletionView } from '@/lib/deletion/view';
import { cancelDeletion, requestUserDeletion } from '@/lib/deletion/requests';
import { idParam } from '@/lib/api/id-param';
import { MAX_PAGE_SIZE } from '@/lib/users/schemas';
import { displayName, getUserById } from '@/lib/users/users';
import { serverAction } from './server-action';

// Only system admins delete users. An unknown user (deleted meanwhile) is refused in place, as yourself or the last admin are.
const DELETION = { operation: 'users.delete', refuseInPlace: true } as const;

/** Starts deleting one user (or finds the deletion already running) and returns its ticket. */
export const startUserDeletionAction = serverAction({ ...DELETION, input: z.tuple([idParam]) }, async ({ actor, input: [userId] }) => {
  const { job } = await requestUserDeletion(userId, actor);
  revalidatePath('/users', 'layout');
  return { ticket: job.ticket };
});

export type StartDeletionsResult = {
  started: { id: string; ticket: string }[];
  failed: { id: string; name: string; message: string }[];
};

/** Starts one deletion per selected user; a refusal (yourself, the last admin) does not stop the others. */
export const startUsersDeletionAction = serverAction({ ...DELETION, input: z.tuple([z.array(idParam).min(1).max(MAX_PAGE_SIZE)]) }, async ({ actor, input: [userIds] }) => {
  const result: StartDeletionsResult = { started: [], failed: [] };
  for (const userId of new Set(userIds)) {
    const user = await getUserById(userId);
    try {
      const { job } = await requestUserDeletion(userId, actor);
      result.started.push({ id: userId, ticket: job.ticket });
    } catch (error) {
      if (!(error instanceof ApiError) || ![404, 409].includes(error.status)) throw error;
      result.failed.push({ id: userId, name: user ? displayName(user) : userId, message: error.detail ?? error.title });
    }
  }
  revalidatePath('/users', 'layout');
  return result;
});

/** Asks a running deletion to stop; the worker stops between steps and leaves the user suspended. */
export const cancelDeletionAction = serverAction({ ...DELETION, input: z.tuple([idParam, idParam]) }, async ({ actor, input: [userId, ticket] }) => {
  const deletion = await cancelDeletion(userId, ticket, actor);
  revalidatePath('/users', 'layout');
  return { deletion: toDeletionView(deletion) };
});
