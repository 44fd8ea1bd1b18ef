import { forgotPasswordAnswer, requestPasswordReset, resetPasswordWithCode } from '@/lib/passwords/reset';
import { appmixerRoute } from './route';
import { APPMIXER_ENDPOINTS } from './endpoints';

/**
 * The document prints forgot-password both as /forgot-password and /user/forgot-password (and
 * its reset under each); both paths serve these two handlers.
 */

/** Always 200 with the same body: the answer never tells whether the account exists. */
export const forgotPassword = appmixerRoute(APPMIXER_ENDPOINTS.forgotPassword, async ({ body, address, request }) => {
  await requestPasswordReset(body.email, { address, userAgent: request.headers.get('user-agent') });
  return { message: forgotPasswordAnswer() };
});

/** Sets the new password with the mailed code: 200 {}, as printed. */
export const resetForgottenPassword = appmixerRoute(APPMIXER_ENDPOINTS.resetForgottenPassword, async ({ body, address, request }) => {
  await resetPasswordWithCode(body.code, body.password, { address, userAgent: request.headers.get('user-agent') });
  return {};
});
