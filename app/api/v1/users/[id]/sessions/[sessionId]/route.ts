import { apiRoute } from '@/lib/api/route';
import { endCredential, requireSessionHolder } from '@/lib/auth/sessions';
import { V1_ENDPOINTS } from '@/lib/endpoints';

/** Ends one of a user's sessions or tokens, for an admin or a tenant admin who controls the account. */
export const DELETE = apiRoute(V1_ENDPOINTS.endUserSession, async ({ principal, params }) => {
  await endCredential(await requireSessionHolder(principal, params.id), params.sessionId);
  return new Response(null, { status: 204 });
});
