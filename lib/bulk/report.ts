import { and, asc, eq, gt } from 'drizzle-orm';
import { getDb, transaction } from '@/db/client';
import { bulkJobRows } from '@/db/schema';
import { recordAuditEvent } from '@/lib/audit/events';
import type { Principal } from '@/lib/auth/principal';
import { requestJobCancel, requireVisibleJob, toBulkJobStatus, type BulkJob, type BulkJobStatus } from '@/lib/jobs/jobs';
import type { BulkAction } from './actions';
import type { BulkJobParams } from './params';
import type { BulkReportQuery } from './schemas';

export type RefusedRow = { userId: string | null; email: string | null; reason: string };

/** A bulk action as GET /api/v1/users/bulk/{id} answers it and its page shows it: progress, counts, refused users a page at a time. */
export type BulkActionReport = Omit<BulkJobStatus, 'kind' | 'counts'> & {
  action: BulkAction;
  scope: string | null;
  tenantId: string | null;
  counts: { done: number; unchanged: number; refused: number };
  refused: RefusedRow[];
  nextCursor: string | null;
};

function reportOf(job: BulkJob, refused: RefusedRow[], nextCursor: string | null): BulkActionReport {
  const params = job.params as BulkJobParams;
  const { kind: _kind, counts, ...status } = toBulkJobStatus(job);
  const { done = 0, unchanged = 0, refused: refusedCount = 0 } = counts;
  return { ...status, action: params.action, scope: params.scope, tenantId: params.tenantId, counts: { done, unchanged, refused: refusedCount }, refused, nextCursor };
}

/** The job (its requester's or any for a system admin; otherwise 404) with a page of its refused users, in selection order. */
export async function getBulkActionReport(id: string, principal: Principal, { cursor, limit }: BulkReportQuery): Promise<BulkActionReport> {
  const job = await requireVisibleJob(id, 'bulk-action', principal);
  const after = cursor === undefined ? undefined : gt(bulkJobRows.position, Number(cursor));
  const rows = await getDb()
    .select({ position: bulkJobRows.position, userId: bulkJobRows.userId, email: bulkJobRows.email, errors: bulkJobRows.errors })
    .from(bulkJobRows)
    .where(and(eq(bulkJobRows.jobId, job.id), eq(bulkJobRows.outcome, 'refused'), after))
    .orderBy(asc(bulkJobRows.position))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const refused = page.map((row) => ({ userId: row.userId, email: row.email, reason: row.errors?.[0]?.message ?? 'Refused.' }));
  return reportOf(job, refused, rows.length > limit ? String(page.at(-1)!.position) : null);
}

/**
 * Asks a bulk action to stop: at once if it has not started, else after its current batch
 * (users already changed stay changed). One the worker never ran is recorded as cancelled here;
 * a running one when it stops.
 */
export function cancelBulkAction(id: string, principal: Principal): Promise<BulkJob> {
  return transaction(async () => {
    const before = await requireVisibleJob(id, 'bulk-action', principal);
    const job = await requestJobCancel(id, 'bulk-action', principal);
    if (before.status === 'queued' && job.status === 'cancelled') {
      await recordAuditEvent({ action: 'bulk.cancelled', target: job.id, after: { action: (job.params as BulkJobParams).action, stepsDone: 0, stepsTotal: job.stepsTotal, counts: job.counts } });
    }
    return job;
  });
}
