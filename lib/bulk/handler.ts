import { and, asc, eq, isNull, max } from 'drizzle-orm';
import { transaction } from '@/db/client';
import { bulkJobRows, bulkJobs } from '@/db/schema';
import { recordAuditEvent } from '@/lib/audit/events';
import type { Principal } from '@/lib/auth/principal';
import { advanceJob, type BulkJob } from '@/lib/jobs/jobs';
import type { JobHandler } from '@/lib/jobs/worker';
import { getUserById } from '@/lib/users/users';
import type { BulkOutcome } from './actions';
import { applyBulkAction } from './apply';
import type { BulkJobParams } from './params';
import { selectionPage } from './selection';

/** Users gathered per transaction: one indexed page read, one insert. */
const GATHER_BATCH = 1000;
/** Users changed per transaction: short enough that requests do not wait long behind the writer. */
const APPLY_BATCH = 100;

/**
 * The requester as the job acts: their reach when they asked (bulk_jobs.reach), so a tenant
 * admin's job never reaches past the tenants they administered then.
 */
async function jobPrincipal(job: BulkJob): Promise<Principal> {
  const user = job.requestedBy ? await getUserById(job.requestedBy) : undefined;
  if (!user) throw new Error('The admin who asked for this bulk action no longer exists.');
  return { user, scopes: [], isAdmin: job.reach === null, adminOfTenants: job.reach ?? [] };
}

/**
 * Gathers the next page of a filter's users into bulk_job_rows, resuming after the cursor kept
 * with the job. The last page fixes stepsTotal to the users actually gathered.
 */
async function gatherBatch(job: BulkJob, params: BulkJobParams & { selection: { pattern: string | null; filter: string[] } }, workerId: string): Promise<void> {
  const restriction = job.reach === null ? null : { tenantIds: job.reach };
  const page = await selectionPage(params.selection, restriction, params.gatherCursor, GATHER_BATCH);
  await transaction(async (tx) => {
    // Checks the lease first: a worker that lost the job writes nothing.
    await advanceJob(job.id, workerId, 0, {});
    const [{ last }] = await tx.select({ last: max(bulkJobRows.position) }).from(bulkJobRows).where(eq(bulkJobRows.jobId, job.id));
    const start = Number(last ?? 0);
    if (page.users.length) await tx.insert(bulkJobRows).values(page.users.map((user, i) => ({ jobId: job.id, position: start + i + 1, userId: user.id, email: user.email })));
    const gathered = page.nextCursor === null;
    await tx
      .update(bulkJobs)
      .set({ params: { ...params, gathered, gatherCursor: page.nextCursor }, ...(gathered ? { stepsTotal: start + page.users.length } : {}) })
      .where(eq(bulkJobs.id, job.id));
  });
}

/** Applies the action to the next rows, recording each row's outcome and the job's progress in the same transaction. */
async function applyBatch(job: BulkJob, params: BulkJobParams, workerId: string): Promise<boolean> {
  const principal = await jobPrincipal(job);
  return transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(bulkJobRows)
      .where(and(eq(bulkJobRows.jobId, job.id), isNull(bulkJobRows.outcome)))
      .orderBy(asc(bulkJobRows.position))
      .limit(APPLY_BATCH);
    const tally: Partial<Record<BulkOutcome, number>> = {};
    for (const row of rows) {
      const { outcome, email, reason } = await applyBulkAction(params, principal, row.userId!);
      tally[outcome] = (tally[outcome] ?? 0) + 1;
      await tx
        .update(bulkJobRows)
        .set({ outcome, email: email ?? row.email, errors: reason ? [{ field: 'user', message: reason }] : null })
        .where(and(eq(bulkJobRows.jobId, job.id), eq(bulkJobRows.position, row.position)));
    }
    await advanceJob(job.id, workerId, rows.length, tally);
    return rows.length === APPLY_BATCH;
  });
}

/** Bulk actions (lib/bulk/start.ts queues them): gather the selection, then change each user. */
export const bulkActionJobHandler: JobHandler = {
  async runBatch(job, workerId) {
    const params = job.params as BulkJobParams;
    if (!params.gathered && 'pattern' in params.selection) {
      await gatherBatch(job, { ...params, selection: params.selection }, workerId);
      return true;
    }
    return applyBatch(job, params, workerId);
  },
  async onFinish(job) {
    const { action } = job.params as BulkJobParams;
    await recordAuditEvent({
      action: job.status === 'cancelled' ? 'bulk.cancelled' : 'bulk.finished',
      target: job.id,
      after: { action, stepsDone: job.stepsDone, stepsTotal: job.stepsTotal, counts: job.counts },
    });
  },
};
