import http from 'node:http';
import https from 'node:https';
import { and, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { getDb, getEngine, queryRows, transaction } from '@/db/client';
import { users, userScopes, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { recordAuditEvent } from '@/lib/audit/events';
import { asSystemJob, SYSTEM_ACTORS } from '@/lib/audit/context';
import { queueMail } from '@/lib/mail/outbox';
import { lifetimeText, webhookDisabledMail } from '@/lib/mail/templates';
import { getConfig } from '@/lib/server/config';
import { instanceId } from '@/lib/server/instance';
import { ADMIN_SCOPE, displayName } from '@/lib/users/users';
import { pinnedLookup, resolvePublicAddresses, type ResolvedAddress } from './address-guard';
import { endpointSecret } from './endpoints';

/**
 * Delivers the webhook outbox (lib/webhooks/outbox.ts). Each server runs this worker; several
 * instances share the outbox as they share the mail outbox: a worker claims due deliveries
 * with a lease (`FOR UPDATE SKIP LOCKED` on PostgreSQL), sends outside any transaction, and
 * records the outcome only while the lease is still its own.
 *
 * Per user, order is kept: a delivery waits while an earlier one (a lower audit event id) to
 * the same endpoint about the same user is still pending, so a receiver that fails holds that
 * user's later events back until it succeeds or its retries run out.
 *
 * A failed attempt is retried after WEBHOOK_RETRY_DELAYS_MS (about a day in all). An endpoint
 * whose deliveries have failed for WEBHOOK_DISABLE_AFTER_MS since its last success is
 * disabled, its pending deliveries given up, and every system admin mailed.
 */

type DeliveryRow = typeof webhookDeliveries.$inferSelect;
type EndpointRow = typeof webhookEndpoints.$inferSelect;
type AttemptResult = { responseStatus: number | null; responseBody: string | null; error: string | null };

const POLL_MS = 1_000;
const BATCH_SIZE = 16;
/** Sends in flight at once, per server: one slow receiver does not hold up the others. */
const CONCURRENCY = 8;
/** Longer than a batch takes: two rounds of sends, each at most the DNS timeout plus 10 s. */
const WEBHOOK_LEASE_MS = 120_000;
/** The start of a receiver's answer, kept for the delivery log. */
const RESPONSE_BODY_LIMIT = 2_048;
const USER_AGENT = 'Gatehouse-Webhooks/1';

/**
 * Due, unleased, to an enabled endpoint, and first in line: no earlier delivery to the same
 * endpoint about the same user is still pending.
 */
const deliverable = (now: Date) =>
  and(
    eq(webhookDeliveries.status, 'pending'),
    lte(webhookDeliveries.nextAttemptAt, now),
    or(isNull(webhookDeliveries.leaseUntil), lt(webhookDeliveries.leaseUntil, now)),
    sql`${webhookDeliveries.endpointId} IN (SELECT id FROM webhook_endpoints WHERE ${eq(webhookEndpoints.enabled, true)})`,
    sql`NOT EXISTS (SELECT 1 FROM webhook_deliveries earlier WHERE earlier.endpoint_id = ${webhookDeliveries.endpointId} AND earlier.ordering_key = ${webhookDeliveries.orderingKey} AND earlier.status = 'pending' AND earlier.audit_event_id < ${webhookDeliveries.auditEventId})`,
  );

/** Claims up to `limit` deliverable deliveries for `owner`, oldest event first, leased until `now` + the lease. */
export async function claimDueDeliveries({ owner = instanceId(), now = new Date(), limit = BATCH_SIZE } = {}): Promise<DeliveryRow[]> {
  // A read first, off the writer: an idle outbox costs no write transaction per poll.
  const [anyDue] = await getDb().select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(deliverable(now)).limit(1);
  if (!anyDue) return [];
  return transaction(async (tx) => {
    const candidates = await queryRows<{ id: string }>(
      sql`SELECT id FROM webhook_deliveries WHERE ${deliverable(now)} ORDER BY audit_event_id LIMIT ${limit} ${getEngine().claimLock}`,
    );
    if (candidates.length === 0) return [];
    const claimed = await tx
      .update(webhookDeliveries)
      .set({ leaseOwner: owner, leaseUntil: new Date(now.getTime() + WEBHOOK_LEASE_MS) })
      .where(inArray(webhookDeliveries.id, candidates.map((row) => row.id)))
      .returning();
    return claimed.sort((a, b) => a.auditEventId - b.auditEventId);
  });
}

/** Claims a batch of due deliveries and sends them, a few at a time; answers how many were claimed. */
export async function deliverDueWebhooks({ owner = instanceId(), now = new Date() } = {}): Promise<number> {
  const claimed = await claimDueDeliveries({ owner, now });
  const queue = [...claimed];
  const lane = async () => {
    for (let delivery = queue.shift(); delivery; delivery = queue.shift()) await attemptDelivery(delivery, owner);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, lane));
  return claimed.length;
}

async function attemptDelivery(delivery: DeliveryRow, owner: string): Promise<void> {
  const [endpoint] = await getDb().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, delivery.endpointId)).limit(1);
  // Disabled or deleted since the claim: the delivery stays as it is (deleted with it, or kept for when it is enabled).
  if (!endpoint?.enabled) {
    await transaction((tx) => tx.update(webhookDeliveries).set({ leaseOwner: null, leaseUntil: null }).where(and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.leaseOwner, owner))));
    return;
  }
  const started = Date.now();
  const result = await send(delivery, endpoint);
  await recordAttempt(delivery, endpoint, owner, result, new Date(), Date.now() - started);
}

