'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { rotateAccessKeyOf, showAccessKey } from '@/lib/auth/access-keys';
import { currentBrowserSessionId, renewOwnSession } from '../auth/session';
import { changeOwnPassword, PASSWORD_CHANGED_PARAM } from '@/lib/passwords/change';
import { changeOwnPasswordSchema } from '@/lib/passwords/schemas';
import { serverAction } from './server-action';

/** Changes the signed-in user's password: every other session ends, this browser's goes on. Returns only to say what to fix. */
export const changeOwnPasswordAction = serverAction({ operation: 'me.change-password', input: z.tuple([changeOwnPasswordSchema]) }, async ({ principal: { user }, origin, input: [change] }) => {
  const { sessionVersion } = await changeOwnPassword(user.id, change, { ...origin, keepTokenId: null, keepSessionId: await currentBrowserSessionId() });
  await renewOwnSession(user.id, sessionVersion);
  // Not a plain return: the new session cookie makes Next re-render this page within this
  // request, where Auth.js still reads the old cookie and would send the user to sign-in. A
  // redirect renders /account with the new cookie; the timestamp tells one change from the next.
  redirect(`/account?${PASSWORD_CHANGED_PARAM}=${Date.now()}`);
});

/** The signed-in user's own access key (the read is audited). */
export const revealOwnAccessKeyAction = serverAction({ operation: 'me.access-key' }, async ({ principal, actor }) => ({
  accessKey: (await showAccessKey(principal, principal.user.id, actor)).accessKey,
}));

/** Replaces the signed-in user's access key; the old one is refused from now on. */
export const rotateOwnAccessKeyAction = serverAction({ operation: 'me.access-key' }, async ({ principal, actor }) => ({
  accessKey: (await rotateAccessKeyOf(principal, principal.user.id, actor)).accessKey,
}));
