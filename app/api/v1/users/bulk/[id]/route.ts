import { apiRoute } from '@/lib/api/route';
import { getBulkActionReport } from '@/lib/bulk/report';
import { V1_ENDPOINTS } from '@/lib/endpoints';

export const GET = apiRoute(V1_ENDPOINTS.getBulkAction, async ({ params, query, principal }) =>
  Response.json(await getBulkActionReport(params.id, principal, query), { headers: { 'cache-control': 'no-store' } }),
);
