import { ApiError } from '@/lib/api/errors';
import { apiRoute } from '@/lib/api/route';
import { signInForApiToken } from '@/lib/auth/credentials';
import { revokeToken } from '@/lib/auth/tokens';
import { getUserScopes, toPublicUser } from '@/lib/users/users';
import { V1_ENDPOINTS } from '@/lib/endpoints';

export const POST = apiRoute(V1_ENDPOINTS.signIn, async ({ body, request }) => {
  const { user, token, expiresAt } = await signInForApiToken((body.username ?? body.email) as string, body.password, request.headers);
  return Response.json({ user: toPublicUser(user, await getUserScopes(user.id)), token, expiresAt }, { headers: { 'cache-control': 'no-store' } });
});

export const DELETE = apiRoute(V1_ENDPOINTS.signOut, async ({ tokenId }) => {
  if (!tokenId) throw new ApiError('bad-request', 'Sign out revokes the bearer token sent in the Authorization header.');
  await revokeToken(tokenId);
  return new Response(null, { status: 204 });
});
