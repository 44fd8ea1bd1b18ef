import { apiRoute } from '@/lib/api/route';
import { V1_ENDPOINTS } from '@/lib/endpoints';
import { listWebhookDeliveries } from '@/lib/webhooks/endpoints';

export const GET = apiRoute(V1_ENDPOINTS.listWebhookDeliveries, ({ params, query }) => listWebhookDeliveries(params.id, query));
