import { apiRoute } from '@/lib/api/route';
import { userExportQuerySchema } from '@/lib/users/schemas';
import { userListRestriction } from '@/lib/access/tenant-scope';
import { userExportFileName, usersCsvStream } from '@/lib/users/export';

/** GET /api/v1/users/export: the users matching pattern/filter/sort as a CSV download, all pages. */
export const GET = apiRoute({ operation: 'users.list', query: userExportQuerySchema }, async ({ query, principal }) => {
  return new Response(await usersCsvStream(query, userListRestriction(principal)), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${userExportFileName()}"`,
      'cache-control': 'no-store',
    },
  });
});
