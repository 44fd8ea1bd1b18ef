'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { userFormValues, type UserFormValues } from '@/components/users/user-form-values';
import { ApiError } from '@/lib/api/errors';
import { fieldErrors } from '@/lib/api/problem';
import { requireOperation } from '@/lib/auth/session';
import { formFailure, type FormFailure } from '@/lib/form-result';
import { userUpdateSchema } from '@/lib/schemas/users';
import { requireEditableFields } from '@/lib/tenant-scope';
import { getUserScopes, requireUserById, toPublicUser, updateUser } from '@/lib/users';

export type EditUserResult =
  | { status: 'saved'; values: UserFormValues; version: number }
  /** Someone saved the user since this form loaded it: nothing was written; here is their version. */
  | { status: 'conflict'; message: string; values: UserFormValues; version: number }
  | ({ status: 'invalid' } & FormFailure);

function savedVersion(id: string) {
  const user = requireUserById(id);
  return { values: userFormValues(toPublicUser(user, getUserScopes(id))), version: user.version };
}

/** Saves the edit form, only if the user is still at `expectedVersion` (what the form was loaded from). */
export async function updateUserAction(id: string, expectedVersion: number, input: unknown): Promise<EditUserResult> {
  const principal = await requireOperation('users.update');
  z.string().min(1).parse(id);
  z.number().int().min(1).parse(expectedVersion);
  const parsed = userUpdateSchema.safeParse(input);
  if (!parsed.success) return { status: 'invalid', message: 'Check the highlighted fields.', fieldErrors: fieldErrors(parsed.error) };
  try {
    // As for PATCH /users/:id: a tenant admin edits their tenants' users, but not their scopes.
    requireEditableFields(principal, id, parsed.data);
    updateUser(id, parsed.data, { expectedVersion, actorId: principal.user.id });
  } catch (error) {
    if (error instanceof ApiError && error.code === 'precondition-failed') {
      return { status: 'conflict', message: 'Someone else saved this user after you opened it. Nothing was saved.', ...savedVersion(id) };
    }
    return { status: 'invalid', ...formFailure(error) };
  }
  revalidatePath('/users', 'layout');
  return { status: 'saved', ...savedVersion(id) };
}
