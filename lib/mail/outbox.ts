import { and, count, desc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';
import { getDb, getEngine, queryRows, transaction } from '@/db/client';
import { mailOutbox } from '@/db/schema';
import { getConfig } from '@/lib/server/config';
import { instanceId } from '@/lib/server/instance';
import type { Mail } from './templates';

/**
 * Outgoing mail. Every mail is first written to the outbox, in the same transaction as the
 * change it reports (a reset code, an invitation), then delivered by a worker in the server
 * process: over SMTP when SMTP_URL is set, else printed to the server log so a newcomer can
 * follow the links locally. A failed delivery is retried with growing delays. Once a mail is
 * delivered (or given up on) its stored body is replaced by the preview, so the outbox never
 * keeps a live code.
 *
 * Several instances may share the outbox (PostgreSQL): a worker claims a batch with a lease
 * (`FOR UPDATE SKIP LOCKED`, so two workers never pick the same mail), sends outside any
 * transaction, and records the outcome only while the lease is still its own. A worker that
 * dies mid-batch leaves its leases to run out; another worker then sends those mails. A mail
 * is sent once, unless its worker died between the SMTP server's acceptance and the record.
 */

export const MAX_DELIVERY_ATTEMPTS = 5;

export const MAIL_LOG_PAGE_SIZE = 50;

/** Paging of the mail log, for GET /api/v1/mail and the Mail page alike. */
export const mailLogQuerySchema = z.object({
  limit: z.coerce.number({ message: 'limit must be a number.' }).int('limit must be a whole number.').min(1, 'limit must be at least 1.').max(100, 'limit is at most 100.').default(MAIL_LOG_PAGE_SIZE),
  offset: z.coerce.number({ message: 'offset must be a number.' }).int('offset must be a whole number.').min(0, 'offset cannot be negative.').default(0),
});
const POLL_MS = 1_000;
const BATCH_SIZE = 20;
/**
 * How long a claimed mail is ours. Renewed just before each send, so it must outlast one
 * send: the SMTP timeouts below add up to 70 s. A dead worker's mail waits this long.
 */
export const MAIL_LEASE_MS = 120_000;
const SMTP_TIMEOUTS = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 30_000 };

/** Puts a mail in the outbox, inside the transaction of the change it belongs to. */
export async function queueMail(mail: Mail): Promise<void> {
  await transaction((tx) => tx.insert(mailOutbox).values({ ...mail, status: 'queued', createdAt: new Date() }));
}

let transporter: Transporter | undefined;

/** The SMTP_URL's transport, with timeouts short enough for the lease unless the URL sets its own (`?socketTimeout=…`). */
function smtpTransporter(smtpUrl: string): Transporter {
  if (!transporter) {
    const url = new URL(smtpUrl);
    for (const [name, ms] of Object.entries(SMTP_TIMEOUTS)) if (!url.searchParams.has(name)) url.searchParams.set(name, String(ms));
    transporter = nodemailer.createTransport(url.toString());
  }
  return transporter;
}

type OutboxRow = typeof mailOutbox.$inferSelect;

/** Mail that is due and that no live lease holds. */
const deliverable = (now: Date) =>
  and(eq(mailOutbox.status, 'queued'), or(isNull(mailOutbox.nextAttemptAt), lte(mailOutbox.nextAttemptAt, now)), or(isNull(mailOutbox.leaseUntil), lt(mailOutbox.leaseUntil, now)));

/**
 * Claims up to `limit` deliverable mails, oldest first, for `owner`: locked while claimed
 * (skipping rows another worker is claiming), then leased to `owner` until `now` + the lease.
 */
export async function claimDueMail({ owner = instanceId(), now = new Date(), limit = BATCH_SIZE } = {}): Promise<OutboxRow[]> {
  // A read first, off the writer: an idle outbox costs no write transaction per poll.
  const [anyDue] = await getDb().select({ id: mailOutbox.id }).from(mailOutbox).where(deliverable(now)).limit(1);
  if (!anyDue) return [];
  return transaction(async (tx) => {
    const candidates = await queryRows<{ id: number }>(sql`SELECT id FROM mail_outbox WHERE ${deliverable(now)} ORDER BY id LIMIT ${limit} ${getEngine().claimLock}`);
    if (candidates.length === 0) return [];
    const claimed = await tx
      .update(mailOutbox)
      .set({ leaseOwner: owner, leaseUntil: new Date(now.getTime() + MAIL_LEASE_MS) })
      .where(inArray(mailOutbox.id, candidates.map((row) => Number(row.id))))
      .returning();
    return claimed.sort((a, b) => a.id - b.id);
  });
}

/** Renews the lease on one mail just before sending it; false if another worker has taken it over (or it is no longer queued). */
async function renewLease(id: number, owner: string): Promise<boolean> {
  const renewed = await transaction((tx) =>
    tx
      .update(mailOutbox)
      .set({ leaseUntil: new Date(Date.now() + MAIL_LEASE_MS) })
      .where(and(eq(mailOutbox.id, id), eq(mailOutbox.leaseOwner, owner), eq(mailOutbox.status, 'queued')))
      .returning({ id: mailOutbox.id }),
  );
  return renewed.length > 0;
}

