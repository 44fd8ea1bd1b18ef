import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { useServerDatabase } from './database';

type ServerDatabase = Pick<Awaited<ReturnType<typeof useServerDatabase>>, 'db' | 'schema'>;

const held: Array<{ userId: string; ticket: string }> = [];

/**
 * Puts a user in the middle of a deletion that the server's worker leaves alone: the job's
 * lease is held for an hour, as if another instance were running it. The API and the pages
 * then answer as they do while a deletion runs, however fast the worker would have been, so
 * a test can assert that answer alone. With `stepsDone` the job is held part-way, as if its
 * first steps had run (they are only recorded: the user's rows stay, so hold a user who has
 * none, or expect them back). Cancelling the job through the API ends it and leaves the user
 * suspended; cancelHeldDeletions does that for whatever a file left held. Returns the ticket.
 */
export async function holdDeletion({ db, schema }: ServerDatabase, userId: string, { stepsDone = 0 } = {}): Promise<string> {
  const { DELETION_STEPS } = await import('@/lib/deletion/steps');
  const ticket = randomUUID();
  const startedAt = new Date();
  db.transaction((tx) => {
    tx.update(schema.users)
      .set({ status: 'deleting', sessionVersion: sql`${schema.users.sessionVersion} + 1`, version: sql`${schema.users.version} + 1` })
      .where(eq(schema.users.id, userId))
      .run();
    tx.insert(schema.deletionJobs)
      .values({
        ticket,
        userId,
        status: stepsDone > 0 ? 'in-progress' : 'queued',
        stepsDone,
        stepsTotal: DELETION_STEPS.length,
        currentStep: DELETION_STEPS[stepsDone].name,
        leaseOwner: 'held-by-a-test',
        leaseUntil: new Date(Date.now() + 60 * 60 * 1000),
        startedAt: stepsDone > 0 ? startedAt : null,
      })
      .run();
    for (const step of DELETION_STEPS.slice(0, stepsDone)) tx.insert(schema.deletionJobSteps).values({ ticket, step: step.name, startedAt, finishedAt: startedAt }).run();
  });
  held.push({ userId, ticket });
  return ticket;
}

/** Lets the server's worker have a held job: the lease runs out now, and the next poll claims it. */
export function releaseDeletion({ db, schema }: ServerDatabase, ticket: string): void {
  const released = db.update(schema.deletionJobs).set({ leaseUntil: new Date(Date.now() - 1000) }).where(eq(schema.deletionJobs.ticket, ticket)).run();
  if (released.changes !== 1) throw new Error(`No deletion ${ticket} to release`);
}

/** Cancels, as an admin, every deletion held here that nobody cancelled yet, so no job is left running for later files. */
export async function cancelHeldDeletions(adminToken: string): Promise<void> {
  // Loaded here, not at the top: the browser tests hold deletions too, and cannot load vitest.
  const { api } = await import('./api');
  for (const { userId, ticket } of held.splice(0)) {
    const path = `/api/v1/users/${userId}/delete-status/${ticket}`;
    const job = await api(path, { token: adminToken });
    if (job.status !== 200) throw new Error(`GET ${path}: ${job.status} ${job.text}`);
    if (job.body.status !== 'queued') continue;
    const cancelled = await api(path, { method: 'DELETE', token: adminToken });
    if (cancelled.status !== 200) throw new Error(`DELETE ${path}: ${cancelled.status} ${cancelled.text}`);
  }
}
