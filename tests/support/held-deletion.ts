import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { api } from './api';
import type { useServerDatabase } from './database';

type ServerDatabase = Awaited<ReturnType<typeof useServerDatabase>>;

const held: Array<{ userId: string; ticket: string }> = [];

/**
 * Puts a user in the middle of a deletion that the server's worker leaves alone: the job's
 * lease is held for an hour, as if another instance were running it. The API then answers as
 * it does while a deletion runs, however fast the worker would have been, so a test can assert
 * that answer alone. Cancelling the job through the API ends it and leaves the user suspended;
 * cancelHeldDeletions does that for whatever a file left held. Returns the ticket.
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
  held.push({ userId, ticket });
  return ticket;
}

/** Cancels, as an admin, every deletion held here that nobody cancelled yet, so no job is left running for later files. */
export async function cancelHeldDeletions(adminToken: string): Promise<void> {
  for (const { userId, ticket } of held.splice(0)) {
    const path = `/api/v1/users/${userId}/delete-status/${ticket}`;
    const job = await api(path, { token: adminToken });
    if (job.status !== 200) throw new Error(`GET ${path}: ${job.status} ${job.text}`);
    if (job.body.status !== 'queued') continue;
    const cancelled = await api(path, { method: 'DELETE', token: adminToken });
    if (cancelled.status !== 200) throw new Error(`DELETE ${path}: ${cancelled.status} ${cancelled.text}`);
  }
}
