import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A bulk action whose worker dies mid-job, on a temporary SQLite database: the next worker resumes it.
const folder = mkdtempSync(path.join(tmpdir(), 'gatehouse-bulk-resume-'));
process.env.DATABASE_URL = `file:${path.join(folder, 'bulk.db')}`;
process.env.AUTH_SECRET = 'unit-test-secret-for-bulk-resume-0123456789';
delete process.env.SMTP_URL;

const { closeDatabase, getDb, getEngine, transaction } = await import('@/db/client');
const { auditEvents, bulkJobRows, bulkJobs, users, userScopes } = await import('@/db/schema');
const { newId } = await import('@/db/ids');
const { and, count, countDistinct, eq } = await import('drizzle-orm');
const { principalFor } = await import('@/lib/auth/principal');
const { startBulkAction } = await import('@/lib/bulk/start');
const { bulkActionJobHandler } = await import('@/lib/bulk/handler');
const { LeaseLost } = await import('@/lib/jobs/jobs');
const { claimBulkJob, runBulkJob } = await import('@/lib/jobs/worker');
const { createUser } = await import('@/lib/users/users');

const SELECTED = 1500;
const PLAN = 'resume-plan';
const handlers = { 'bulk-action': bulkActionJobHandler };

beforeAll(async () => {
  await getEngine().migrate();
});

afterAll(async () => {
  await closeDatabase();
  rmSync(folder, { recursive: true, force: true });
});

describe('a bulk action after its worker dies', () => {
  it('is resumed by another worker: every selected user is gathered and changed exactly once, and the dead worker writes nothing', async () => {
    const requester = await createUser({ email: 'requester@example.com', scope: ['user', 'admin'], plan: PLAN, sendInvite: false });
    for (let start = 0; start < SELECTED; start += 250) {
      const rows = Array.from({ length: 250 }, (_, i) => {
        const email = `member-${start + i}@example.com`;
        return { id: newId('usr'), email, emailNormalized: email, username: email, usernameNormalized: email, plan: PLAN };
      });
      await transaction(async (tx) => {
        await tx.insert(users).values(rows);
        await tx.insert(userScopes).values(rows.map((row) => ({ userId: row.id, scope: 'user' })));
      });
    }
    const job = await startBulkAction({ action: 'suspend', filter: [`plan:${PLAN}`] }, await principalFor(requester));

    const jobNow = async () => (await getDb().select().from(bulkJobs).where(eq(bulkJobs.id, job.id)))[0];
    const rowsWith = async (outcome?: 'done') =>
      (await getDb().select({ n: count() }).from(bulkJobRows).where(and(eq(bulkJobRows.jobId, job.id), outcome ? eq(bulkJobRows.outcome, outcome) : undefined)))[0].n;
    const takeOver = async (workerId: string) => (await claimBulkJob(['bulk-action'], workerId, new Date(Date.now() + 60_000 * Number(workerId.at(-1)))))!;

    // The first worker gathers one page of the selection (1,000 users), then dies.
    const first = (await claimBulkJob(['bulk-action'], 'worker-1'))!;
    expect(await bulkActionJobHandler.runBatch(first, 'worker-1')).toBe(true);
    expect(await rowsWith()).toBe(1000);
    const seenByFirst = await jobNow();

    // Its lease runs out; a second worker gathers the rest after the kept cursor, changes one batch, and dies too.
    const second = await takeOver('worker-2');
    expect(second.id).toBe(job.id);
    // A batch the first worker was still running when it lost the job writes nothing.
    await expect(bulkActionJobHandler.runBatch(seenByFirst, 'worker-1')).rejects.toBeInstanceOf(LeaseLost);
    expect(await rowsWith()).toBe(1000);
    expect(await bulkActionJobHandler.runBatch(second, 'worker-2')).toBe(true);
    expect(await rowsWith()).toBe(SELECTED + 1);
    const gathered = await jobNow();
    expect(await bulkActionJobHandler.runBatch(gathered, 'worker-2')).toBe(true);
    expect(await rowsWith('done')).toBe(99);

    // A third worker finishes the job.
    const third = await takeOver('worker-3');
    await expect(bulkActionJobHandler.runBatch(gathered, 'worker-2')).rejects.toBeInstanceOf(LeaseLost);
    await runBulkJob(third, handlers, 'worker-3');
    const [done] = await getDb().select().from(bulkJobs).where(eq(bulkJobs.id, job.id));
    expect(done).toMatchObject({ status: 'completed', stepsDone: SELECTED + 1, stepsTotal: SELECTED + 1, counts: { done: SELECTED, refused: 1 } });
    const [{ rows, distinctUsers }] = await getDb()
      .select({ rows: count(), distinctUsers: countDistinct(bulkJobRows.userId) })
      .from(bulkJobRows)
      .where(eq(bulkJobRows.jobId, job.id));
    expect([rows, distinctUsers]).toEqual([SELECTED + 1, SELECTED + 1]);
    const [{ events, targets }] = await getDb()
      .select({ events: count(), targets: countDistinct(auditEvents.target) })
      .from(auditEvents)
      // This database's only suspensions (the batch run by hand above ran outside the worker's audit context).
      .where(eq(auditEvents.action, 'user.suspended'));
    expect([events, targets]).toEqual([SELECTED, SELECTED]);
    const [{ suspended }] = await getDb().select({ suspended: count() }).from(users).where(and(eq(users.plan, PLAN), eq(users.status, 'suspended')));
    expect(suspended).toBe(SELECTED);
  }, 60_000);
});
