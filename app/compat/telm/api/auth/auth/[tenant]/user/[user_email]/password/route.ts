import { mayAttempt } from '@/lib/access/matrix';
import { requireSelfAsMember, requireTenantMember } from '@/lib/compat/telm/members';
import { telmRoute } from '@/lib/compat/telm/route';
import { TELM_ENDPOINTS } from '@/lib/compat/telm/endpoints';
import { TELM_MESSAGES } from '@/lib/compat/telm/schemas';
import { changeOwnPassword } from '@/lib/passwords/change';
import { requestPasswordReset, sendPasswordResetLink } from '@/lib/passwords/reset';

const ONLY_YOUR_OWN =
  'With old-password you can change only your own password. To have another user choose a new one, send DELETE to this path: it mails them a reset link.';

/** The user changes their own password (POST /api/v1/me/password): the token in use keeps working, every other one ends. */
export const PUT = telmRoute(TELM_ENDPOINTS.changePassword, async ({ params, query, principal, address, tokenId, request }) => {
  await requireSelfAsMember(principal, params.tenant, params.user_email, ONLY_YOUR_OWN);
  await changeOwnPassword(principal.user.id, { oldPassword: query['old-password'], newPassword: query['new-password'] }, { address, keepTokenId: tokenId, userAgent: request.headers.get('user-agent') });
  return { message: TELM_MESSAGES.updated };
});

/**
 * Mails the user a reset link. A system admin sends it the way /api/v1/users/:id/password
 * with {sendEmail} does; a tenant admin, whom the access matrix does not let send reset links,
 * starts the public forgot-password flow for the member's address, with its limits.
 * (`users.invite` is the matrix's entry for mailing a member a link to choose a password.)
 */
export const DELETE = telmRoute(TELM_ENDPOINTS.resetPassword, async ({ params, principal, address, request }) => {
  const { user } = await requireTenantMember(principal, params.tenant, params.user_email);
  const userAgent = request.headers.get('user-agent');
  if (mayAttempt('users.set-password', principal)) {
    await sendPasswordResetLink(user.id, { id: principal.user.id, ip: address, userAgent });
    return { message: TELM_MESSAGES.resetLinkSent };
  }
  await requestPasswordReset(user.email, { address, userAgent });
  return { message: TELM_MESSAGES.resetRequested };
});
