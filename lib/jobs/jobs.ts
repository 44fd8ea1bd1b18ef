import { and, desc, eq, sql } from 'drizzle-orm';
import { getDb, transaction } from '@/db/client';
import { bulkJobs, type bulkJobKinds } from '@/db/schema';
import { newId } from '@/db/ids';
import { ApiError } from '@/lib/api/errors';
import type { Principal } from '@/lib/auth/principal';

/**
 * Bulk jobs (imports and bulk actions): created by a request, run by lib/jobs/worker.ts. A job
 * is visible to the admin who asked for it and to system admins; to anyone else its id does
 * not exist.
 */

export type BulkJob = typeof bulkJobs.$inferSelect;
export type BulkJobKind = (typeof bulkJobKinds)[number];

const FINISHED_STATUSES: readonly BulkJob['status'][] = ['completed', 'failed', 'cancelled'];

export function isFinished(job: Pick<BulkJob, 'status'>): boolean {
  return FINISHED_STATUSES.includes(job.status);
}

/** What the API answers and the pages show about a job. */
export type BulkJobStatus = {
  id: string;
  kind: BulkJobKind;
  status: BulkJob['status'];
  stepsDone: number;
  stepsTotal: number;
  counts: Record<string, number>;
  cancelRequested: boolean;
  error: string | null;
  requestedBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

export function toBulkJobStatus(job: BulkJob): BulkJobStatus {
  const { id, kind, status, stepsDone, stepsTotal, counts, cancelRequested, error, requestedBy, createdAt, startedAt, finishedAt } = job;
  return { id, kind, status, stepsDone, stepsTotal, counts, cancelRequested, error, requestedBy, createdAt, startedAt, finishedAt };
}

/** The reach a job keeps from its requester: null for a system admin, else the tenants they administer. */
export function reachOf(principal: Principal): string[] | null {
  return principal.isAdmin ? null : principal.adminOfTenants;
}

export type NewBulkJob = { kind: BulkJobKind; params: Record<string, unknown>; requestedBy: Principal; stepsTotal: number };

/** Queues a job; inside the caller's transaction when there is one, so its rows can be written with it. */
export async function createBulkJob({ kind, params, requestedBy, stepsTotal }: NewBulkJob): Promise<BulkJob> {
  const [job] = await getDb()
    .insert(bulkJobs)
    .values({ id: newId(kind === 'import' ? 'imp' : 'blk'), kind, params, requestedBy: requestedBy.user.id, reach: reachOf(requestedBy), stepsTotal })
    .returning();
  return job;
}

/** The job, if `principal` may see it (its requester, or a system admin); otherwise 404 as for a made-up id. */
export async function requireVisibleJob(id: string, kind: BulkJobKind, principal: Principal): Promise<BulkJob> {
  const [job] = await getDb().select().from(bulkJobs).where(and(eq(bulkJobs.id, id), eq(bulkJobs.kind, kind))).limit(1);
  if (!job || (!principal.isAdmin && job.requestedBy !== principal.user.id)) throw new ApiError('not-found', 'There is no such job.');
  return job;
}

/** A principal's recent jobs of a kind, newest first (all of them for a system admin). */
export async function listVisibleJobs(kind: BulkJobKind, principal: Principal, limit = 20): Promise<BulkJobStatus[]> {
  const visible = principal.isAdmin ? eq(bulkJobs.kind, kind) : and(eq(bulkJobs.kind, kind), eq(bulkJobs.requestedBy, principal.user.id));
  return (await getDb().select().from(bulkJobs).where(visible).orderBy(desc(bulkJobs.createdAt)).limit(limit)).map(toBulkJobStatus);
}

/**
 * Asks a job to stop. A queued job stops at once; a running one stops after its current batch
 * (what was done stays done). Asking again, or after it finished, answers its status unchanged.
 */
export function requestJobCancel(id: string, kind: BulkJobKind, principal: Principal): Promise<BulkJob> {
  return transaction(async (tx) => {
    const job = await requireVisibleJob(id, kind, principal);
    if (isFinished(job)) return job;
    const stopNow = job.status === 'queued';
    const [updated] = await tx
      .update(bulkJobs)
      .set(stopNow ? { cancelRequested: true, status: 'cancelled', finishedAt: new Date() } : { cancelRequested: true })
      .where(eq(bulkJobs.id, id))
      .returning();
    return updated;
  });
}

/** Thrown inside a batch when another worker holds the job now: the batch rolls back. */
export class LeaseLost extends Error {}

/**
 * Inside a batch's transaction: counts `rowsDone` more rows, with their outcomes, toward the
 * job's progress. It fails (LeaseLost, rolling the batch back) if `workerId` no longer holds
 * the lease, so two workers never both record a row.
 */
export async function advanceJob(jobId: string, workerId: string, rowsDone: number, outcomes: Record<string, number>): Promise<void> {
  const db = getDb();
  const [job] = await db.select({ counts: bulkJobs.counts }).from(bulkJobs).where(and(eq(bulkJobs.id, jobId), eq(bulkJobs.leaseOwner, workerId)));
  if (!job) throw new LeaseLost();
  const counts = { ...job.counts };
  for (const [outcome, n] of Object.entries(outcomes)) counts[outcome] = (counts[outcome] ?? 0) + n;
  await db
    .update(bulkJobs)
    .set({ stepsDone: sql`${bulkJobs.stepsDone} + ${rowsDone}`, counts })
    .where(eq(bulkJobs.id, jobId));
}
