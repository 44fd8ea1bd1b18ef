import { apiRoute } from '@/lib/api/route';
import { currentBrowserSessionId } from '@/lib/auth/session';
import { endCredentialsOf, listLiveCredentials, requireSessionHolder } from '@/lib/auth/sessions';
import { V1_ENDPOINTS } from '@/lib/endpoints';

/** A user's sessions, for an admin or a tenant admin who controls the account. */
export const GET = apiRoute(V1_ENDPOINTS.listUserSessions, async ({ principal, tokenId, params }) => ({
  sessions: await listLiveCredentials(await requireSessionHolder(principal, params.id), tokenId ?? (await currentBrowserSessionId())),
}));

/** "End all sessions": every one of the user's, whoever asks. */
export const DELETE = apiRoute(V1_ENDPOINTS.endUserSessions, async ({ principal, params }) => ({
  ended: await endCredentialsOf(await requireSessionHolder(principal, params.id), null),
}));
