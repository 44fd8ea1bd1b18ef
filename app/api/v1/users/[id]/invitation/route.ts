import { apiRoute } from '@/lib/api/route';
import { sendInvitation } from '@/lib/passwords/invitations';
import { requireAccountControl } from '@/lib/access/tenant-scope';
import { V1_ENDPOINTS } from '@/lib/endpoints';

/** Mails a pending user a new invitation; the previous link stops working. */
export const POST = apiRoute(V1_ENDPOINTS.resendInvitation, async ({ params, principal, address, request }) => {
  await requireAccountControl(principal, params.id);
  await sendInvitation(params.id, { id: principal.user.id, ip: address, userAgent: request.headers.get('user-agent') });
  return Response.json({ message: 'A new invitation was mailed to the user.' }, { status: 202 });
});
