'use server';

import { fieldErrors } from '@/lib/api/problem';
import { formFailure, type FormFailure } from '@/lib/form-result';
import { forgotPasswordAnswer, requestPasswordReset } from '@/lib/password-reset';
import { forgotPasswordSchema } from '@/lib/schemas/passwords';
import { requestOrigin } from '@/app/request-origin';

export type ForgotPasswordOutcome = { status: 'sent'; answer: string } | { status: 'refused'; failure: FormFailure };

/** Mails a reset link if the account exists; the answer is the same either way. */
export async function requestPasswordResetAction(input: unknown): Promise<ForgotPasswordOutcome> {
  const parsed = forgotPasswordSchema.safeParse(input);
  if (!parsed.success) return { status: 'refused', failure: { message: 'Check the highlighted fields.', fieldErrors: fieldErrors(parsed.error) } };
  try {
    requestPasswordReset(parsed.data.email, await requestOrigin());
  } catch (error) {
    return { status: 'refused', failure: formFailure(error) };
  }
  return { status: 'sent', answer: forgotPasswordAnswer() };
}