/** One attempt: check the address again, sign, POST to the checked address; never throws. */
async function send(delivery: DeliveryRow, endpoint: EndpointRow): Promise<AttemptResult> {
  const { webhookAllowPrivateNetworks, webhookTimeoutMs } = getConfig();
  try {
    const url = new URL(endpoint.url);
    const [address] = await resolvePublicAddresses(url, { allowPrivate: webhookAllowPrivateNetworks });
    const payload = JSON.stringify(delivery.payload);
    const timestamp = new Date();
    const headers = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(payload)),
      'user-agent': USER_AGENT,
      'webhook-id': delivery.id,
      'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
      'webhook-signature': new Webhook(endpointSecret(endpoint)).sign(delivery.id, timestamp, payload),
    };
    const answer = await post(url, address, headers, payload, webhookTimeoutMs);
    const redirect = answer.status >= 300 && answer.status < 400 ? ' (redirects are not followed)' : '';
    const ok = answer.status >= 200 && answer.status < 300;
    return { responseStatus: answer.status, responseBody: answer.body, error: ok ? null : `The receiver answered ${answer.status}${redirect}.` };
  } catch (error) {
    return { responseStatus: null, responseBody: null, error: describeFailure(error, webhookTimeoutMs) };
  }
}

function describeFailure(error: unknown, timeoutMs: number): string {
  const failure = error as NodeJS.ErrnoException;
  if (failure.name === 'AbortError' || failure.name === 'TimeoutError') return `No complete answer within ${timeoutMs / 1000} s; the connection was cut.`;
  return failure.code ? `${failure.message} (${failure.code})` : (failure.message ?? String(error));
}

/**
 * POSTs `body` to `url`, connecting to `address` (the one checked), and reads at most the
 * start of the answer. Redirects are answers like any other: never followed. The whole
 * exchange must end within `timeoutMs`.
 */
function post(url: URL, address: ResolvedAddress, headers: Record<string, string>, body: string, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    const request = transport.request(url, { method: 'POST', headers, lookup: pinnedLookup(address), signal: AbortSignal.timeout(timeoutMs) }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).subarray(0, RESPONSE_BODY_LIMIT).toString('utf8') });
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        // Enough kept: stop reading rather than take in a huge answer.
        if (size >= RESPONSE_BODY_LIMIT) {
          finish();
          response.destroy();
        }
      });
      response.on('end', finish);
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * Records an attempt, unless the lease is no longer ours, and moves the endpoint's failure
 * clock: a success stops it, the first failure after a success starts it, and a failure
 * past WEBHOOK_DISABLE_AFTER_MS disables the endpoint. One transaction, so the disabling and
 * its mails happen once however many workers fail at the same moment.
 */
