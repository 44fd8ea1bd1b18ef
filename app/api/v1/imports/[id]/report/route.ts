import { apiRoute } from '@/lib/api/route';
import { importReport, importReportCsv, importReportFileName } from '@/lib/imports';
import { V1_ENDPOINTS } from '@/lib/endpoints';

/** GET /api/v1/imports/:id/report: JSON, or the CSV download with format=csv or Accept: text/csv. */
export const GET = apiRoute(V1_ENDPOINTS.getImportReport, async ({ params, query, principal, request }) => {
  const rows = await importReport(params.id, principal);
  const wantsCsv = query.format === 'csv' || (query.format === undefined && /(^|,)\s*text\/csv\b/i.test(request.headers.get('accept') ?? ''));
  if (!wantsCsv) return { rows };
  return new Response(importReportCsv(rows), {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${importReportFileName(params.id)}"`, 'cache-control': 'no-store' },
  });
});
