import { apiRoute } from '@/lib/api/route';
import { setPasswordByAdmin } from '@/lib/passwords/change';
import { sendPasswordResetLink } from '@/lib/passwords/reset';
import { V1_ENDPOINTS } from '@/lib/endpoints';

/** `{password}` sets it and ends the user's sessions; `{sendEmail: true}` mails them a reset link (202). */
export const POST = apiRoute(V1_ENDPOINTS.setUserPassword, async ({ params, body, principal, address, request }) => {
  const actor = { id: principal.user.id, ip: address, userAgent: request.headers.get('user-agent') };
  if ('sendEmail' in body) {
    await sendPasswordResetLink(params.id, actor);
    return Response.json({ message: 'A reset link was mailed to the user.' }, { status: 202 });
  }
  await setPasswordByAdmin(params.id, body.password, actor);
  return { message: 'The password was set and the user’s sessions were ended.' };
});
