import { apiRoute } from '@/lib/api/route';
import { V1_ENDPOINTS } from '@/lib/endpoints';
import { exportPersonalData, personalDataFileName } from '@/lib/users/personal-data';

/** GET /api/v1/users/:id/export: everything held about the user, as a JSON download. */
export const GET = apiRoute(V1_ENDPOINTS.exportUserData, async ({ params, principal }) => {
  return new Response(await exportPersonalData(principal, params.id), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${personalDataFileName(params.id)}"`,
      'cache-control': 'no-store',
    },
  });
});
