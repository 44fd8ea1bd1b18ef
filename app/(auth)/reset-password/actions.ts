'use server';

import { choosePasswordWithCode, type ChoosePasswordOutcome } from '../choose-password';
import { resetPasswordWithCode } from '@/lib/password-reset';
import { resetPasswordSchema } from '@/lib/schemas/passwords';

/** Sets the password the mailed reset code is for; every session of the user ends. */
export async function resetPasswordAction(input: unknown): Promise<ChoosePasswordOutcome> {
  return choosePasswordWithCode(input, resetPasswordSchema, resetPasswordWithCode);
}
