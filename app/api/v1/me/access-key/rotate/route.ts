import { apiRoute } from '@/lib/api/route';
import { rotateAccessKeyOf } from '@/lib/auth/access-keys';

/** Replaces the caller's access key; the old one is refused from now on. */
export const POST = apiRoute({ operation: 'me.access-key' }, async ({ principal, address, request }) => {
  const key = await rotateAccessKeyOf(principal, principal.user.id, { id: principal.user.id, ip: address, userAgent: request.headers.get('user-agent') });
  return Response.json(key, { headers: { 'cache-control': 'no-store' } });
});