async function recordAttempt(delivery: DeliveryRow, endpoint: EndpointRow, owner: string, result: AttemptResult, now: Date, durationMs: number): Promise<void> {
  const { webhookRetryDelaysMs, webhookDisableAfterMs } = getConfig();
  const attempts = delivery.attempts + 1;
  const delivered = result.error === null;
  const retryIn = webhookRetryDelaysMs[attempts - 1];
  const outcome = delivered
    ? { status: 'delivered' as const, deliveredAt: now, nextAttemptAt: null }
    : retryIn === undefined
      ? { status: 'failed' as const, nextAttemptAt: null }
      : { status: 'pending' as const, nextAttemptAt: new Date(now.getTime() + retryIn) };
  await transaction(async (tx) => {
    const recorded = await tx
      .update(webhookDeliveries)
      .set({ ...outcome, ...result, attempts, lastAttemptAt: now, durationMs, leaseOwner: null, leaseUntil: null })
      .where(and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.leaseOwner, owner)))
      .returning({ id: webhookDeliveries.id });
    if (recorded.length === 0) {
      console.error(`[gatehouse] Webhook delivery ${delivery.id}: its lease ran out during the attempt and another worker has it now; this outcome is not recorded`);
      return;
    }
    if (delivered) {
      await tx.update(webhookEndpoints).set({ failingSince: null }).where(eq(webhookEndpoints.id, endpoint.id));
      return;
    }
    await tx.update(webhookEndpoints).set({ failingSince: now }).where(and(eq(webhookEndpoints.id, endpoint.id), isNull(webhookEndpoints.failingSince)));
    const failingSince = endpoint.failingSince ?? now;
    if (now.getTime() - failingSince.getTime() >= webhookDisableAfterMs) await disableEndpoint(endpoint, now, failingSince, result.error!);
  });
}

/** Inside recordAttempt's transaction: disables a failing endpoint (once), gives up its pending deliveries and mails every system admin. */
async function disableEndpoint(endpoint: EndpointRow, now: Date, failingSince: Date, lastError: string): Promise<void> {
  const db = getDb();
  const reason = `Its deliveries failed for ${lifetimeText(now.getTime() - failingSince.getTime())} without a success. The last error: ${lastError}`;
  const disabled = await db
    .update(webhookEndpoints)
    .set({ enabled: false, disabledReason: reason, updatedAt: now })
    .where(and(eq(webhookEndpoints.id, endpoint.id), eq(webhookEndpoints.enabled, true)))
    .returning({ id: webhookEndpoints.id });
  if (disabled.length === 0) return;
  await db
    .update(webhookDeliveries)
    .set({ status: 'failed', nextAttemptAt: null, error: 'Not sent: the endpoint was disabled after failing.' })
    .where(and(eq(webhookDeliveries.endpointId, endpoint.id), eq(webhookDeliveries.status, 'pending')));
  await asSystemJob(SYSTEM_ACTORS.webhooks, () => recordAuditEvent({ action: 'webhook.disabled', target: endpoint.id, before: { enabled: true }, after: { enabled: false, disabledReason: reason } }));
  const admins = await db
    .select({ email: users.email, firstName: users.firstName, lastName: users.lastName, username: users.username })
    .from(users)
    .innerJoin(userScopes, eq(userScopes.userId, users.id))
    .where(and(eq(userScopes.scope, ADMIN_SCOPE), eq(users.status, 'active')));
  for (const admin of admins) await queueMail(webhookDisabledMail({ email: admin.email, name: displayName(admin) }, { id: endpoint.id, url: endpoint.url, reason }));
  console.error(`[gatehouse] Webhook endpoint ${endpoint.id} was disabled: ${reason}`);
}

const holder = globalThis as typeof globalThis & { gatehouseWebhookWorker?: NodeJS.Timeout };

/** Starts delivering the webhook outbox; called once at server start. */
export function startWebhookWorker(): void {
  if (holder.gatehouseWebhookWorker) return;
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      while ((await deliverDueWebhooks()) > 0);
    } catch (error) {
      console.error('[gatehouse] Webhook worker error', error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(run, POLL_MS);
  timer.unref();
  holder.gatehouseWebhookWorker = timer;
}
