import { signInForApiToken } from '@/lib/auth/credentials';
import { secondsUntil, toTokenRequest } from '@/lib/compat/telm/mapping';
import { telmRoute } from '@/lib/compat/telm/route';
import { telmTokenFieldsSchema } from '@/lib/compat/telm/schemas';

/** telm.ai's authentication API: the password grant, its fields in the query or a form body (JSON too). */
export const POST = telmRoute(
  { operation: 'auth.sign-in', query: telmTokenFieldsSchema, body: telmTokenFieldsSchema, bodyFormats: ['form', 'json'], bodyOptional: true },
  async ({ query, body, request }) => {
    const { username, password } = toTokenRequest({ ...query, ...body });
    const { token, expiresAt } = await signInForApiToken(username, password, request.headers);
    return Response.json({ access_token: token, expires: secondsUntil(expiresAt) }, { headers: { 'cache-control': 'no-store' } });
  },
);
