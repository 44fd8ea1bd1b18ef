'use server';

import { z } from 'zod';
import { forgotPasswordAnswer, requestPasswordReset } from '@/lib/passwords/reset';
import { forgotPasswordSchema } from '@/lib/passwords/schemas';
import { serverAction } from './server-action';

/** Mails a reset link if the account exists; the answer is the same either way. */
export const requestPasswordResetAction = serverAction({ operation: 'public', input: z.tuple([forgotPasswordSchema]) }, async ({ input: [{ email }], origin }) => {
  await requestPasswordReset(email, origin);
  return { answer: forgotPasswordAnswer() };
});
