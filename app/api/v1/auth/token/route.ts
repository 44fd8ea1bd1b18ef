import { ApiError } from '@/lib/api/errors';
import { apiRoute } from '@/lib/api/route';
import { verifyCredentials } from '@/lib/auth/credentials';
import { tokenRequestSchema } from '@/lib/schemas/auth';
import { issueApiToken, revokeToken } from '@/lib/tokens';
import { getUserScopes, toPublicUser } from '@/lib/users';

export const POST = apiRoute({ operation: 'auth.sign-in', body: tokenRequestSchema }, async ({ body, request }) => {
  const identifier = (body.username ?? body.email) as string;
  // The headers carry the client's address and, from a browser's cookie jar, its device cookie.
  const result = await verifyCredentials(identifier, body.password, request.headers);
  switch (result.outcome) {
    case 'throttled':
      throw new ApiError('too-many-requests', 'Too many failed sign-ins. Wait before trying again.', {
        headers: { 'retry-after': String(result.retryAfterSeconds) },
      });
    case 'invalid':
      throw new ApiError('invalid-credentials', 'The username or password is wrong.');
    case 'inactive':
      throw new ApiError('account-inactive', 'This account cannot sign in. Contact your administrator.');
    case 'signed-in': {
      const { token, expiresAt } = issueApiToken(result.user);
      return Response.json({ user: toPublicUser(result.user, getUserScopes(result.user.id)), token, expiresAt }, { headers: { 'cache-control': 'no-store' } });
    }
  }
});

export const DELETE = apiRoute({ operation: 'auth.sign-out' }, async ({ tokenId }) => {
  if (!tokenId) throw new ApiError('bad-request', 'Sign out revokes the bearer token sent in the Authorization header.');
  revokeToken(tokenId);
  return new Response(null, { status: 204 });
});
