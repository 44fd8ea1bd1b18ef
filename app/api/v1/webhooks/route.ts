import { apiRoute } from '@/lib/api/route';
import { V1_ENDPOINTS } from '@/lib/endpoints';
import { createWebhookEndpoint, listWebhookEndpoints } from '@/lib/webhooks/endpoints';

export const GET = apiRoute(V1_ENDPOINTS.listWebhooks, async () => ({ items: await listWebhookEndpoints() }));

/** The one answer that carries the signing secret. */
export const POST = apiRoute(V1_ENDPOINTS.createWebhook, async ({ body, principal }) => {
  const created = await createWebhookEndpoint(body, { id: principal.user.id });
  return Response.json(created, { status: 201, headers: { location: `/api/v1/webhooks/${created.id}` } });
});
