'use server';

import { z } from 'zod';
import { idParam } from '@/lib/api/id-param';
import { credentialIdParam } from '@/lib/auth/credential-schemas';
import { signOut } from '@/lib/auth/nextauth';
import { currentBrowserSessionId } from '@/lib/auth/session';
import { endCredential, endCredentialsOf, requireSessionHolder } from '@/lib/auth/sessions';
import { serverAction } from './server-action';

/**
 * Sessions and tokens from the pages: the same lib/auth/sessions.ts calls as
 * /api/v1/me/sessions and /api/v1/users/:id/sessions. A session ended meanwhile is refused in
 * place ("There is no live session …"), as a list row removed meanwhile is.
 */

/** Ends one of the caller's own sessions or tokens; ending this browser's own signs it out. */
export const endOwnSessionAction = serverAction({ operation: 'me.sessions', input: z.tuple([credentialIdParam]), refuseInPlace: true }, async ({ principal, input: [id] }) => {
  if (id === (await currentBrowserSessionId())) {
    // Auth.js's sign-out ends the session row too (lib/auth/nextauth.ts) and clears the cookie.
    await signOut({ redirectTo: '/sign-in' });
    return;
  }
  await endCredential(principal.user, id);
});

/** "Sign out everywhere else": every session and token of the caller but this browser's. */
export const endOtherOwnSessionsAction = serverAction({ operation: 'me.sessions' }, async ({ principal }) => ({
  ended: await endCredentialsOf(principal.user, await currentBrowserSessionId()),
}));

/** Ends one of a user's sessions or tokens, for an admin or a tenant admin who controls the account. */
export const endUserSessionAction = serverAction({ operation: 'users.sessions', input: z.tuple([idParam, credentialIdParam]), refuseInPlace: true }, async ({ principal, input: [userId, id] }) => {
  await endCredential(await requireSessionHolder(principal, userId), id);
});

/** "End all sessions" of a user. */
export const endAllUserSessionsAction = serverAction({ operation: 'users.sessions', input: z.tuple([idParam]), refuseInPlace: true }, async ({ principal, input: [userId] }) => ({
  ended: await endCredentialsOf(await requireSessionHolder(principal, userId), null),
}));
