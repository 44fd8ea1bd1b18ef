'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { signInRetryAfterSeconds } from '../auth/credentials';
import { trustThisBrowser } from '../auth/device-cookie';
import { signIn } from '../auth/nextauth';
import { safeCallbackPath } from '../auth/callback-url';
import { refused } from '@/lib/pages/form-result';
import { serverAction } from './server-action';

const signInFormSchema = z.object({
  identifier: z.string().trim().min(1, 'Enter your email or username.').max(320, 'That is too long for an email or username.'),
  password: z.string().min(1, 'Enter your password.').max(1024, 'That is too long for a password.'),
  // Anyone can write it into a link: made a path on the app here, before anything uses it.
  callbackUrl: z.string().optional().transform(safeCallbackPath),
});

function waitMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return `Too many failed attempts. Try again in ${seconds < 60 ? `${seconds} seconds` : `${minutes} minute${minutes > 1 ? 's' : ''}`}, or reset your password.`;
}

/** The sign-in form's action (with useActionState: the previous answer, then the form's fields). */
export const signInAction = serverAction(
  { operation: 'public', input: z.tuple([z.unknown(), z.instanceof(FormData).transform((form) => Object.fromEntries(form)).pipe(signInFormSchema)]) },
  async ({ input: [, { identifier, password, callbackUrl }] }) => {
    let destination: string;
    try {
      // No redirect from signIn itself: the device cookie must be set first.
      destination = await signIn('credentials', { identifier, password, redirect: false, redirectTo: callbackUrl });
    } catch (error) {
      // Anything that is not an AuthError must propagate.
      if (!(error instanceof AuthError)) throw error;
      const code = error instanceof CredentialsSignin ? error.code : undefined;
      if (code === 'throttled') return refused(waitMessage(await signInRetryAfterSeconds(identifier, await headers())));
      if (code === 'inactive') return refused('This account cannot sign in right now. Contact your administrator.');
      if (error.type === 'CredentialsSignin') return refused('The email, username or password is wrong.');
      throw error;
    }
    await trustThisBrowser(identifier);
    redirect(destination);
  },
);
