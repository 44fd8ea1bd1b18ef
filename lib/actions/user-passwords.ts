'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { sendInvitation } from '@/lib/passwords/invitations';
import { setPasswordByAdmin } from '@/lib/passwords/change';
import { sendPasswordResetLink } from '@/lib/passwords/reset';
import { idParam } from '@/lib/api/id-param';
import { adminPasswordSchema } from '@/lib/passwords/schemas';
import { requireAccountControl } from '@/lib/access/tenant-scope';
import { requireUserById } from '@/lib/users/users';
import { serverAction } from './server-action';

// The API's `{"password": ...}` body: the same rule for the page and POST /api/v1/users/:id/password.
const setPasswordSchema = adminPasswordSchema.options[0];

/** Mails the user a link to choose a new password; their current one keeps working until then. */
export const sendResetLinkAction = serverAction({ operation: 'users.set-password', input: z.tuple([idParam]) }, async ({ actor, input: [userId] }) => {
  await sendPasswordResetLink(userId, actor);
  return { message: `A reset link was mailed to ${(await requireUserById(userId)).email}. Their password stays as it is until they use the link.` };
});

/** Mails a pending user a new invitation; the earlier link stops working. */
export const resendInvitationAction = serverAction({ operation: 'users.invite', input: z.tuple([idParam]) }, async ({ principal, actor, input: [userId] }) => {
  // A tenant admin invites only users wholly within their tenants, as through the API.
  await requireAccountControl(principal, userId);
  await sendInvitation(userId, actor);
  return { message: `A new invitation was mailed to ${(await requireUserById(userId)).email}. The earlier link no longer works.` };
});

/** Sets the password (the policy decides, as for the API); the user's sessions end. */
export const setPasswordAction = serverAction({ operation: 'users.set-password', input: z.tuple([idParam, setPasswordSchema]) }, async ({ actor, input: [userId, { password }] }) => {
  const { email } = await setPasswordByAdmin(userId, password, actor);
  // A pending user is now active, and the user's version moved on.
  revalidatePath('/users', 'layout');
  return { message: `The password was set. ${email} was signed out everywhere and can sign in with it now.` };
});
