import { eq } from 'drizzle-orm';
import type { TestDatabase } from './test-database';

/**
 * An import job in the middle of its run that the server's worker leaves alone: its lease is
 * held for an hour, as if another instance were running it, so a test can read or cancel it
 * while it runs, however fast the worker would have been. It has no rows; endHeldImport marks
 * it cancelled so no test leaves a running import behind. Returns its id.
 */
export async function holdImport(database: Pick<TestDatabase, 'write'>, requestedBy: string, { stepsTotal = 100, stepsDone = 40 } = {}): Promise<string> {
  const { bulkJobs } = await import('@/db/schema');
  const { newId } = await import('@/db/ids');
  const id = newId('imp');
  await database.write((tx) =>
    tx.insert(bulkJobs).values({
      id,
      kind: 'import',
      params: { mode: 'create', invite: false, format: 'csv' },
      requestedBy,
      reach: null,
      status: 'in-progress',
      stepsDone,
      stepsTotal,
      counts: { created: stepsDone },
      leaseOwner: 'held-by-a-test',
      leaseUntil: new Date(Date.now() + 60 * 60 * 1000),
      startedAt: new Date(),
    }),
  );
  return id;
}

export async function endHeldImport(database: Pick<TestDatabase, 'write'>, id: string): Promise<void> {
  const { bulkJobs } = await import('@/db/schema');
  await database.write((tx) => tx.update(bulkJobs).set({ status: 'cancelled', finishedAt: new Date(), leaseOwner: null, leaseUntil: null }).where(eq(bulkJobs.id, id)));
}
