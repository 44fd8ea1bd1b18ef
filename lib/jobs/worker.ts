import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { getEngine, queryRows, transaction } from '@/db/client';
import { bulkJobs } from '@/db/schema';
import { withAuditContext } from '@/lib/audit/context';
import { giveWay } from '@/lib/server/foreground';
import { LeaseLost, type BulkJob, type BulkJobKind } from './jobs';

/**
 * Runs bulk jobs (imports, bulk actions) one at a time inside the server process, as the
 * deletion worker runs deletions: a job is claimed with a lease that each batch renews; a
 * worker that dies stops renewing, the lease runs out, and the next worker resumes the job
 * where its last committed batch left it. A batch records its rows and the job's progress in
 * one transaction (advanceJob), so no row is done twice or half.
 */

export type JobHandler = {
  /** Does one batch in its own transaction, calling advanceJob there; answers false once nothing is left. */
  runBatch: (job: BulkJob, workerId: string) => Promise<boolean>;
  /** In the transaction that ends the job (completed or cancelled while running): its summary event, say. */
  onFinish?: (job: BulkJob) => Promise<void>;
};

/** The handler of each kind this process runs; a job of a kind without one stays queued for a process that has it. */
export type JobHandlers = Partial<Record<BulkJobKind, JobHandler>>;

const LEASE_MS = 15_000;
const POLL_MS = 500;
const MAX_ATTEMPTS = 3;

export const bulkWorkerId = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

/** How long a batch waits at most for requests in hand to be answered (giveWay) before the next. */
const BATCH_GIVE_WAY_MS = 25;

/** A pause between batches leaves the writer to requests; tunable for slow disks (and tests). */
function batchPauseMs(): number {
  const value = Number(process.env.BULK_JOB_BATCH_PAUSE_MS ?? 0);
  return Number.isFinite(value) && value >= 0 ? value : 0;
}

/** Claims the oldest runnable job: queued, or in progress under an expired lease. */
export function claimBulkJob(kinds: BulkJobKind[], workerId = bulkWorkerId, now = new Date()): Promise<BulkJob | undefined> {
  return transaction(async (tx) => {
    const runnable = and(
      inArray(bulkJobs.kind, kinds),
      inArray(bulkJobs.status, ['queued', 'in-progress']),
      or(isNull(bulkJobs.leaseUntil), lt(bulkJobs.leaseUntil, now)),
    );
    const [candidate] = await queryRows<{ id: string }>(sql`SELECT id FROM bulk_jobs WHERE ${runnable} ORDER BY created_at LIMIT 1 ${getEngine().claimLock}`);
    if (!candidate) return undefined;
    const [job] = await tx.select({ startedAt: bulkJobs.startedAt }).from(bulkJobs).where(eq(bulkJobs.id, candidate.id));
    const [claimed] = await tx
      .update(bulkJobs)
      .set({
        status: 'in-progress',
        leaseOwner: workerId,
        leaseUntil: new Date(now.getTime() + LEASE_MS),
        attempts: sql`${bulkJobs.attempts} + 1`,
        startedAt: job.startedAt ?? now,
      })
      .where(eq(bulkJobs.id, candidate.id))
      .returning();
    return claimed;
  });
}

/** Renews the lease and reads the job again; throws LeaseLost if another worker has it now. */
async function heartbeat(id: string, workerId: string): Promise<BulkJob> {
  const [job] = await transaction((tx) =>
    tx
      .update(bulkJobs)
      .set({ leaseUntil: new Date(Date.now() + LEASE_MS) })
      .where(and(eq(bulkJobs.id, id), eq(bulkJobs.leaseOwner, workerId)))
      .returning(),
  );
  if (!job) throw new LeaseLost();
  return job;
}

/** Ends the job as `status`, unless another worker took it over meanwhile. */
async function finishJob(id: string, workerId: string, status: 'completed' | 'cancelled', handler: JobHandler): Promise<void> {
  await transaction(async (tx) => {
    const [job] = await tx
      .update(bulkJobs)
      .set({ status, finishedAt: new Date(), leaseOwner: null, leaseUntil: null, error: null })
      .where(and(eq(bulkJobs.id, id), eq(bulkJobs.leaseOwner, workerId)))
      .returning();
    if (job) await handler.onFinish?.(job);
  });
}

/**
 * Runs a claimed job to its end. Its events name the admin who asked for it as their actor
 * (each user's change is audited as if they had made it), with the job's id as request id.
 */
export function runBulkJob(claimed: BulkJob, handlers: JobHandlers, workerId = bulkWorkerId): Promise<void> {
  const context = { actor: claimed.requestedBy ? { kind: 'user' as const, id: claimed.requestedBy } : null, requestId: claimed.id };
  const handler = handlers[claimed.kind];
  if (!handler) throw new Error(`No handler for ${claimed.kind} jobs`);
  return withAuditContext(context, () => runBatches(claimed, handler, workerId));
}

async function runBatches(claimed: BulkJob, handler: JobHandler, workerId: string): Promise<void> {
  try {
    for (;;) {
      const job = await heartbeat(claimed.id, workerId);
      if (job.cancelRequested) return await finishJob(job.id, workerId, 'cancelled', handler);
      const more = await handler.runBatch(job, workerId);
      await getEngine().afterBatch();
      if (!more) return await finishJob(job.id, workerId, 'completed', handler);
      await sleep(batchPauseMs());
      await giveWay(BATCH_GIVE_WAY_MS);
    }
  } catch (error) {
    if (error instanceof LeaseLost) return;
    await recordFailure(claimed, workerId, error);
  }
}

/** A failing batch is retried by the next claim; after a few attempts the job fails, keeping what it did. */
async function recordFailure(job: BulkJob, workerId: string, error: unknown): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[gatehouse] Bulk job ${job.id} failed (attempt ${job.attempts}):`, error);
  const ours = and(eq(bulkJobs.id, job.id), eq(bulkJobs.leaseOwner, workerId));
  await transaction((tx) =>
    job.attempts >= MAX_ATTEMPTS
      ? tx.update(bulkJobs).set({ status: 'failed', error: message, finishedAt: new Date(), leaseOwner: null, leaseUntil: null }).where(ours)
      : // Back off before the retry: the lease is left to run out rather than released.
        tx.update(bulkJobs).set({ error: message, leaseUntil: new Date(Date.now() + LEASE_MS * job.attempts) }).where(ours),
  );
}

const holder = globalThis as typeof globalThis & { gatehouseBulkJobWorker?: NodeJS.Timeout };

/** Starts polling for bulk jobs; called once at server start with the handler of each kind. */
export function startBulkJobWorker(handlers: JobHandlers): void {
  if (holder.gatehouseBulkJobWorker) return;
  const kinds = Object.keys(handlers) as BulkJobKind[];
  let busy = false;
  holder.gatehouseBulkJobWorker = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      for (let job = await claimBulkJob(kinds); job; job = await claimBulkJob(kinds)) await runBulkJob(job, handlers);
    } catch (error) {
      console.error('[gatehouse] Bulk job worker error', error);
    } finally {
      busy = false;
    }
  }, POLL_MS);
  holder.gatehouseBulkJobWorker.unref();
}
