import { apiRoute } from '@/lib/api/route';
import { cancelBulkAction } from '@/lib/bulk/report';
import { bulkJobState } from '@/lib/bulk/start';
import { V1_ENDPOINTS } from '@/lib/endpoints';

export const POST = apiRoute(V1_ENDPOINTS.cancelBulkAction, async ({ params, principal }) => bulkJobState(await cancelBulkAction(params.id, principal)));
