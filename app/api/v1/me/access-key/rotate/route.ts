import { apiRoute } from '@/lib/api/route';
import { rotateAccessKeyOf } from '@/lib/auth/access-keys';
import { V1_ENDPOINTS } from '@/lib/endpoints';

/** Replaces the caller's access key; the old one is refused from now on. */
export const POST = apiRoute(V1_ENDPOINTS.rotateMyAccessKey, async ({ principal, address, request }) => {
  const key = await rotateAccessKeyOf(principal, principal.user.id, { id: principal.user.id, ip: address, userAgent: request.headers.get('user-agent') });
  return Response.json(key, { headers: { 'cache-control': 'no-store' } });
});
