import { forbidden, redirect } from 'next/navigation';
import { headers } from 'next/headers';
import { cache } from 'react';
import { mayAttempt, type Operation } from '@/lib/access/matrix';
import { auth, sessionRenewalProof, unstable_update } from './nextauth';
import { principalForSession, type Principal } from './principal';
import { REQUEST_PATH_HEADER } from './session-path';

/** The signed-in principal of this request, re-read from the database; null when the session is no longer good. */
export const getSessionPrincipal = cache(async (): Promise<Principal | null> => {
  const session = await auth();
  return session ? await principalForSession(session) : null;
});

export async function requireUser(): Promise<Principal> {
  const principal = await getSessionPrincipal();
  if (principal) return principal;
  const path = (await headers()).get(REQUEST_PATH_HEADER) ?? '/';
  redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
}

/**
 * For pages and server actions: the caller, if the access matrix (lib/access/matrix.ts) lets them
 * attempt the operation. Anonymous visitors go to sign-in, others get the 403 page. Objects
 * are checked after, by the lib/ function that does the work.
 */
export async function requireOperation(operation: Operation): Promise<Principal> {
  const principal = await requireUser();
  if (!mayAttempt(operation, principal)) forbidden();
  return principal;
}

/**
 * After the user changed their own password (which ended every session), keeps this browser
 * signed in by moving its session to the new sessionVersion. For server actions.
 */
export async function renewOwnSession(userId: string, sessionVersion: number): Promise<void> {
  await unstable_update({ sessionVersion, renewal: sessionRenewalProof(userId, sessionVersion) } as Parameters<typeof unstable_update>[0]);
}

/** The browser session this request's cookie stands for (lib/auth/browser-sessions.ts), if any. */
export async function currentBrowserSessionId(): Promise<string | null> {
  return (await auth())?.sessionId ?? null;
}
