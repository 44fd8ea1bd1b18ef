import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { useServerDatabase } from './database';

type ServerDatabase = Awaited<ReturnType<typeof useServerDatabase>>;

/**
 * Puts a user in the middle of a deletion that the server's worker leaves alone: the job's
 * lease is held for an hour, as if another instance were running it. The API then answers as
 * it does while a deletion runs, however fast the worker would have been, so a test can assert
 * that answer alone. Cancelling the job through the API ends it and leaves the user suspended.
 * Returns the ticket.
 */
export async function holdDeletion({ db, schema }: ServerDatabase, userId: string): Promise<string> {
  const { DELETION_STEPS } = await import('@/lib/deletions');
  const ticket = randomUUID();
  db.transaction((tx) => {
    tx.update(schema.users)
      .set({ status: 'deleting', sessionVersion: sql`${schema.users.sessionVersion} + 1`, version: sql`${schema.users.version} + 1` })
      .where(eq(schema.users.id, userId))
      .run();
    tx.insert(schema.deletionJobs)
      .values({
        ticket,
        userId,
        stepsTotal: DELETION_STEPS.length,
        currentStep: DELETION_STEPS[0].name,
        leaseOwner: 'held-by-a-test',
        leaseUntil: new Date(Date.now() + 60 * 60 * 1000),
      })
      .run();
  });
  return ticket;
}
