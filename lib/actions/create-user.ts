'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { userCreateSchema } from '@/lib/users/schemas';
import { createUserAsManager } from '@/lib/auth/sign-up';
import { serverAction } from './server-action';

/**
 * Creates the user (without a password: pending, and invited unless the admin said not yet) and
 * goes to their page; or says which fields to fix (a taken email, a weak password). A tenant
 * admin creates users inside one of their tenants; lib/auth/sign-up.ts holds the rules.
 */
export const createUserAction = serverAction({ operation: 'users.create', input: z.tuple([userCreateSchema]) }, async ({ principal, actor, input: [values] }) => {
  const user = await createUserAsManager(principal, values, actor);
  const invited = user.status === 'pending' && values.sendInvite !== false;
  revalidatePath('/users');
  redirect(`/users/${user.id}?created=1${invited ? '&invited=1' : ''}`);
});
