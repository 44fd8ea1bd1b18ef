import { apiRoute } from '@/lib/api/route';
import { userListRestriction } from '@/lib/access/tenant-scope';
import { userExportFileName, usersCsvStream } from '@/lib/users/export';
import { V1_ENDPOINTS } from '@/lib/endpoints';

/** GET /api/v1/users/export: the users matching pattern/filter/sort as a CSV download, all pages. */
export const GET = apiRoute(V1_ENDPOINTS.exportUsers, async ({ query, principal }) => {
  return new Response(await usersCsvStream(query, userListRestriction(principal)), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${userExportFileName()}"`,
      'cache-control': 'no-store',
    },
  });
});
