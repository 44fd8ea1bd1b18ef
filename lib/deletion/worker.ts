import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { getEngine, queryRows, transaction } from '@/db/client';
import { deletionJobSteps, deletionJobs, users } from '@/db/schema';
import { recordAuditEvent } from '@/lib/audit/events';
import { asSystemJob, SYSTEM_ACTORS } from '@/lib/audit/context';
import { ACTIVE_JOB_STATUSES, finishCancelled } from './requests';
import { DELETION_BATCH_SIZE, DELETION_STEPS, type DeletionJob } from './steps';

/**
 * The background worker that runs deletion jobs, one at a time, inside the server process.
 * A job is claimed with a lease that each batch renews; a worker that dies (crash, SIGKILL,
 * restart) stops renewing, the lease runs out, and the next worker resumes the job at the
 * step it recorded. Every step is idempotent, so redoing a half-done step is safe.
 */

const LEASE_MS = 5_000;
const POLL_MS = 500;
const MAX_ATTEMPTS = 3;

const workerId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

/** A pause between batches leaves the SQLite writer to requests; tunable for slow disks (and tests). */
function batchPauseMs(): number {
  const value = Number(process.env.DELETION_BATCH_PAUSE_MS ?? 0);
  return Number.isFinite(value) && value >= 0 ? value : 0;
}

class LeaseLost extends Error {}

/** Claims the oldest runnable job: queued, or in progress under an expired lease. */
export function claimDeletionJob(now = new Date()): Promise<DeletionJob | undefined> {
  return transaction(async (tx) => {
    const runnable = and(inArray(deletionJobs.status, [...ACTIVE_JOB_STATUSES]), or(isNull(deletionJobs.leaseUntil), lt(deletionJobs.leaseUntil, now)));
    const [candidate] = await queryRows<{ ticket: string }>(
      sql`SELECT ticket FROM deletion_jobs WHERE ${runnable} ORDER BY created_at LIMIT 1 ${getEngine().claimLock}`,
    );
    if (!candidate) return undefined;
    const [job] = await tx.select().from(deletionJobs).where(eq(deletionJobs.ticket, candidate.ticket));
    const [claimed] = await tx
      .update(deletionJobs)
      .set({
        status: 'in-progress',
        leaseOwner: workerId,
        leaseUntil: new Date(now.getTime() + LEASE_MS),
        attempts: sql`${deletionJobs.attempts} + 1`,
        startedAt: job.startedAt ?? now,
      })
      .where(eq(deletionJobs.ticket, job.ticket))
      .returning();
    return claimed;
  });
}

/** Renews the lease and reads the job again; throws LeaseLost if another worker has it now. */
async function heartbeat(ticket: string): Promise<DeletionJob> {
  const [job] = await transaction((tx) =>
    tx
      .update(deletionJobs)
      .set({ leaseUntil: new Date(Date.now() + LEASE_MS) })
      .where(and(eq(deletionJobs.ticket, ticket), eq(deletionJobs.leaseOwner, workerId)))
      .returning(),
  );
  if (!job) throw new LeaseLost();
  return job;
}

/** Records that a step starts; a half-done step that is run again gets its new start time. */
async function startStep(ticket: string, stepIndex: number): Promise<void> {
  const { name } = DELETION_STEPS[stepIndex];
  const now = new Date();
  await transaction(async (tx) => {
    await tx.update(deletionJobs).set({ currentStep: name }).where(eq(deletionJobs.ticket, ticket));
    await tx
      .insert(deletionJobSteps)
      .values({ ticket, step: name, startedAt: now })
      .onConflictDoUpdate({ target: [deletionJobSteps.ticket, deletionJobSteps.step], set: { startedAt: now, finishedAt: null } });
  });
}

/** Records a finished step, unless another worker has taken the job over. `steps_done` only ever grows. */
async function completeStep(ticket: string, stepIndex: number): Promise<void> {
  const next = DELETION_STEPS[stepIndex + 1]?.name ?? null;
  await transaction(async (tx) => {
    const recorded = await tx
      .update(deletionJobs)
      .set({ stepsDone: sql`CASE WHEN ${deletionJobs.stepsDone} > ${stepIndex + 1} THEN ${deletionJobs.stepsDone} ELSE ${stepIndex + 1} END`, currentStep: next, error: null })
      .where(and(eq(deletionJobs.ticket, ticket), eq(deletionJobs.leaseOwner, workerId)))
      .returning({ ticket: deletionJobs.ticket });
    if (recorded.length === 0) return;
    await tx
      .update(deletionJobSteps)
      .set({ finishedAt: new Date() })
      .where(and(eq(deletionJobSteps.ticket, ticket), eq(deletionJobSteps.step, DELETION_STEPS[stepIndex].name)));
  });
}

