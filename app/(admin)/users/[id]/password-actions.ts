'use server';

import { revalidatePath } from 'next/cache';
import { fieldErrors } from '@/lib/api/problem';
import { formFailure, type FormFailure } from '@/lib/form-result';
import { sendInvitation } from '@/lib/invitations';
import { setPasswordByAdmin } from '@/lib/password-change';
import { sendPasswordResetLink } from '@/lib/password-reset';
import { adminPasswordSchema } from '@/lib/schemas/passwords';
import { requireAccountControl } from '@/lib/tenant-scope';
import { requireUserById } from '@/lib/users';
import { currentCaller } from '../../current-actor';
import { idParam } from '@/lib/schemas/ids';

export type PasswordActionResult = { ok: true; message: string } | ({ ok: false } & FormFailure);

// The API's `{"password": ...}` body: the same rule for the page and POST /api/v1/users/:id/password.
const setPasswordSchema = adminPasswordSchema.options[0];

/** Mails the user a link to choose a new password; their current one keeps working until then. */
export async function sendResetLinkAction(id: string): Promise<PasswordActionResult> {
  const { actor } = await currentCaller('users.set-password');
  const userId = idParam.parse(id);
  try {
    sendPasswordResetLink(userId, actor);
  } catch (error) {
    return { ok: false, ...formFailure(error) };
  }
  return { ok: true, message: `A reset link was mailed to ${requireUserById(userId).email}. Their password stays as it is until they use the link.` };
}

/** Mails a pending user a new invitation; the earlier link stops working. */
export async function resendInvitationAction(id: string): Promise<PasswordActionResult> {
  const { principal, actor } = await currentCaller('users.invite');
  const userId = idParam.parse(id);
  try {
    // A tenant admin invites only users wholly within their tenants, as through the API.
    requireAccountControl(principal, userId);
    sendInvitation(userId, actor);
  } catch (error) {
    return { ok: false, ...formFailure(error) };
  }
  return { ok: true, message: `A new invitation was mailed to ${requireUserById(userId).email}. The earlier link no longer works.` };
}

/** Sets the password (the policy decides, as for the API); the user's sessions end. */
export async function setPasswordAction(id: string, input: unknown): Promise<PasswordActionResult> {
  const { actor } = await currentCaller('users.set-password');
  const userId = idParam.parse(id);
  const parsed = setPasswordSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: 'Check the highlighted fields.', fieldErrors: fieldErrors(parsed.error) };
  let email: string;
  try {
    email = (await setPasswordByAdmin(userId, parsed.data.password, actor)).email;
  } catch (error) {
    return { ok: false, ...formFailure(error) };
  }
  // A pending user is now active, and the user's version moved on.
  revalidatePath('/users', 'layout');
  return { ok: true, message: `The password was set. ${email} was signed out everywhere and can sign in with it now.` };
}
