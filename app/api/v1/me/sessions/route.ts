import { apiRoute } from '@/lib/api/route';
import { currentBrowserSessionId } from '@/lib/auth/session';
import { endCredentialsOf, listLiveCredentials } from '@/lib/auth/sessions';
import { V1_ENDPOINTS } from '@/lib/endpoints';

/** The caller's own sessions; `current` is the token sent or, called with the cookie (GET only), this browser. */
export const GET = apiRoute(V1_ENDPOINTS.listMySessions, async ({ principal, tokenId }) => ({
  sessions: await listLiveCredentials(principal.user, tokenId ?? (await currentBrowserSessionId())),
}));

/** Sign out everywhere else: only a bearer credential reaches here (the cookie is for GET), and it is kept. */
export const DELETE = apiRoute(V1_ENDPOINTS.endMyOtherSessions, async ({ principal, tokenId }) => ({
  ended: await endCredentialsOf(principal.user, tokenId),
}));
