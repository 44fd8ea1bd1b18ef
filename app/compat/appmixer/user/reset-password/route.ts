import { ApiError } from '@/lib/api/errors';
import { APPMIXER_ENDPOINTS } from '@/lib/compat/appmixer/endpoints';
import { appmixerRoute } from '@/lib/compat/appmixer/route';
import { setPasswordByAdmin } from '@/lib/passwords/change';
import { findUserByEmail } from '@/lib/users/users';

/** An admin sets the password of the user with this email; the user's sessions and tokens end. */
export const POST = appmixerRoute(APPMIXER_ENDPOINTS.resetPassword, async ({ body, principal, address, request }) => {
  const user = await findUserByEmail(body.email);
  if (!user) throw new ApiError('not-found', 'There is no user with this email.', { errors: [{ path: 'email', message: 'There is no user with this email.' }] });
  await setPasswordByAdmin(user.id, body.password, { id: principal.user.id, ip: address, userAgent: request.headers.get('user-agent') });
  return {};
});
