/**
 * Work that one instance at a time must do, claimed with leases: the mail outbox and the
 * scheduled tasks, run once per engine (leases.test.ts, leases.postgres.test.ts) with a second
 * instance on the same database. Imported after DATABASE_URL names the database.
 */
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeDatabase, getDb, getEngine, transaction, withEngine } from '@/db/client';
import type { Engine } from '@/db/engine';
import { mailOutbox, scheduledTasks, webhookDeliveries, webhookEndpoints } from '@/db/schema';
import { claimDueMail, deliverClaimedMail, deliverDueMail, MAIL_LEASE_MS, queueMail } from '@/lib/mail/outbox';
import { claimScheduledTask, finishScheduledTask, runDueScheduledTasks, type ScheduledTask } from '@/lib/server/scheduled-tasks';
import { claimDueDeliveries } from '@/lib/webhooks/worker';
import type { SharedStateTarget } from './instances';

let nextName = 0;

async function queueMails(count: number): Promise<string[]> {
  const batch = ++nextName;
  const recipients = Array.from({ length: count }, (_, i) => `lease-${batch}-${i}@example.com`);
  for (const to of recipients) await queueMail({ to, kind: 'password-changed', subject: `Mail for ${to}`, text: `Hello ${to}`, html: `<p>Hello ${to}</p>`, preview: `Hello ${to}` });
  return recipients;
}

const outbox = () => getDb().select().from(mailOutbox).orderBy(mailOutbox.id);

