'use server';

import { AuthError, CredentialsSignin } from 'next-auth';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { signInRetryAfterSeconds } from '@/lib/auth/credentials';
import { trustThisBrowser } from '@/lib/auth/device-cookie';
import { signIn } from '@/lib/auth/nextauth';
import { safeCallbackPath } from '@/lib/auth/callback-url';

export type SignInState = {
  message?: string;
  fieldErrors?: { identifier?: string; password?: string };
  identifier?: string;
};

const signInFormSchema = z.object({
  identifier: z.string().trim().min(1, 'Enter your email or username.').max(320, 'That is too long for an email or username.'),
  password: z.string().min(1, 'Enter your password.').max(1024, 'That is too long for a password.'),
  callbackUrl: z.string().optional(),
});

function waitMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return `Too many failed attempts. Try again in ${seconds < 60 ? `${seconds} seconds` : `${minutes} minute${minutes > 1 ? 's' : ''}`}, or reset your password.`;
}

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = signInFormSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const errors = z.flattenError(parsed.error).fieldErrors;
    return { fieldErrors: { identifier: errors.identifier?.[0], password: errors.password?.[0] }, identifier: String(formData.get('identifier') ?? '') };
  }
  const { identifier, password, callbackUrl } = parsed.data;
  let destination: string;
  try {
    // No redirect from signIn itself: the device cookie must be set first.
    destination = await signIn('credentials', { identifier, password, redirect: false, redirectTo: safeCallbackPath(callbackUrl) });
  } catch (error) {
    // Anything that is not an AuthError must propagate.
    if (!(error instanceof AuthError)) throw error;
    const code = error instanceof CredentialsSignin ? error.code : undefined;
    if (code === 'throttled') return { message: waitMessage(signInRetryAfterSeconds(identifier, await headers())), identifier };
    if (code === 'inactive') return { message: 'This account cannot sign in right now. Contact your administrator.', identifier };
    if (error.type === 'CredentialsSignin') return { message: 'The email, username or password is wrong.', identifier };
    throw error;
  }
  await trustThisBrowser(identifier);
  redirect(destination);
}
