import { and, count, desc, eq, isNull, lte, or } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { z } from 'zod';
import { getDb, transaction } from '@/db/client';
import { mailOutbox } from '@/db/schema';
import { getConfig } from '@/lib/server/config';
import type { Mail } from './templates';

/**
 * Outgoing mail. Every mail is first written to the outbox, in the same transaction as the
 * change it reports (a reset code, an invitation), then delivered by a worker in the server
 * process: over SMTP when SMTP_URL is set, else printed to the server log so a newcomer can
 * follow the links locally. A failed delivery is retried with growing delays. Once a mail is
 * delivered (or given up on) its stored body is replaced by the preview, so the outbox never
 * keeps a live code.
 */

export const MAX_DELIVERY_ATTEMPTS = 5;

export const MAIL_LOG_PAGE_SIZE = 50;

/** Paging of the mail log, for GET /api/v1/mail and the Mail page alike. */
export const mailLogQuerySchema = z.object({
  limit: z.coerce.number({ message: 'limit must be a number.' }).int('limit must be a whole number.').min(1, 'limit must be at least 1.').max(100, 'limit is at most 100.').default(MAIL_LOG_PAGE_SIZE),
  offset: z.coerce.number({ message: 'offset must be a number.' }).int('offset must be a whole number.').min(0, 'offset cannot be negative.').default(0),
});
const POLL_MS = 1_000;

/** Puts a mail in the outbox, inside the transaction of the change it belongs to. */
export async function queueMail(mail: Mail): Promise<void> {
  await transaction((tx) => tx.insert(mailOutbox).values({ ...mail, status: 'queued', createdAt: new Date() }));
}

let transporter: Transporter | undefined;

function smtpTransporter(smtpUrl: string): Transporter {
  transporter ??= nodemailer.createTransport(smtpUrl);
  return transporter;
}

/** Delivers every queued mail that is due; returns how many were handled. */
export async function deliverDueMail(now = new Date()): Promise<number> {
  const due = await getDb()
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, 'queued'), or(isNull(mailOutbox.nextAttemptAt), lte(mailOutbox.nextAttemptAt, now))))
    .orderBy(mailOutbox.id)
    .limit(20);
  const record = (id: number, changes: Partial<typeof mailOutbox.$inferInsert>) => transaction((tx) => tx.update(mailOutbox).set(changes).where(eq(mailOutbox.id, id)));
  const { smtpUrl, mailFrom, mailRetryMs } = getConfig();
  for (const mail of due) {
    if (!smtpUrl) {
      console.log(`[gatehouse] Mail to ${mail.to} (SMTP_URL is not set, so it is printed here instead of sent)\nSubject: ${mail.subject}\n\n${mail.text}`);
      await record(mail.id, { status: 'logged', attempts: mail.attempts + 1, sentAt: new Date(), text: mail.preview, html: null });
      continue;
    }
    try {
      await smtpTransporter(smtpUrl).sendMail({ from: mailFrom, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? undefined });
      await record(mail.id, { status: 'sent', attempts: mail.attempts + 1, sentAt: new Date(), error: null, text: mail.preview, html: null });
    } catch (error) {
      const attempts = mail.attempts + 1;
      const message = error instanceof Error ? error.message : String(error);
      const givenUp = attempts >= MAX_DELIVERY_ATTEMPTS;
      console.error(`[gatehouse] Delivering mail ${mail.id} failed (attempt ${attempts} of ${MAX_DELIVERY_ATTEMPTS}): ${message}`);
      await record(
        mail.id,
        givenUp
          ? { status: 'failed', attempts, error: message, text: mail.preview, html: null }
          : { attempts, error: message, nextAttemptAt: new Date(Date.now() + mailRetryMs * 2 ** (attempts - 1)) },
      );
    }
  }
  return due.length;
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
