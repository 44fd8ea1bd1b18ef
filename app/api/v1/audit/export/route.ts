import { apiRoute } from '@/lib/api/route';
import { auditScope } from '@/lib/access/tenant-scope';
import { auditEventsStream, auditExportFile } from '@/lib/audit/export';
import { V1_ENDPOINTS } from '@/lib/endpoints';

/** GET /api/v1/audit/export: the events matching pattern/filter/sort as a CSV or NDJSON download, all pages. */
export const GET = apiRoute(V1_ENDPOINTS.exportAuditEvents, async ({ query, principal }) => {
  const file = auditExportFile(query.format);
  return new Response(await auditEventsStream(query, auditScope(principal)), {
    headers: { 'content-type': file.mediaType, 'content-disposition': `attachment; filename="${file.name}"`, 'cache-control': 'no-store' },
  });
});
