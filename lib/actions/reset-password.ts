'use server';

import { z } from 'zod';
import { resetPasswordWithCode } from '@/lib/passwords/reset';
import { resetPasswordSchema } from '@/lib/passwords/schemas';
import { chooseWithCode } from './choose-password';
import { serverAction } from './server-action';

/** Sets the password the mailed reset code is for; every session of the user ends. */
export const resetPasswordAction = serverAction({ operation: 'public', input: z.tuple([resetPasswordSchema]) }, async ({ input: [{ code, password }], origin }) =>
  await chooseWithCode(() => resetPasswordWithCode(code, password, origin)),
);
