import { apiRoute } from '@/lib/api/route';
import { bulkJobState, startBulkAction } from '@/lib/bulk/start';
import { V1_ENDPOINTS } from '@/lib/endpoints';

export const POST = apiRoute(V1_ENDPOINTS.startBulkAction, async ({ body, principal }) => {
  const job = await startBulkAction(body, principal);
  return Response.json(bulkJobState(job), { status: 202, headers: { location: `/api/v1/users/bulk/${job.id}` } });
});
