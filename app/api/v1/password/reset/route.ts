import { apiRoute } from '@/lib/api/route';
import { resetPasswordWithCode } from '@/lib/passwords/reset';
import { V1_ENDPOINTS } from '@/lib/endpoints';

export const POST = apiRoute(V1_ENDPOINTS.resetPassword, async ({ body, address, request }) => {
  await resetPasswordWithCode(body.code, body.password, { address, userAgent: request.headers.get('user-agent') });
  return { message: 'Your password was changed and you were signed out everywhere. Sign in with the new password.' };
});
