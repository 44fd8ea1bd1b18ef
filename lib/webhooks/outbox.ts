import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { newId } from '@/db/ids';
import { insertMany } from '@/db/insert-many';
import { webhookDeliveries, webhookEndpoints } from '@/db/schema';
import type { ChainedContent } from '@/lib/audit/chain';
import { webhookEventTypeOf } from './events';

/**
 * Queues one delivery per enabled endpoint subscribed to each event's type, in the transaction
 * that records the events (lib/audit/events.ts), so a change and its webhooks commit together.
 * The endpoints are read once for all the events a transaction records (an import's batch holds hundreds).
 */
export async function enqueueWebhookDeliveries(events: (ChainedContent & { id: number })[]): Promise<void> {
  const typed = events.flatMap((event) => {
    const type = webhookEventTypeOf(event.action);
    return type ? [{ event, type }] : [];
  });
  if (typed.length === 0) return;
  const db = getDb();
  const endpoints = await db.select({ id: webhookEndpoints.id, events: webhookEndpoints.events }).from(webhookEndpoints).where(eq(webhookEndpoints.enabled, true));
  const deliveries = typed.flatMap(({ event, type }) => {
    const subscribed = endpoints.filter((endpoint) => endpoint.events.includes(type));
    if (subscribed.length === 0) return [];
    const payload = webhookPayload(type, event);
    return subscribed.map((endpoint) => ({
      id: newId('msg'),
      endpointId: endpoint.id,
      auditEventId: event.id,
      eventType: type,
      payload,
      // Per user: a receiver sees a user's changes in the order they happened.
      orderingKey: event.target ?? type,
      nextAttemptAt: event.at,
      createdAt: event.at,
    }));
  });
  await insertMany(webhookDeliveries, deliveries);
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
