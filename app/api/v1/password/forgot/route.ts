import { apiRoute } from '@/lib/api/route';
import { forgotPasswordAnswer, requestPasswordReset } from '@/lib/passwords/reset';
import { V1_ENDPOINTS } from '@/lib/endpoints';

/** Always 202 with the same body: the answer never tells whether the account exists. */
export const POST = apiRoute(V1_ENDPOINTS.forgotPassword, async ({ body, address, request }) => {
  await requestPasswordReset(body.email, { address, userAgent: request.headers.get('user-agent') });
  return Response.json({ message: forgotPasswordAnswer() }, { status: 202 });
});
