import { signInForApiToken } from '@/lib/auth/credentials';
import { toAppmixerUser } from '@/lib/compat/appmixer/mapping';
import { APPMIXER_ENDPOINTS } from '@/lib/compat/appmixer/endpoints';
import { appmixerRoute } from '@/lib/compat/appmixer/route';
import { getUserScopes } from '@/lib/users/users';

/** Sign-in: {username, password} -> {user, token}; the token is the bearer of every other call. */
export const POST = appmixerRoute(APPMIXER_ENDPOINTS.signIn, async ({ body, request }) => {
  const { user, token } = await signInForApiToken(body.username, body.password, request.headers);
  return Response.json({ user: toAppmixerUser(user, await getUserScopes(user.id)), token }, { headers: { 'cache-control': 'no-store' } });
});
