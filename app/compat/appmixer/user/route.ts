import { toAppmixerUser, toUserCreateInput } from '@/lib/compat/appmixer/mapping';
import { APPMIXER_ENDPOINTS } from '@/lib/compat/appmixer/endpoints';
import { appmixerRoute } from '@/lib/compat/appmixer/route';
import { createUserFromApi, signUpAnswer } from '@/lib/auth/sign-up';
import { issueApiToken } from '@/lib/auth/tokens';

/** The current user. */
export const GET = appmixerRoute(APPMIXER_ENDPOINTS.readMe, ({ principal }) => toAppmixerUser(principal.user, principal.scopes));

/**
 * Create user. Where API_USER_CREATE_SCOPE names scopes, an admin or a caller holding one of
 * them creates the account at once and gets its token: 201 {token}, as the document prints.
 * Where sign-up is open, anyone else gets 202 with the same message whether or not the email
 * is taken, and the mailbox's owner confirms the account (docs/compat.md says why).
 */
export const POST = appmixerRoute(APPMIXER_ENDPOINTS.createUser, async ({ body, principal, address, request }) => {
  const outcome = await createUserFromApi(toUserCreateInput(body), principal, { address, userAgent: request.headers.get('user-agent') });
  if (outcome.kind === 'sign-up-requested') return Response.json({ message: signUpAnswer() }, { status: 202 });
  // An admin's call gets the new account's token too: the admin chose its password, so the token gives nothing more.
  const { token } = outcome.token ?? await issueApiToken(outcome.user);
  return Response.json({ token }, { status: 201, headers: { 'cache-control': 'no-store', location: `/compat/appmixer/users/${outcome.user.id}` } });
});
