import { apiRoute } from '@/lib/api/route';
import { V1_ENDPOINTS } from '@/lib/endpoints';
import { redeliverWebhookDelivery } from '@/lib/webhooks/endpoints';

export const POST = apiRoute(V1_ENDPOINTS.redeliverWebhookDelivery, async ({ params }) =>
  Response.json(await redeliverWebhookDelivery(params.id, params.deliveryId), { status: 202 }),
);
