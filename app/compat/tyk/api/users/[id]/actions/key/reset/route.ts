import { rotateAccessKeyOf } from '@/lib/auth/access-keys';
import { tykStatus } from '@/lib/compat/tyk/mapping';
import { requireReach } from '@/lib/api/route';
import { TYK_ENDPOINTS } from '@/lib/compat/tyk/endpoints';
import { tykRoute } from '@/lib/compat/tyk/route';

/**
 * Reset a user's access key (Tyk's newer API): the old key is refused from now on, and the
 * new one is in `Meta`, so a caller who reset their own key keeps a working one.
 */
export const PUT = tykRoute(TYK_ENDPOINTS.resetUserAccessKey, async ({ params, principal, address, request }) => {
  if (params.id !== principal.user.id) requireReach('users.access-key', principal);
  const key = await rotateAccessKeyOf(principal, params.id, { id: principal.user.id, ip: address, userAgent: request.headers.get('user-agent') });
  return Response.json(tykStatus('User API key reset', key.accessKey), { headers: { 'cache-control': 'no-store' } });
});
