import { apiRoute } from '@/lib/api/route';
import { resetPasswordWithCode } from '@/lib/passwords/reset';
import { resetPasswordSchema } from '@/lib/passwords/schemas';

export const POST = apiRoute({ operation: 'password.reset', body: resetPasswordSchema }, async ({ body, address, request }) => {
  await resetPasswordWithCode(body.code, body.password, { address, userAgent: request.headers.get('user-agent') });
  return { message: 'Your password was changed and you were signed out everywhere. Sign in with the new password.' };
});
