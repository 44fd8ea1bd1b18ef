import { apiRoute } from '@/lib/api/route';
import { confirmSignUp } from '@/lib/auth/sign-up';
import { issueApiToken } from '@/lib/auth/tokens';
import { getUserScopes, toPublicUser } from '@/lib/users/users';
import { V1_ENDPOINTS } from '@/lib/endpoints';

/** Confirms a sign-up with the mailed code and the password chosen at sign-up; answers like a sign-in. */
export const POST = apiRoute(V1_ENDPOINTS.confirmSignUp, async ({ body, address, request }) => {
  const user = await confirmSignUp(body.code, body.password, { address, userAgent: request.headers.get('user-agent') });
  const { token, expiresAt } = await issueApiToken(user);
  return { user: toPublicUser(user, await getUserScopes(user.id)), token, expiresAt };
});
