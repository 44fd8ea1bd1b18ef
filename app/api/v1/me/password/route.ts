import { apiRoute } from '@/lib/api/route';
import { changeOwnPassword } from '@/lib/passwords/change';
import { V1_ENDPOINTS } from '@/lib/endpoints';

/** The token used for this request keeps working; every other session and token ends. */
export const POST = apiRoute(V1_ENDPOINTS.changeMyPassword, async ({ principal, body, address, tokenId, request }) => {
  await changeOwnPassword(principal.user.id, body, { address, keepTokenId: tokenId, userAgent: request.headers.get('user-agent') });
  return { message: 'Your password was changed. Your other sessions and tokens were ended.' };
});
