import { apiRoute } from '@/lib/api/route';
import { acceptInvitation } from '@/lib/passwords/invitations';
import { V1_ENDPOINTS } from '@/lib/endpoints';

export const POST = apiRoute(V1_ENDPOINTS.acceptInvitation, async ({ body, address, request }) => {
  await acceptInvitation(body.code, body.password, { address, userAgent: request.headers.get('user-agent') });
  return { message: 'Your password is set. Sign in with it.' };
});
