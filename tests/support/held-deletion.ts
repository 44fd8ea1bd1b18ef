import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { TestDatabase } from './test-database';

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
export async function holdDeletion(database: Pick<TestDatabase, 'write'>, userId: string, { stepsDone = 0 } = {}): Promise<string> {
  const [{ DELETION_STEPS }, schema] = await Promise.all([import('@/lib/deletion/steps'), import('@/db/schema')]);
  const ticket = randomUUID();
  const startedAt = new Date();
  await database.write(async (tx) => {
    await tx
      .update(schema.users)
      .set({ status: 'deleting', sessionVersion: sql`${schema.users.sessionVersion} + 1`, version: sql`${schema.users.version} + 1` })
      .where(eq(schema.users.id, userId));
    await tx
      .insert(schema.deletionJobs)
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
      });
    for (const step of DELETION_STEPS.slice(0, stepsDone)) await tx.insert(schema.deletionJobSteps).values({ ticket, step: step.name, startedAt, finishedAt: startedAt });
  });
  held.push({ userId, ticket });
  return ticket;
}

/** Lets the server's worker have a held job: the lease runs out now, and the next poll claims it. */
export async function releaseDeletion(database: Pick<TestDatabase, 'write'>, ticket: string): Promise<void> {
  const { deletionJobs } = await import('@/db/schema');
  const released = await database.write((tx) => tx.update(deletionJobs).set({ leaseUntil: new Date(Date.now() - 1000) }).where(eq(deletionJobs.ticket, ticket)).returning());
  if (released.length !== 1) throw new Error(`No deletion ${ticket} to release`);
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
