'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ApiError } from '../api/errors';
import { refused } from '@/lib/pages/form-result';
import { idParam } from '@/lib/api/id-param';
import { userUpdateSchema } from '@/lib/users/schemas';
import { requireEditableFields } from '@/lib/access/tenant-scope';
import { userFormValues } from '@/lib/users/form-values';
import { getUserScopes, requireUserById, toPublicUser, updateUser } from '@/lib/users/users';
import { serverAction } from './server-action';

async function savedVersion(id: string) {
  const user = await requireUserById(id);
  return { values: userFormValues(toPublicUser(user, await getUserScopes(id))), version: user.version };
}

/**
 * Saves the edit form, only if the user is still at `expectedVersion` (what the form was loaded
 * from). A stale edit is refused with the version someone else saved, for the form to compare.
 */
export const updateUserAction = serverAction(
  { operation: 'users.update', input: z.tuple([idParam, z.number().int().min(1), userUpdateSchema]) },
  async ({ principal, input: [id, expectedVersion, changes] }) => {
    try {
      // As for PATCH /users/:id: a tenant admin edits their tenants' users, but not their scopes.
      await requireEditableFields(principal, id, changes);
      await updateUser(id, changes, { expectedVersion, actorId: principal.user.id });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'precondition-failed') {
        return { ...refused('Someone else saved this user after you opened it. Nothing was saved.'), saved: await savedVersion(id) };
      }
      throw error;
    }
    revalidatePath('/users', 'layout');
    return savedVersion(id);
  },
);
