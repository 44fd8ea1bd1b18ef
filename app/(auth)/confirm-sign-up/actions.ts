'use server';

import { confirmSignUp } from '@/lib/sign-up';
import { confirmSignUpSchema } from '@/lib/schemas/passwords';
import { choosePasswordWithCode, type ChoosePasswordOutcome } from '../choose-password';

/** Confirms the sign-up with the password chosen then; the account is active from now on. */
export async function confirmSignUpAction(input: unknown): Promise<ChoosePasswordOutcome> {
  return choosePasswordWithCode(input, confirmSignUpSchema, async (code, password, origin) => {
    await confirmSignUp(code, password, origin);
  });
}
