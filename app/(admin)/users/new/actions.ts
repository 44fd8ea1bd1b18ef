'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { fieldErrors } from '@/lib/api/problem';
import { requireAdmin } from '@/lib/auth/session';
import { formFailure, type FormFailure } from '@/lib/form-result';
import { userCreateSchema } from '@/lib/schemas/users';
import { createUser } from '@/lib/users';

/** Creates the user and goes to their page; or says which fields to fix (a taken email, a weak password). */
export async function createUserAction(input: unknown): Promise<FormFailure> {
  await requireAdmin();
  const parsed = userCreateSchema.safeParse(input);
  if (!parsed.success) return { message: 'Check the highlighted fields.', fieldErrors: fieldErrors(parsed.error) };
  let userId: string;
  try {
    userId = (await createUser(parsed.data)).id;
  } catch (error) {
    return formFailure(error);
  }
  revalidatePath('/users');
  redirect(`/users/${userId}?created=1`);
}
