import { apiRoute } from '@/lib/api/route';
import { V1_ENDPOINTS } from '@/lib/endpoints';
import { exportPersonalData, personalDataFileName } from '@/lib/users/personal-data';

/** GET /api/v1/me/export: everything held about the caller, as a JSON download. */
export const GET = apiRoute(V1_ENDPOINTS.exportMyData, async ({ principal }) => {
  return new Response(await exportPersonalData(principal, principal.user.id, true), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${personalDataFileName(principal.user.id)}"`,
      'cache-control': 'no-store',
    },
  });
});
