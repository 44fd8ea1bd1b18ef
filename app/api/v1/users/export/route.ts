import { apiRoute } from '@/lib/api/route';
import { userListRestriction } from '@/lib/access/tenant-scope';
import { EXPORT_MEDIA_TYPES, exportUsers, userExportFileName } from '@/lib/users/export';
import { V1_ENDPOINTS } from '@/lib/endpoints';

/** GET /api/v1/users/export: the users matching pattern/filter/sort as a CSV or NDJSON download, every row. */
export const GET = apiRoute(V1_ENDPOINTS.exportUsers, async ({ query, principal }) => {
  return new Response(await exportUsers(query, userListRestriction(principal)), {
    headers: {
      'content-type': EXPORT_MEDIA_TYPES[query.format],
      'content-disposition': `attachment; filename="${userExportFileName(query.format)}"`,
      'cache-control': 'no-store',
    },
  });
});
