import { ApiError } from '@/lib/api/errors';
import { statusChangeRefusal, type StatusChange } from './status';
import { displayName, getUserById, updateUser } from './users';

export type StatusChangeOutcome = {
  changed: number;
  failed: { id: string; name: string; message: string }[];
};

/**
 * Suspends or activates several users, each in its own short transaction, and reports each
 * failure rather than stopping at the first: a bulk action on 30 rows should not fail whole
 * because one user was deleted meanwhile.
 */
export async function changeUsersStatus(actorId: string, ids: string[], status: StatusChange): Promise<StatusChangeOutcome> {
  const outcome: StatusChangeOutcome = { changed: 0, failed: [] };
  for (const id of new Set(ids)) {
    const user = await getUserById(id);
    if (!user) {
      outcome.failed.push({ id, name: id, message: 'This user no longer exists.' });
      continue;
    }
    const name = displayName(user);
    const refusal = statusChangeRefusal(user.status, status);
    if (refusal) {
      outcome.failed.push({ id, name, message: refusal });
      continue;
    }
    if (user.status === status) {
      outcome.changed++;
      continue;
    }
    try {
      await updateUser(id, { status }, { actorId });
      outcome.changed++;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      outcome.failed.push({ id, name, message: error.detail ?? error.title });
    }
  }
  return outcome;
}
