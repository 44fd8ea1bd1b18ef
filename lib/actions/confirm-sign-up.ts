'use server';

import { z } from 'zod';
import { confirmSignUpSchema } from '@/lib/passwords/schemas';
import { confirmSignUp } from '@/lib/auth/sign-up';
import { chooseWithCode } from './choose-password';
import { serverAction } from './server-action';

/** Confirms the sign-up with the password chosen then; the account is active from now on. */
export const confirmSignUpAction = serverAction({ operation: 'public', input: z.tuple([confirmSignUpSchema]) }, async ({ input: [{ code, password }], origin }) =>
  await chooseWithCode(() => confirmSignUp(code, password, origin)),
);
