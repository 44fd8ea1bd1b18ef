import { apiRoute } from '@/lib/api/route';
import { showAccessKey } from '@/lib/auth/access-keys';
import { V1_ENDPOINTS } from '@/lib/endpoints';

/** The caller's own access key (Tyk's `access_key`), in clear: it is theirs to use. */
export const GET = apiRoute(V1_ENDPOINTS.readMyAccessKey, async ({ principal, address, request }) => {
  const key = await showAccessKey(principal, principal.user.id, { id: principal.user.id, ip: address, userAgent: request.headers.get('user-agent') });
  return Response.json(key, { headers: { 'cache-control': 'no-store' } });
});