export function describeLeases(target: SharedStateTarget) {
  const title = `leased work (${target.engine})`;
  describe.skipIf(Boolean(target.skipped))(target.skipped ? `${title} (skipped: ${target.skipped})` : title, () => {
    let second: Engine;
    const onSecond = <T>(work: () => Promise<T>) => withEngine(second, work);
    /** Half the calls on each instance where writers really run at once; one instance on SQLite (see the throttle suite). */
    const spread = <T>(i: number, work: () => Promise<T>) => (target.concurrentWriters && i % 2 ? onSecond(work) : work());

    beforeAll(async () => {
      await getEngine().migrate();
      second = target.openSecondInstance();
    }, 30_000);

    afterAll(async () => {
      await second?.close();
      await closeDatabase();
      await target.cleanUp();
    });

    describe('the mail outbox', () => {
      let printed: string[];
      beforeEach(() => {
        // Without SMTP_URL a delivered mail is printed: what was printed is what was sent.
        printed = [];
        vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(/^\[gatehouse\] Mail to (\S+)/.exec(line)?.[1] ?? line));
      });
      afterEach(async () => {
        vi.restoreAllMocks();
        // Each test starts with an empty outbox.
        await transaction((tx) => tx.delete(mailOutbox));
      });

      it('never gives one mail to two racing claimers', async () => {
        const recipients = await queueMails(30);
        const now = new Date();
        const rounds: number[][] = [];
        // Rounds of eight claimers at once, five mails each, until nothing is left.
        for (let round = 0; round < 10; round++) {
          const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => spread(i, () => claimDueMail({ owner: `claimer-${i}`, now, limit: 5 }))));
          const ids = claims.flat().map((mail) => mail.id);
          if (ids.length === 0) break;
          rounds.push(ids);
        }
        const claimed = rounds.flat();
        expect(new Set(claimed).size).toBe(claimed.length);
        expect(claimed).toHaveLength(recipients.length);
        // Each mail is leased to the claimer that got it.
        for (const mail of await outbox()) expect(mail.leaseOwner).toMatch(/^claimer-\d$/);
      });

      it('delivers each mail once when two instances work the outbox at the same time', async () => {
        const recipients = await queueMails(24);
        await Promise.all(Array.from({ length: 6 }, (_, i) => spread(i, async () => {
          while ((await deliverDueMail({ owner: `instance-${i}` })) > 0);
        })));
        expect(printed.sort()).toEqual([...recipients].sort());
        for (const mail of await outbox()) expect(mail).toMatchObject({ status: 'logged', attempts: 1, leaseOwner: null, leaseUntil: null });
      });

      it('leaves a dead claimer\'s mail alone until its lease runs out, then another instance sends it, and the dead one records nothing', async () => {
        const recipients = await queueMails(3);
        const claimedAt = new Date();
        const held = await claimDueMail({ owner: 'dies-mid-batch', now: claimedAt });
        expect(held).toHaveLength(3);

        const whileLeased = new Date(claimedAt.getTime() + MAIL_LEASE_MS - 1_000);
        expect(await onSecond(() => deliverDueMail({ owner: 'survivor', now: whileLeased }))).toBe(0);
        expect(printed).toEqual([]);

        const afterLease = new Date(claimedAt.getTime() + MAIL_LEASE_MS + 1_000);
        expect(await onSecond(() => deliverDueMail({ owner: 'survivor', now: afterLease }))).toBe(3);
        expect(printed).toEqual(recipients);
        expect((await outbox()).map((mail) => mail.status)).toEqual(['logged', 'logged', 'logged']);

        // The first claimer was only stalled, and goes on with the batch it holds: it sends nothing again.
        await deliverClaimedMail(held, 'dies-mid-batch');
        expect(printed).toHaveLength(3);
        expect((await outbox()).map((mail) => mail.attempts)).toEqual([1, 1, 1]);
      });

      it('sends no mail that is not due yet, and retries a failed one only when it is', async () => {
        const [to] = await queueMails(1);
        const [mail] = await outbox();
        const retryAt = new Date(Date.now() + 60_000);
        await transaction((tx) => tx.update(mailOutbox).set({ attempts: 1, nextAttemptAt: retryAt }).where(eq(mailOutbox.id, mail.id)));
        expect(await deliverDueMail({ now: new Date(retryAt.getTime() - 1) })).toBe(0);
        expect(await onSecond(() => deliverDueMail({ now: retryAt }))).toBe(1);
        expect(printed).toEqual([to]);
        expect(await outbox()).toMatchObject([{ status: 'logged', attempts: 2 }]);
      });
    });

    describe('the webhook outbox', () => {
      afterEach(async () => {
        await transaction((tx) => tx.delete(webhookEndpoints));
      });

      it('never gives one delivery to two racing claimers, nor a user’s later event while an earlier one is pending', async () => {
        const at = new Date(Date.now() - 1_000);
        await transaction(async (tx) => {
          await tx.insert(webhookEndpoints).values({ id: 'whk_lease', url: 'https://93.184.215.14/hook', events: ['user.updated'], secretCiphertext: 'unused', createdAt: at });
          // Ten users with three events each, interleaved as they happened.
          await tx.insert(webhookDeliveries).values(
            Array.from({ length: 30 }, (_, i) => ({
              id: `msg_lease_${i}`,
              endpointId: 'whk_lease',
              auditEventId: i + 1,
              eventType: 'user.updated',
              payload: {},
              orderingKey: `usr_${i % 10}`,
              nextAttemptAt: at,
              createdAt: at,
            })),
          );
        });
        const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => spread(i, () => claimDueDeliveries({ owner: `claimer-${i}`, limit: 5 }))));
        const claimed = claims.flat();
        // Each user's first event, each to one claimer; their later events wait for it.
        expect(claimed.map((delivery) => delivery.auditEventId).sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
        expect(await Promise.all(Array.from({ length: 4 }, (_, i) => spread(i, () => claimDueDeliveries({ owner: `late-${i}` }))))).toEqual([[], [], [], []]);
        // Once a user's first event is delivered, their second is next in line.
        await transaction((tx) => tx.update(webhookDeliveries).set({ status: 'delivered', leaseOwner: null, leaseUntil: null }).where(eq(webhookDeliveries.auditEventId, 4)));
        expect((await claimDueDeliveries({ owner: 'next' })).map((delivery) => delivery.auditEventId)).toEqual([14]);
      });
    });

    describe('scheduled tasks', () => {
      const task = (run: ScheduledTask['run'] = async () => {}): ScheduledTask => ({ name: `test-task-${++nextName}`, everyMs: 60_000, leaseMs: 10_000, run });

      it('run on one instance per period, however many instances look at once', async () => {
        let runs = 0;
        const counted = task(async () => {
          runs += 1;
        });
        await Promise.all(Array.from({ length: 8 }, (_, i) => spread(i, () => runDueScheduledTasks([counted]))));
        expect(runs).toBe(1);
        // Not due again before its period has passed.
        await runDueScheduledTasks([counted]);
        await onSecond(() => runDueScheduledTasks([counted]));
        expect(runs).toBe(1);
        const [row] = await getDb().select().from(scheduledTasks).where(eq(scheduledTasks.name, counted.name));
        expect(row).toMatchObject({ leaseOwner: null, leaseUntil: null });
        expect(row.nextRunAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
      });

      it('are taken over once the lease of an instance that died mid-run runs out', async () => {
        const sweep = task();
        const start = new Date();
        const at = (ms: number) => new Date(start.getTime() + ms);
        expect(await claimScheduledTask(sweep, { owner: 'dies', now: start })).toBe(true);
        expect(await onSecond(() => claimScheduledTask(sweep, { owner: 'survivor', now: at(sweep.leaseMs - 1) }))).toBe(false);
        expect(await onSecond(() => claimScheduledTask(sweep, { owner: 'survivor', now: at(sweep.leaseMs + 1) }))).toBe(true);

        // The dead instance's late finish changes nothing; the survivor's sets the next run.
        await finishScheduledTask(sweep, { owner: 'dies', now: at(sweep.leaseMs + 2) });
        expect(await claimScheduledTask(sweep, { owner: 'third', now: at(sweep.leaseMs + 3) })).toBe(false);
        await onSecond(() => finishScheduledTask(sweep, { owner: 'survivor', now: at(sweep.leaseMs + 5) }));
        expect(await claimScheduledTask(sweep, { owner: 'third', now: at(sweep.leaseMs + 5 + sweep.everyMs - 1) })).toBe(false);
        expect(await claimScheduledTask(sweep, { owner: 'third', now: at(sweep.leaseMs + 5 + sweep.everyMs) })).toBe(true);
      });
    });
  });
}
