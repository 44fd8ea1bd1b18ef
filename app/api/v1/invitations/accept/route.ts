import { apiRoute } from '@/lib/api/route';
import { acceptInvitation } from '@/lib/passwords/invitations';
import { acceptInvitationSchema } from '@/lib/passwords/schemas';

export const POST = apiRoute({ operation: 'invitation.accept', body: acceptInvitationSchema }, async ({ body, address, request }) => {
  await acceptInvitation(body.code, body.password, { address, userAgent: request.headers.get('user-agent') });
  return { message: 'Your password is set. Sign in with it.' };
});
