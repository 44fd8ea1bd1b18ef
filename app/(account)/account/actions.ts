'use server';

import { redirect } from 'next/navigation';
import { fieldErrors } from '@/lib/api/problem';
import { renewOwnSession, requireUser } from '@/lib/auth/session';
import { formFailure, type FormFailure } from '@/lib/form-result';
import { changeOwnPassword } from '@/lib/password-change';
import { changeOwnPasswordSchema } from '@/lib/schemas/passwords';
import { PASSWORD_CHANGED_PARAM } from './password-changed';
import { requestOrigin } from '@/app/request-origin';

/** Changes the signed-in user's password: every other session ends, this browser's goes on. Returns only to say what to fix. */
export async function changeOwnPasswordAction(input: unknown): Promise<FormFailure> {
  const { user } = await requireUser();
  const parsed = changeOwnPasswordSchema.safeParse(input);
  if (!parsed.success) return { message: 'Check the highlighted fields.', fieldErrors: fieldErrors(parsed.error) };
  let sessionVersion: number;
  try {
    ({ sessionVersion } = await changeOwnPassword(user.id, parsed.data, { ...(await requestOrigin()), keepTokenId: null }));
  } catch (error) {
    return formFailure(error);
  }
  await renewOwnSession(user.id, sessionVersion);
  // Not a plain return: the new session cookie makes Next re-render this page within this
  // request, where Auth.js still reads the old cookie and would send the user to sign-in. A
  // redirect renders /account with the new cookie; the timestamp tells one change from the next.
  redirect(`/account?${PASSWORD_CHANGED_PARAM}=${Date.now()}`);
}
