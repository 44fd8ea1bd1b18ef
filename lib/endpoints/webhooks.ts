import { z } from 'zod';
import { endpoint } from '@/lib/api/endpoint';
import { idParam } from '@/lib/api/id-param';
import {
  webhookCreatedSchema,
  webhookCreateSchema,
  webhookDeliveriesQuerySchema,
  webhookDeliveryPageSchema,
  webhookDeliverySchema,
  webhookEndpointSchema,
  webhookUpdateSchema,
} from '@/lib/webhooks/schemas';

/** Webhook endpoints, their delivery log and redelivery (system admins). */

const endpointParams = z.object({ id: idParam.meta({ description: 'The webhook endpoint’s id.' }) });
const deliveryParams = endpointParams.extend({ deliveryId: idParam.meta({ description: 'The delivery’s id (its `webhook-id`).' }) });
const ADDRESS_RULE =
  'The URL must be http(s) without credentials, and its host must resolve only to public addresses: private, loopback, link-local, unique-local, carrier-grade NAT, multicast and reserved addresses answer 422 naming `url` (unless the server sets WEBHOOK_ALLOW_PRIVATE_NETWORKS=true). The address is checked again at every delivery.';
const SIGNING =
  'Deliveries are POSTed as JSON (`{type, timestamp, data}`) signed as the Standard Webhooks specification says: headers `webhook-id`, `webhook-timestamp` and `webhook-signature` (HMAC-SHA256 with the endpoint’s secret). A failed delivery (no 2xx answer within 10 s) is retried with backoff for about a day; one user’s events arrive in order.';

export const WEBHOOK_ENDPOINTS = {
  listWebhooks: endpoint({
    method: 'GET',
    path: '/api/v1/webhooks',
    operation: 'webhooks.manage',
    tag: 'Webhooks',
    summary: 'List webhook endpoints',
    description: 'Every registered endpoint, newest first, with its newest delivery. Signing secrets are never shown here.',
    responses: { 200: { description: 'The endpoints.', body: z.object({ items: z.array(webhookEndpointSchema) }) } },
  }),
  createWebhook: endpoint({
    method: 'POST',
    path: '/api/v1/webhooks',
    operation: 'webhooks.manage',
    tag: 'Webhooks',
    summary: 'Register a webhook endpoint',
    description: `Registers an endpoint for the event types named. The answer carries its signing secret (\`whsec_…\`) once; no later answer shows it. ${ADDRESS_RULE} ${SIGNING}`,
    body: webhookCreateSchema,
    requestExample: { url: 'https://example.com/hooks/gatehouse', events: ['user.created', 'user.deleted'], description: 'CRM sync' },
    responses: { 201: { description: 'The endpoint was registered; store its secret now.', body: webhookCreatedSchema, headers: { location: 'The endpoint’s address.' } } },
  }),
  getWebhook: endpoint({
    method: 'GET',
    path: '/api/v1/webhooks/{id}',
    operation: 'webhooks.manage',
    tag: 'Webhooks',
    summary: 'Read a webhook endpoint',
    description: 'The endpoint, whether it is enabled (and why Gatehouse disabled it, if it did), and its newest delivery.',
    params: endpointParams,
    responses: { 200: { description: 'The endpoint.', body: webhookEndpointSchema } },
    problems: ['not-found'],
  }),
  updateWebhook: endpoint({
    method: 'PATCH',
    path: '/api/v1/webhooks/{id}',
    operation: 'webhooks.manage',
    tag: 'Webhooks',
    summary: 'Change a webhook endpoint',
    description: `Changes the URL, description, event types or whether it is enabled. Enabling an endpoint that was disabled after failing for a day gives it a fresh start. ${ADDRESS_RULE}`,
    params: endpointParams,
    body: webhookUpdateSchema,
    requestExample: { enabled: true },
    responses: { 200: { description: 'The endpoint after the change.', body: webhookEndpointSchema } },
    problems: ['not-found'],
  }),
  deleteWebhook: endpoint({
    method: 'DELETE',
    path: '/api/v1/webhooks/{id}',
    operation: 'webhooks.manage',
    tag: 'Webhooks',
    summary: 'Delete a webhook endpoint',
    description: 'Deletes the endpoint and its delivery log; deliveries not yet made are dropped.',
    params: endpointParams,
    responses: { 204: { description: 'The endpoint was deleted.' } },
    problems: ['not-found'],
  }),
  listWebhookDeliveries: endpoint({
    method: 'GET',
    path: '/api/v1/webhooks/{id}/deliveries',
    operation: 'webhooks.manage',
    tag: 'Webhooks',
    summary: 'List an endpoint’s deliveries',
    description: 'The delivery log, newest event first: status, attempts, the receiver’s last status and the start of its answer. Page with `limit` and `cursor` (a page’s `nextCursor`).',
    params: endpointParams,
    query: webhookDeliveriesQuerySchema,
    responses: { 200: { description: 'A page of deliveries.', body: webhookDeliveryPageSchema } },
    problems: ['not-found'],
  }),
  redeliverWebhookDelivery: endpoint({
    method: 'POST',
    path: '/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver',
    operation: 'webhooks.manage',
    tag: 'Webhooks',
    summary: 'Send a delivery again',
    description:
      'Puts the delivery back in line, due now, with a fresh round of retries. It keeps its `webhook-id`, so a receiver that already handled it can tell. A disabled endpoint answers 409: enable it first.',
    params: deliveryParams,
    responses: { 202: { description: 'The delivery is queued again.', body: webhookDeliverySchema } },
    problems: ['not-found', 'conflict'],
  }),
};
