import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { newId } from '@/db/ids';
import { webhookDeliveries, webhookEndpoints } from '@/db/schema';
import type { ChainedContent } from '@/lib/audit/chain';
import { webhookEventTypeOf } from './events';

/**
 * Queues one delivery per enabled endpoint subscribed to the event's type, in the transaction
 * that records the event (lib/audit/events.ts), so a change and its webhooks commit together.
 */
export async function enqueueWebhookDeliveries(event: ChainedContent & { id: number }): Promise<void> {
  const type = webhookEventTypeOf(event.action);
  if (!type) return;
  const db = getDb();
  const endpoints = await db.select({ id: webhookEndpoints.id, events: webhookEndpoints.events }).from(webhookEndpoints).where(eq(webhookEndpoints.enabled, true));
  const subscribed = endpoints.filter((endpoint) => endpoint.events.includes(type));
  if (subscribed.length === 0) return;
  const payload = webhookPayload(type, event);
  await db.insert(webhookDeliveries).values(
    subscribed.map((endpoint) => ({
      id: newId('msg'),
      endpointId: endpoint.id,
      auditEventId: event.id,
      eventType: type,
      payload,
      // Per user: a receiver sees a user's changes in the order they happened.
      orderingKey: event.target ?? type,
      nextAttemptAt: event.at,
      createdAt: event.at,
    })),
  );
}

/** The message body, in the Standard Webhooks shape: type, timestamp, data. */
function webhookPayload(type: string, event: ChainedContent & { id: number }): Record<string, unknown> {
  return {
    type,
    timestamp: event.at.toISOString(),
    data: {
      auditEventId: event.id,
      action: event.action,
      target: event.target,
      targetKind: event.targetKind,
      tenantId: event.tenantId,
      actor: event.actor ? { kind: event.actorKind, id: event.actor } : null,
      changes: event.before || event.after ? { before: event.before, after: event.after } : null,
    },
  };
}
