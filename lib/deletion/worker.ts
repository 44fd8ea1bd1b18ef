import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { deletionJobSteps, deletionJobs, users } from '@/db/schema';
import { recordAuditEvent } from '@/lib/audit/events';
import { DELETION_BATCH_SIZE, DELETION_STEPS, finishCancelled, type DeletionJob } from './requests';

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
export function claimDeletionJob(now = Date.now()): DeletionJob | undefined {
  return getDb()
    .$client.prepare(
      `UPDATE deletion_jobs SET status = 'in-progress', lease_owner = @owner, lease_until = @until, attempts = attempts + 1,
         started_at = coalesce(started_at, @now)
       WHERE ticket = (SELECT ticket FROM deletion_jobs
                       WHERE status IN ('queued', 'in-progress') AND (lease_until IS NULL OR lease_until < @now)
                       ORDER BY created_at LIMIT 1)
       RETURNING ticket`,
    )
    .pluck()
    .all({ owner: workerId, until: now + LEASE_MS, now })
    .map((ticket) => getDb().select().from(deletionJobs).where(eq(deletionJobs.ticket, ticket as string)).get()!)[0];
}

/** Renews the lease and reads the job again; throws LeaseLost if another worker has it now. */
function heartbeat(ticket: string): DeletionJob {
  const job = getDb()
    .update(deletionJobs)
    .set({ leaseUntil: new Date(Date.now() + LEASE_MS) })
    .where(and(eq(deletionJobs.ticket, ticket), eq(deletionJobs.leaseOwner, workerId)))
    .returning()
    .get();
  if (!job) throw new LeaseLost();
  return job;
}

/** Records that a step starts; a half-done step that is run again gets its new start time. */
function startStep(ticket: string, stepIndex: number): void {
  const { name } = DELETION_STEPS[stepIndex];
  const now = new Date();
  getDb().transaction((tx) => {
    tx.update(deletionJobs).set({ currentStep: name }).where(eq(deletionJobs.ticket, ticket)).run();
    tx.insert(deletionJobSteps)
      .values({ ticket, step: name, startedAt: now })
      .onConflictDoUpdate({ target: [deletionJobSteps.ticket, deletionJobSteps.step], set: { startedAt: now, finishedAt: null } })
      .run();
  });
}

/** Records a finished step, unless another worker has taken the job over. `steps_done` only ever grows. */
function completeStep(ticket: string, stepIndex: number): void {
  const next = DELETION_STEPS[stepIndex + 1]?.name ?? null;
  getDb().transaction((tx) => {
    const recorded = tx
      .update(deletionJobs)
      .set({ stepsDone: sql`max(${deletionJobs.stepsDone}, ${stepIndex + 1})`, currentStep: next, error: null })
      .where(and(eq(deletionJobs.ticket, ticket), eq(deletionJobs.leaseOwner, workerId)))
      .run();
    if (recorded.changes === 0) return;
    tx.update(deletionJobSteps)
      .set({ finishedAt: new Date() })
      .where(and(eq(deletionJobSteps.ticket, ticket), eq(deletionJobSteps.step, DELETION_STEPS[stepIndex].name)))
      .run();
  });
}

/** Told how long each batch's transaction held the writer, and its checkpoint took (for bench:deletion). */
export type BatchObserver = (kind: 'transaction' | 'checkpoint', step: string, milliseconds: number) => void;

export async function runDeletionJob(claimed: DeletionJob, observeBatch?: BatchObserver): Promise<void> {
  const db = getDb();
  const runBatch = (step: (typeof DELETION_STEPS)[number], job: DeletionJob) => {
    step.warmBatch?.(db, job);
    const started = performance.now();
    const removed = db.transaction(() => step.runBatch(db, job));
    observeBatch?.('transaction', step.name, performance.now() - started);
    // Copy the batch into the database file now, a little at a time, rather than let the
    // automatic checkpoint copy thousands of pages at once inside a later COMMIT. A passive
    // checkpoint never waits for, or holds up, readers and writers.
    const checkpointStarted = performance.now();
    db.$client.pragma('wal_checkpoint(PASSIVE)');
    observeBatch?.('checkpoint', step.name, performance.now() - checkpointStarted);
    return removed;
  };
  try {
    for (let index = claimed.stepsDone; index < DELETION_STEPS.length; index++) {
      const job = heartbeat(claimed.ticket);
      if (job.cancelRequested) {
        finishCancelled(db, job);
        return;
      }
      const step = DELETION_STEPS[index];
      startStep(job.ticket, index);
      // Each batch is its own short transaction; a full batch means there may be more.
      while (runBatch(step, job) >= DELETION_BATCH_SIZE) {
        heartbeat(job.ticket);
        await sleep(batchPauseMs());
      }
      completeStep(job.ticket, index);
      // No pause after the last step: the job is done, and would only look stuck.
      if (index + 1 < DELETION_STEPS.length) await sleep(batchPauseMs());
    }
    db.transaction((tx) => {
      tx.update(deletionJobs)
        .set({ status: 'completed', finishedAt: new Date(), leaseOwner: null, leaseUntil: null, currentStep: null })
        .where(eq(deletionJobs.ticket, claimed.ticket))
        .run();
      recordAuditEvent({ actor: null, action: 'user.deletion.completed', target: null, after: { ticket: claimed.ticket } }, tx);
    });
  } catch (error) {
    if (error instanceof LeaseLost) return;
    recordFailure(claimed, error);
  }
}

/** A failing step is retried by the next claim; after a few attempts the job fails and the user stays suspended. */
function recordFailure(job: DeletionJob, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[gatehouse] Deletion ${job.ticket} failed (attempt ${job.attempts}):`, error);
  const db = getDb();
  db.transaction((tx) => {
    if (job.attempts >= MAX_ATTEMPTS) {
      tx.update(deletionJobs).set({ status: 'failed', error: message, finishedAt: new Date(), leaseOwner: null, leaseUntil: null }).where(eq(deletionJobs.ticket, job.ticket)).run();
      tx.update(users).set({ status: 'suspended', version: sql`${users.version} + 1`, updatedAt: new Date() }).where(eq(users.id, job.userId)).run();
      recordAuditEvent({ actor: null, action: 'user.deletion.failed', target: job.userId, after: { ticket: job.ticket, error: message } }, tx);
    } else {
      // Back off before the retry: the lease is left to run out rather than released.
      tx.update(deletionJobs).set({ error: message, leaseUntil: new Date(Date.now() + LEASE_MS * job.attempts) }).where(eq(deletionJobs.ticket, job.ticket)).run();
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
      for (let job = claimDeletionJob(); job; job = claimDeletionJob()) await runDeletionJob(job);
    } catch (error) {
      console.error('[gatehouse] Deletion worker error', error);
    } finally {
      busy = false;
    }
  }, POLL_MS);
  holder.gatehouseDeletionWorker.unref();
}
