import { APPMIXER_ENDPOINTS } from '@/lib/compat/appmixer/endpoints';
import { appmixerRoute } from '@/lib/compat/appmixer/route';
import { changeOwnPassword } from '@/lib/passwords/change';

/** The token used for this call keeps working; every other session and token of the user ends. */
export const POST = appmixerRoute(APPMIXER_ENDPOINTS.changePassword, async ({ principal, body, address, tokenId, request }) => {
  await changeOwnPassword(principal.user.id, body, { address, keepTokenId: tokenId, userAgent: request.headers.get('user-agent') });
  return {};
});
