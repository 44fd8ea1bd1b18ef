'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { fieldErrors } from '@/lib/api/problem';
import { formFailure, type FormFailure } from '@/lib/form-result';
import { userCreateSchema } from '@/lib/schemas/users';
import { createUserAsManager } from '@/lib/sign-up';
import { currentCaller } from '../../current-actor';

/**
 * Creates the user (without a password: pending, and invited unless the admin said not yet) and
 * goes to their page; or says which fields to fix (a taken email, a weak password).
 */
export async function createUserAction(input: unknown): Promise<FormFailure> {
  // A tenant admin creates users inside one of their tenants; lib/sign-up.ts holds the rules.
  const { principal, actor } = await currentCaller('users.create');
  const parsed = userCreateSchema.safeParse(input);
  if (!parsed.success) return { message: 'Check the highlighted fields.', fieldErrors: fieldErrors(parsed.error) };
  let created: { id: string; invited: boolean };
  try {
    const user = await createUserAsManager(principal, parsed.data, actor);
    created = { id: user.id, invited: user.status === 'pending' && parsed.data.sendInvite !== false };
  } catch (error) {
    return formFailure(error);
  }
  revalidatePath('/users');
  redirect(`/users/${created.id}?created=1${created.invited ? '&invited=1' : ''}`);
}
