import { randomBytes } from 'node:crypto';
import { and, desc, eq, lt } from 'drizzle-orm';
import { getDb, transaction } from '@/db/client';
import { newId } from '@/db/ids';
import { webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import { recordAuditEvent } from '@/lib/audit/events';
import { openSecret, sealSecret } from '@/lib/auth/secret-box';
import { getConfig } from '@/lib/server/config';
import { AddressRefusal, resolvePublicAddresses } from './address-guard';
import type { WebhookEventType } from './events';
import type { WebhookCreateInput, WebhookUpdateInput } from './schemas';

/**
 * Webhook endpoints: where admins asked Gatehouse to POST its events. Each has a signing
 * secret (Standard Webhooks' `whsec_` + base64) shown once at creation and kept encrypted,
 * as the worker needs it at every delivery. Every change is in the audit trail; the secret
 * never is.
 */

const SECRET_PURPOSE = 'webhook secret encryption';

type EndpointRow = typeof webhookEndpoints.$inferSelect;
type DeliveryRow = typeof webhookDeliveries.$inferSelect;

export type WebhookEndpointView = {
  id: string;
  url: string;
  description: string | null;
  events: WebhookEventType[];
  enabled: boolean;
  disabledReason: string | null;
  failingSince: Date | null;
  createdAt: Date;
  updatedAt: Date | null;
  lastDelivery: Pick<DeliveryRow, 'id' | 'eventType' | 'status' | 'responseStatus' | 'createdAt'> | null;
};

export type WebhookDeliveryView = Pick<
  DeliveryRow,
  'id' | 'eventType' | 'status' | 'attempts' | 'responseStatus' | 'responseBody' | 'error' | 'durationMs' | 'createdAt' | 'lastAttemptAt' | 'nextAttemptAt' | 'deliveredAt'
>;

/** The signing secret of a stored endpoint, for the delivery worker. */
export function endpointSecret(endpoint: Pick<EndpointRow, 'id' | 'secretCiphertext'>): string {
  return openSecret(SECRET_PURPOSE, endpoint.secretCiphertext, endpoint.id);
}

/** Refuses a URL whose host does not resolve, or resolves to an address that is not public: a 422 naming `url`. */
async function assertDeliverableUrl(url: string): Promise<void> {
  try {
    await resolvePublicAddresses(new URL(url), { allowPrivate: getConfig().webhookAllowPrivateNetworks });
  } catch (error) {
    if (!(error instanceof AddressRefusal)) throw error;
    throw new ApiError('validation-failed', error.message, { errors: [{ path: 'url', message: error.message }] });
  }
}

async function requireEndpointRow(id: string): Promise<EndpointRow> {
  const [row] = await getDb().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)).limit(1);
  if (!row) throw new ApiError('not-found', 'No webhook endpoint has this id.');
  return row;
}

async function viewOf(row: EndpointRow): Promise<WebhookEndpointView> {
  const [lastDelivery] = await getDb()
    .select({ id: webhookDeliveries.id, eventType: webhookDeliveries.eventType, status: webhookDeliveries.status, responseStatus: webhookDeliveries.responseStatus, createdAt: webhookDeliveries.createdAt })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, row.id))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.auditEventId))
    .limit(1);
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events as WebhookEventType[],
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    failingSince: row.failingSince,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    lastDelivery: lastDelivery ?? null,
  };
}

/** What the audit trail keeps of an endpoint: never its secret. */
function audited(row: Pick<EndpointRow, 'url' | 'description' | 'events' | 'enabled'>) {
  return { url: row.url, description: row.description, events: row.events, enabled: row.enabled };
}

/** Registers an endpoint; the answer carries its signing secret, which is never shown again. */
export async function createWebhookEndpoint(input: WebhookCreateInput, actor: { id: string }): Promise<WebhookEndpointView & { secret: string }> {
  await assertDeliverableUrl(input.url);
  const id = newId('whk');
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const row = { id, url: input.url, description: input.description ?? null, events: input.events, enabled: input.enabled, createdBy: actor.id, createdAt: new Date() };
  await transaction(async (tx) => {
    await tx.insert(webhookEndpoints).values({ ...row, secretCiphertext: sealSecret(SECRET_PURPOSE, secret, id) });
    await recordAuditEvent({ action: 'webhook.created', target: id, after: audited(row) });
  });
  return { ...(await viewOf(await requireEndpointRow(id))), secret };
}

