import { apiRoute } from '@/lib/api/route';
import { endCredential } from '@/lib/auth/sessions';
import { V1_ENDPOINTS } from '@/lib/endpoints';

/** Ends one of the caller's own sessions or tokens; another user's id answers 404 like an unknown one. */
export const DELETE = apiRoute(V1_ENDPOINTS.endMySession, async ({ principal, params }) => {
  await endCredential(principal.user, params.id);
  return new Response(null, { status: 204 });
});