/** Records what became of a mail, and ends the lease, unless the lease is no longer ours. */
async function recordOutcome(id: number, owner: string, changes: Partial<typeof mailOutbox.$inferInsert>): Promise<void> {
  const recorded = await transaction((tx) =>
    tx
      .update(mailOutbox)
      .set({ ...changes, leaseOwner: null, leaseUntil: null })
      .where(and(eq(mailOutbox.id, id), eq(mailOutbox.leaseOwner, owner)))
      .returning({ id: mailOutbox.id }),
  );
  if (recorded.length === 0) console.error(`[gatehouse] Mail ${id}: its lease ran out during delivery and another worker has it now; its outcome here is not recorded`);
}

/** Claims a batch of due mail and delivers it; returns how many were claimed. */
export async function deliverDueMail({ owner = instanceId(), now = new Date() } = {}): Promise<number> {
  const claimed = await claimDueMail({ owner, now });
  await deliverClaimedMail(claimed, owner);
  return claimed.length;
}

/** Delivers mail `owner` claimed, one at a time, skipping any whose lease another worker has taken over since. */
export async function deliverClaimedMail(claimed: OutboxRow[], owner: string): Promise<void> {
  const { smtpUrl, mailFrom, mailRetryMs } = getConfig();
  for (const mail of claimed) {
    if (!(await renewLease(mail.id, owner))) continue;
    if (!smtpUrl) {
      console.log(`[gatehouse] Mail to ${mail.to} (SMTP_URL is not set, so it is printed here instead of sent)\nSubject: ${mail.subject}\n\n${mail.text}`);
      await recordOutcome(mail.id, owner, { status: 'logged', attempts: mail.attempts + 1, sentAt: new Date(), text: mail.preview, html: null });
      continue;
    }
    try {
      await smtpTransporter(smtpUrl).sendMail({ from: mailFrom, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? undefined });
      await recordOutcome(mail.id, owner, { status: 'sent', attempts: mail.attempts + 1, sentAt: new Date(), error: null, text: mail.preview, html: null });
    } catch (error) {
      const attempts = mail.attempts + 1;
      const message = error instanceof Error ? error.message : String(error);
      const givenUp = attempts >= MAX_DELIVERY_ATTEMPTS;
      console.error(`[gatehouse] Delivering mail ${mail.id} failed (attempt ${attempts} of ${MAX_DELIVERY_ATTEMPTS}): ${message}`);
      await recordOutcome(
        mail.id,
        owner,
        givenUp
          ? { status: 'failed', attempts, error: message, text: mail.preview, html: null }
          : { attempts, error: message, nextAttemptAt: new Date(Date.now() + mailRetryMs * 2 ** (attempts - 1)) },
      );
    }
  }
}

const holder = globalThis as typeof globalThis & { gatehouseMailWorker?: { timer: NodeJS.Timeout; kick: () => void } };

/** Starts delivering the outbox; called once at server start. */
export function startMailWorker(): void {
  if (holder.gatehouseMailWorker) return;
  let running = false;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        while ((await deliverDueMail()) > 0);
      } while (again);
    } catch (error) {
      console.error('[gatehouse] Mail worker error', error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(run, POLL_MS);
  timer.unref();
  holder.gatehouseMailWorker = { timer, kick: () => void run() };
}

/** Delivers new mail now rather than at the next poll. */
export function kickMailWorker(): void {
  holder.gatehouseMailWorker?.kick();
}

export type OutboxEntry = {
  id: number;
  to: string;
  kind: Mail['kind'];
  subject: string;
  status: (typeof mailOutbox.$inferSelect)['status'];
  attempts: number;
  error: string | null;
  createdAt: Date;
  sentAt: Date | null;
  nextAttemptAt: Date | null;
  preview: string;
};

/** Recent mail for the admins' Mail page, newest first. Bodies only as previews: no live codes. */
export async function listRecentMail({ limit = MAIL_LOG_PAGE_SIZE, offset = 0 }: { limit?: number; offset?: number } = {}): Promise<{ items: OutboxEntry[]; total: number }> {
  const db = getDb();
  const items = await db
    .select({
      id: mailOutbox.id,
      to: mailOutbox.to,
      kind: mailOutbox.kind,
      subject: mailOutbox.subject,
      status: mailOutbox.status,
      attempts: mailOutbox.attempts,
      error: mailOutbox.error,
      createdAt: mailOutbox.createdAt,
      sentAt: mailOutbox.sentAt,
      nextAttemptAt: mailOutbox.nextAttemptAt,
      preview: mailOutbox.preview,
    })
    .from(mailOutbox)
    .orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id))
    .limit(limit)
    .offset(offset);
  const [{ total }] = await db.select({ total: count() }).from(mailOutbox);
  return { items, total };
}