export async function listWebhookEndpoints(): Promise<WebhookEndpointView[]> {
  const rows = await getDb().select().from(webhookEndpoints).orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id));
  return Promise.all(rows.map(viewOf));
}

export async function getWebhookEndpoint(id: string): Promise<WebhookEndpointView> {
  return viewOf(await requireEndpointRow(id));
}

/** Changes an endpoint; enabling one that was disabled after failing gives it a fresh start. */
export async function updateWebhookEndpoint(id: string, patch: WebhookUpdateInput): Promise<WebhookEndpointView> {
  const before = await requireEndpointRow(id);
  if (patch.url !== undefined && patch.url !== before.url) await assertDeliverableUrl(patch.url);
  const reenabled = patch.enabled === true && !before.enabled;
  await transaction(async (tx) => {
    await tx
      .update(webhookEndpoints)
      .set({ ...patch, ...(reenabled ? { failingSince: null, disabledReason: null } : {}), updatedAt: new Date() })
      .where(eq(webhookEndpoints.id, id));
    await recordAuditEvent({ action: 'webhook.updated', target: id, before: audited(before), after: audited({ ...before, ...patch }) });
  });
  return getWebhookEndpoint(id);
}

/** Deletes an endpoint and its delivery log; deliveries not yet made are dropped. */
export async function deleteWebhookEndpoint(id: string): Promise<void> {
  const before = await requireEndpointRow(id);
  await transaction(async (tx) => {
    await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    // No foreign key cascades here (db/schema: a change's outbox row must never wait on an endpoint).
    await tx.delete(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id));
    await recordAuditEvent({ action: 'webhook.deleted', target: id, before: audited(before) });
  });
}

const deliveryColumns = {
  id: webhookDeliveries.id,
  auditEventId: webhookDeliveries.auditEventId,
  eventType: webhookDeliveries.eventType,
  status: webhookDeliveries.status,
  attempts: webhookDeliveries.attempts,
  responseStatus: webhookDeliveries.responseStatus,
  responseBody: webhookDeliveries.responseBody,
  error: webhookDeliveries.error,
  durationMs: webhookDeliveries.durationMs,
  createdAt: webhookDeliveries.createdAt,
  lastAttemptAt: webhookDeliveries.lastAttemptAt,
  nextAttemptAt: webhookDeliveries.nextAttemptAt,
  deliveredAt: webhookDeliveries.deliveredAt,
};

/** An endpoint's deliveries, newest event first; `cursor` (a page's nextCursor) continues with older ones. */
export async function listWebhookDeliveries(endpointId: string, { limit, cursor }: { limit: number; cursor?: string }): Promise<{ items: WebhookDeliveryView[]; nextCursor: string | null }> {
  await requireEndpointRow(endpointId);
  const rows = await getDb()
    .select(deliveryColumns)
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.endpointId, endpointId), cursor === undefined ? undefined : lt(webhookDeliveries.auditEventId, Number(cursor))))
    .orderBy(desc(webhookDeliveries.auditEventId))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return { items: page.map(({ auditEventId: _, ...item }) => item), nextCursor: rows.length > limit ? String(page[page.length - 1].auditEventId) : null };
}

/**
 * Sends a delivery again: pending, due now, with a fresh round of retries. It keeps its id,
 * so a receiver that already processed it recognises the repeat.
 */
export async function redeliverWebhookDelivery(endpointId: string, deliveryId: string): Promise<WebhookDeliveryView> {
  const endpoint = await requireEndpointRow(endpointId);
  if (!endpoint.enabled) throw new ApiError('conflict', 'This endpoint is disabled: enable it first, then redeliver.');
  const now = new Date();
  const updated = await transaction((tx) =>
    tx
      .update(webhookDeliveries)
      .set({ status: 'pending', attempts: 0, nextAttemptAt: now, error: null })
      .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.id, deliveryId)))
      .returning(deliveryColumns),
  );
  if (updated.length === 0) throw new ApiError('not-found', 'This endpoint has no delivery with this id.');
  const { auditEventId: _, ...delivery } = updated[0];
  return delivery;
}
