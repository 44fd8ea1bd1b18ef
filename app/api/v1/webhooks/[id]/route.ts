import { apiRoute } from '@/lib/api/route';
import { V1_ENDPOINTS } from '@/lib/endpoints';
import { deleteWebhookEndpoint, getWebhookEndpoint, updateWebhookEndpoint } from '@/lib/webhooks/endpoints';

export const GET = apiRoute(V1_ENDPOINTS.getWebhook, ({ params }) => getWebhookEndpoint(params.id));

export const PATCH = apiRoute(V1_ENDPOINTS.updateWebhook, ({ params, body }) => updateWebhookEndpoint(params.id, body));

export const DELETE = apiRoute(V1_ENDPOINTS.deleteWebhook, async ({ params }) => {
  await deleteWebhookEndpoint(params.id);
  return new Response(null, { status: 204 });
});
