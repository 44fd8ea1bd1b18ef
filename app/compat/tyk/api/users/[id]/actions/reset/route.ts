import { mayAttempt } from '@/lib/access/matrix';
import { ApiError } from '@/lib/api/errors';
import { inTykTerms, tykStatus } from '@/lib/compat/tyk/mapping';
import { requireReach } from '@/lib/api/route';
import { TYK_ENDPOINTS } from '@/lib/compat/tyk/endpoints';
import { tykRoute } from '@/lib/compat/tyk/route';
import { changeOwnPassword, setPasswordByAdmin } from '@/lib/passwords/change';

/**
 * Set user password. On one's own account with `current_password` (Tyk's newer form) it is a
 * password change: the key in use keeps working, every other session and token ends. Anyone
 * else's password, or one's own without it, is set as an admin sets it: the user's sessions,
 * tokens and access key end.
 */
export const POST = tykRoute(TYK_ENDPOINTS.setUserPassword, async ({ params, body, principal, tokenId, address, request }) => {
  const userAgent = request.headers.get('user-agent');
  if (params.id === principal.user.id && body.current_password !== undefined) {
    const change = { oldPassword: body.current_password, newPassword: body.new_password };
    await inTykTerms(() => changeOwnPassword(principal.user.id, change, { address, keepTokenId: tokenId, userAgent }));
    return tykStatus('User password updated');
  }
  if (params.id === principal.user.id && !mayAttempt('users.set-password', principal)) {
    throw new ApiError('validation-failed', 'Send current_password to change your own password.', { errors: [{ path: 'current_password', message: 'Enter your current password.' }] });
  }
  requireReach('users.set-password', principal);
  await inTykTerms(() => setPasswordByAdmin(params.id, body.new_password, { id: principal.user.id, ip: address, userAgent }), 'new_password');
  return tykStatus('User password updated');
});
