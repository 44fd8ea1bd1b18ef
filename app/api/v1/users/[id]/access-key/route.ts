import { apiRoute } from '@/lib/api/route';
import { showAccessKey } from '@/lib/auth/access-keys';
import { V1_ENDPOINTS } from '@/lib/endpoints';

/** A user's access key, for an admin or a tenant admin who controls the account. */
export const GET = apiRoute(V1_ENDPOINTS.getUserAccessKey, async ({ params, principal, address, request }) => {
  const key = await showAccessKey(principal, params.id, { id: principal.user.id, ip: address, userAgent: request.headers.get('user-agent') });
  return Response.json(key, { headers: { 'cache-control': 'no-store' } });
});