/** Told how long each batch's transaction held the writer, and the engine's housekeeping after it took (for bench:deletion). */
export type BatchObserver = (kind: 'transaction' | 'checkpoint', step: string, milliseconds: number) => void;

/** Runs a claimed job to its end; its events name the deletion job as their actor. */
export function runDeletionJob(claimed: DeletionJob, observeBatch?: BatchObserver): Promise<void> {
  return asSystemJob(SYSTEM_ACTORS.deletion, () => runDeletionSteps(claimed, observeBatch));
}

async function runDeletionSteps(claimed: DeletionJob, observeBatch?: BatchObserver): Promise<void> {
  const runBatch = async (step: (typeof DELETION_STEPS)[number], job: DeletionJob) => {
    await step.warmBatch?.(job);
    const started = performance.now();
    const removed = await transaction(() => step.runBatch(job));
    observeBatch?.('transaction', step.name, performance.now() - started);
    const housekeepingStarted = performance.now();
    await getEngine().afterBatch();
    observeBatch?.('checkpoint', step.name, performance.now() - housekeepingStarted);
    return removed;
  };
  try {
    for (let index = claimed.stepsDone; index < DELETION_STEPS.length; index++) {
      const job = await heartbeat(claimed.ticket);
      if (job.cancelRequested) {
        await finishCancelled(job);
        return;
      }
      const step = DELETION_STEPS[index];
      await startStep(job.ticket, index);
      // Each batch is its own short transaction; a full batch means there may be more.
      while ((await runBatch(step, job)) >= DELETION_BATCH_SIZE) {
        await heartbeat(job.ticket);
        await sleep(batchPauseMs());
      }
      await completeStep(job.ticket, index);
      // No pause after the last step: the job is done, and would only look stuck.
      if (index + 1 < DELETION_STEPS.length) await sleep(batchPauseMs());
    }
    await transaction(async (tx) => {
      await tx
        .update(deletionJobs)
        .set({ status: 'completed', finishedAt: new Date(), leaseOwner: null, leaseUntil: null, currentStep: null })
        .where(eq(deletionJobs.ticket, claimed.ticket));
      // The one event that still names the user after pseudonymisation: webhook receivers delete their copy by it.
      await recordAuditEvent({ action: 'user.deletion.completed', target: claimed.userId, after: { ticket: claimed.ticket } });
    });
  } catch (error) {
    if (error instanceof LeaseLost) return;
    await recordFailure(claimed, error);
  }
}

/** A failing step is retried by the next claim; after a few attempts the job fails and the user stays suspended. */
async function recordFailure(job: DeletionJob, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[gatehouse] Deletion ${job.ticket} failed (attempt ${job.attempts}):`, error);
  await transaction(async (tx) => {
    if (job.attempts >= MAX_ATTEMPTS) {
      await tx.update(deletionJobs).set({ status: 'failed', error: message, finishedAt: new Date(), leaseOwner: null, leaseUntil: null }).where(eq(deletionJobs.ticket, job.ticket));
      await tx.update(users).set({ status: 'suspended', version: sql`${users.version} + 1`, updatedAt: new Date() }).where(eq(users.id, job.userId));
      await recordAuditEvent({ action: 'user.deletion.failed', target: job.userId, after: { ticket: job.ticket, error: message } });
    } else {
      // Back off before the retry: the lease is left to run out rather than released.
      await tx.update(deletionJobs).set({ error: message, leaseUntil: new Date(Date.now() + LEASE_MS * job.attempts) }).where(eq(deletionJobs.ticket, job.ticket));
    }
  });
}

const holder = globalThis as typeof globalThis & { gatehouseDeletionWorker?: NodeJS.Timeout };

/** Starts polling for deletion jobs; called once at server start. */
export function startDeletionWorker(): void {
  if (holder.gatehouseDeletionWorker) return;
  let busy = false;
  holder.gatehouseDeletionWorker = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      for (let job = await claimDeletionJob(); job; job = await claimDeletionJob()) await runDeletionJob(job);
    } catch (error) {
      console.error('[gatehouse] Deletion worker error', error);
    } finally {
      busy = false;
    }
  }, POLL_MS);
  holder.gatehouseDeletionWorker.unref();
}
