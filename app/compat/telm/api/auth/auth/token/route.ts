import { signInForApiToken } from '@/lib/auth/credentials';
import { secondsUntil, toTokenRequest } from '@/lib/compat/telm/mapping';
import { telmRoute } from '@/lib/compat/telm/route';
import { TELM_ENDPOINTS } from '@/lib/compat/telm/endpoints';

/** telm.ai's authentication API: the password grant, its fields in the query or a form body (JSON too). */
export const POST = telmRoute(TELM_ENDPOINTS.issueToken, async ({ query, body, request }) => {
  const { username, password } = toTokenRequest({ ...query, ...body });
  const { token, expiresAt } = await signInForApiToken(username, password, request.headers);
  return Response.json({ access_token: token, expires: secondsUntil(expiresAt) }, { headers: { 'cache-control': 'no-store' } });
});
