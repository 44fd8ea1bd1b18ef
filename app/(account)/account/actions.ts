'use server';

import { redirect } from 'next/navigation';
import { rotateAccessKeyOf, showAccessKey } from '@/lib/access-keys';
import { fieldErrors } from '@/lib/api/problem';
import { renewOwnSession, requireOperation, requireUser } from '@/lib/auth/session';
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

/** The signed-in user's own access key (the read is audited). */
export async function revealOwnAccessKeyAction(): Promise<{ ok: true; accessKey: string }> {
  const principal = await requireOperation('me.access-key');
  const { address, userAgent } = await requestOrigin();
  const actor = { id: principal.user.id, ip: address, userAgent };
  return { ok: true, accessKey: showAccessKey(principal, principal.user.id, actor).accessKey };
}

/** Replaces the signed-in user's access key; the old one is refused from now on. */
export async function rotateOwnAccessKeyAction(): Promise<{ ok: true; accessKey: string }> {
  const principal = await requireOperation('me.access-key');
  const { address, userAgent } = await requestOrigin();
  const actor = { id: principal.user.id, ip: address, userAgent };
  return { ok: true, accessKey: rotateAccessKeyOf(principal, principal.user.id, actor).accessKey };
}
