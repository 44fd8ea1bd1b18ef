import { z } from 'zod';
import { webhookDeliveryStatuses } from '@/db/schema';
import { instantSchema } from '@/lib/users/schemas';
import { WEBHOOK_EVENT_TYPES } from './events';

/** Webhook endpoints and their deliveries as the API and the Settings → Webhooks page take and show them. */

/** An http(s) URL without credentials; whether its host is public is checked after (address-guard.ts), as that needs DNS. */
export const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, 'Enter the URL that receives the webhooks.')
  .max(2000, 'Use at most 2000 characters.')
  .transform((value, context) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      context.addIssue({ code: 'custom', message: 'Enter a full URL, such as https://example.com/hooks/gatehouse.' });
      return z.NEVER;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      context.addIssue({ code: 'custom', message: 'The URL must start with https:// or http://.' });
      return z.NEVER;
    }
    // Credentials in a URL end up in logs and in every admin's view of the endpoint.
    if (url.username || url.password) {
      context.addIssue({ code: 'custom', message: 'The URL must not hold a user name or password; the signature proves the sender.' });
      return z.NEVER;
    }
    return url.href;
  })
  .meta({ description: 'Where deliveries are POSTed: http(s), no credentials, and a host that resolves to public addresses only.', example: 'https://example.com/hooks/gatehouse' });

export const webhookEventsSchema = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, { message: `Each event type must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}.` }))
  .min(1, 'Choose at least one event type.')
  .max(WEBHOOK_EVENT_TYPES.length * 2, 'Name each event type once.')
  .transform((events) => [...new Set(events)])
  .meta({ description: 'The event types the endpoint receives.', example: ['user.created', 'permission.granted'] });

const descriptionSchema = z
  .string()
  .trim()
  .max(500, 'Use at most 500 characters.')
  .nullable()
  .transform((value) => value || null)
  .meta({ description: 'What the endpoint is for, for the admins.', example: 'CRM sync' });

export const webhookCreateSchema = z.strictObject({
  url: webhookUrlSchema,
  events: webhookEventsSchema,
  description: descriptionSchema.optional(),
  enabled: z.boolean().default(true).meta({ description: 'A disabled endpoint receives nothing; it is enabled unless this says false.' }),
});
export type WebhookCreateInput = z.infer<typeof webhookCreateSchema>;

export const webhookUpdateSchema = z
  .strictObject({
    url: webhookUrlSchema.optional(),
    events: webhookEventsSchema.optional(),
    description: descriptionSchema.optional(),
    enabled: z.boolean().optional().meta({ description: 'Enabling an endpoint that was disabled after failing clears its failure.' }),
  })
  .refine((patch) => Object.keys(patch).length > 0, 'Send at least one field to change.');
export type WebhookUpdateInput = z.infer<typeof webhookUpdateSchema>;

const deliveryStatusSchema = z.enum(webhookDeliveryStatuses).meta({ description: '`pending` (waiting for its next attempt), `delivered` (a 2xx answer), `failed` (retries ran out, or its endpoint was disabled).' });

export const webhookEndpointSchema = z
  .object({
    id: z.string().meta({ example: 'whk_Jq3kW8mB0cXe1LtZ' }),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
    enabled: z.boolean(),
    disabledReason: z.string().nullable().meta({ description: 'Why Gatehouse disabled it, when it did.' }),
    failingSince: instantSchema('The first failed delivery since its last success.').nullable(),
    createdAt: instantSchema('When it was registered.'),
    updatedAt: instantSchema('The last change.').nullable(),
    lastDelivery: z
      .object({ id: z.string(), eventType: z.string(), status: deliveryStatusSchema, responseStatus: z.int().nullable(), createdAt: instantSchema('When the event happened.') })
      .nullable()
      .meta({ description: 'Its newest delivery, if any.' }),
  })
  .meta({ id: 'WebhookEndpoint' });

export const webhookCreatedSchema = webhookEndpointSchema
  .extend({
    secret: z.string().meta({
      description: 'The signing secret (Standard Webhooks, `whsec_` + base64). Shown in this answer only: store it now.',
      example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    }),
  })
  .meta({ id: 'WebhookEndpointCreated' });

export const webhookDeliverySchema = z
  .object({
    id: z.string().meta({ description: 'The message’s `webhook-id`, the same on every attempt.', example: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W' }),
    eventType: z.enum(WEBHOOK_EVENT_TYPES),
    status: deliveryStatusSchema,
    attempts: z.int(),
    responseStatus: z.int().nullable().meta({ description: 'The receiver’s HTTP status at the last attempt.' }),
    responseBody: z.string().nullable().meta({ description: 'The start of the receiver’s last answer (at most 2 KB).' }),
    error: z.string().nullable().meta({ description: 'Why the last attempt failed, when it did.' }),
    durationMs: z.int().nullable(),
    createdAt: instantSchema('When the event happened.'),
    lastAttemptAt: instantSchema('The last attempt.').nullable(),
    nextAttemptAt: instantSchema('The next attempt, while pending.').nullable(),
    deliveredAt: instantSchema('When the receiver accepted it.').nullable(),
  })
  .meta({ id: 'WebhookDelivery' });

export const WEBHOOK_DELIVERIES_PAGE_SIZE = 50;

export const webhookDeliveriesQuerySchema = z.strictObject({
  limit: z.coerce.number({ message: 'limit must be a number.' }).int('limit must be a whole number.').min(1, 'limit must be at least 1.').max(100, 'limit is at most 100.').default(WEBHOOK_DELIVERIES_PAGE_SIZE),
  cursor: z.string().regex(/^\d{1,15}$/, 'cursor must be the nextCursor of a previous page.').optional(),
});

export const webhookDeliveryPageSchema = z
  .object({
    items: z.array(webhookDeliverySchema).meta({ description: 'Newest first.' }),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next (older) page; null on the last.' }),
  })
  .meta({ id: 'WebhookDeliveryPage' });
