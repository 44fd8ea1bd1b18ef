'use server';

import { z } from 'zod';
import { forgotPasswordAnswer, requestPasswordReset } from '../password-reset';
import { forgotPasswordSchema } from '../schemas/passwords';
import { serverAction } from './server-action';

/** Mails a reset link if the account exists; the answer is the same either way. */
export const requestPasswordResetAction = serverAction({ operation: 'public', input: z.tuple([forgotPasswordSchema]) }, async ({ input: [{ email }], origin }) => {
  requestPasswordReset(email, origin);
  return { answer: forgotPasswordAnswer() };
});
