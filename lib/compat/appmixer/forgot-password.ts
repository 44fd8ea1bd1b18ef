import { forgotPasswordAnswer, requestPasswordReset, resetPasswordWithCode } from '@/lib/passwords/reset';
import { appmixerRoute } from './route';
import { appmixerForgotPasswordSchema, appmixerForgotResetSchema } from './schemas';

/**
 * The document prints forgot-password both as /forgot-password and /user/forgot-password (and
 * its reset under each); both paths serve these two handlers.
 */

/** Always 200 with the same body: the answer never tells whether the account exists. */
export const forgotPassword = appmixerRoute({ operation: 'password.forgot', body: appmixerForgotPasswordSchema }, async ({ body, address, request }) => {
  await requestPasswordReset(body.email, { address, userAgent: request.headers.get('user-agent') });
  return { message: forgotPasswordAnswer() };
});

/** Sets the new password with the mailed code: 200 {}, as printed. */
export const resetForgottenPassword = appmixerRoute({ operation: 'password.reset', body: appmixerForgotResetSchema }, async ({ body, address, request }) => {
  await resetPasswordWithCode(body.code, body.password, { address, userAgent: request.headers.get('user-agent') });
  return {};
});
