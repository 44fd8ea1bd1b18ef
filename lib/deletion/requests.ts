import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { getDb, lockFor, transaction } from '@/db/client';
import { deletionJobSteps, deletionJobs, userScopes, users, type User } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import { recordAuditEvent } from '@/lib/audit/events';
import { ADMIN_SCOPE, requireUserById } from '@/lib/users/users';
import { DELETION_STEPS, LAST_CANCELLABLE_STEP, type DeletionJob } from './steps';

/**
 * Asynchronous user deletion (Appmixer's ticket and delete-status). A request marks the user
 * `deleting` and ends their sessions at once; the worker (lib/deletion/worker.ts) then runs
 * the steps of lib/deletion/steps.ts.
 */

export const ACTIVE_JOB_STATUSES = ['queued', 'in-progress'] as const;
const FINISHED_JOB_STATUSES = ['completed', 'failed', 'cancelled'] as const;

export type DeletionStatus = {
  ticket: string;
  userId: string;
  status: DeletionJob['status'];
  stepsDone: number;
  stepsTotal: number;
  currentStep: string | null;
  currentStepLabel: string | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  requestedAt: Date;
  requestedBy: string | null;
  error: string | null;
};

export function toDeletionStatus(job: DeletionJob): DeletionStatus {
  return {
    ticket: job.ticket,
    userId: job.userId,
    status: job.status,
    stepsDone: job.stepsDone,
    stepsTotal: job.stepsTotal,
    currentStep: job.currentStep,
    currentStepLabel: DELETION_STEPS.find((step) => step.name === job.currentStep)?.label ?? null,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    requestedAt: job.createdAt,
    requestedBy: job.requestedBy,
    error: job.error,
  };
}

type Actor = { id: string; ip?: string | null; userAgent?: string | null };

/**
 * Starts deleting a user: in one transaction the user becomes `deleting` (sign-in refused,
 * sessions and tokens void from the next request) and a job is queued. Asking again while a
 * deletion runs returns the same ticket.
 */
export function requestUserDeletion(userId: string, actor: Actor): Promise<{ job: DeletionStatus; created: boolean }> {
  return transaction(async (tx) => {
    // Two admins deleting each other at once must not both pass the last-admin check.
    await lockFor('admins');
    const user = await requireUserById(userId);
    if (user.status === 'deleting') {
      const running = await findActiveJob(userId);
      if (running) return { job: toDeletionStatus(running), created: false };
    }
    if (user.id === actor.id) throw new ApiError('conflict', 'You cannot delete your own account. Ask another admin.');
    if (await isLastActiveAdmin(user)) throw new ApiError('conflict', 'This is the last active admin. Give another user the admin scope first.');

    await tx
      .update(users)
      .set({ status: 'deleting', sessionVersion: sql`${users.sessionVersion} + 1`, version: sql`${users.version} + 1`, updatedAt: new Date() })
      .where(eq(users.id, userId));
    const [job] = await tx
      .insert(deletionJobs)
      .values({ ticket: randomUUID(), userId, requestedBy: actor.id, stepsTotal: DELETION_STEPS.length, currentStep: DELETION_STEPS[0].name })
      .returning();
    await recordAuditEvent({ actor: actor.id, action: 'user.deletion.requested', target: userId, after: { ticket: job.ticket }, ip: actor.ip, userAgent: actor.userAgent });
    return { job: toDeletionStatus(job), created: true };
  });
}

/** Whether this user is the only active system admin: nobody may take that away (delete, suspend, drop the scope). */
export async function isLastActiveAdmin(user: User): Promise<boolean> {
  if (user.status !== 'active') return false;
  const db = getDb();
  const [isAdmin] = await db.select().from(userScopes).where(and(eq(userScopes.userId, user.id), eq(userScopes.scope, ADMIN_SCOPE))).limit(1);
  if (!isAdmin) return false;
  const others = await db
    .select({ id: users.id })
    .from(userScopes)
    .innerJoin(users, eq(users.id, userScopes.userId))
    .where(and(eq(userScopes.scope, ADMIN_SCOPE), eq(users.status, 'active'), ne(users.id, user.id)))
    .limit(1);
  return others.length === 0;
}

async function findActiveJob(userId: string): Promise<DeletionJob | undefined> {
  const [job] = await getDb()
    .select()
    .from(deletionJobs)
    .where(and(eq(deletionJobs.userId, userId), inArray(deletionJobs.status, [...ACTIVE_JOB_STATUSES])))
    .orderBy(desc(deletionJobs.createdAt))
    .limit(1);
  return job;
}

async function requireJob(userId: string, ticket: string): Promise<DeletionJob> {
  const [job] = await getDb().select().from(deletionJobs).where(eq(deletionJobs.ticket, ticket)).limit(1);
  // A ticket of another user is as unknown as a made-up one.
  if (!job || job.userId !== userId) throw new ApiError('not-found', 'There is no such deletion for this user.');
  return job;
}

/** One step of a deletion and when it ran; both times are null until it starts. */
export type DeletionStepRecord = { name: string; label: string; startedAt: Date | null; finishedAt: Date | null };

/** A deletion's status with every step's times: what the status API and the progress page show. */
export type DeletionDetail = DeletionStatus & { steps: DeletionStepRecord[] };

export async function getDeletionStatus(userId: string, ticket: string): Promise<DeletionDetail> {
  const job = await requireJob(userId, ticket);
  const recorded = new Map((await getDb().select().from(deletionJobSteps).where(eq(deletionJobSteps.ticket, ticket))).map((row) => [row.step, row]));
  const steps = DELETION_STEPS.map(({ name, label }) => ({ name, label, startedAt: recorded.get(name)?.startedAt ?? null, finishedAt: recorded.get(name)?.finishedAt ?? null }));
  return { ...toDeletionStatus(job), steps };
}

/**
 * Asks a deletion to stop. The worker honours it between steps: the user ends `suspended`
 * and what was already removed stays removed. A job not yet started stops at once.
 */
export function cancelDeletion(userId: string, ticket: string, actor: Actor): Promise<DeletionStatus> {
  return transaction(async (tx) => {
    const job = await requireJob(userId, ticket);
    if ((FINISHED_JOB_STATUSES as readonly string[]).includes(job.status)) {
      throw new ApiError('conflict', `This deletion has already ${job.status === 'completed' ? 'completed' : `ended (${job.status})`}.`);
    }
    if (job.stepsDone > LAST_CANCELLABLE_STEP) throw new ApiError('conflict', 'The account is already deleted; the deletion can no longer be cancelled.');
    await recordAuditEvent({ actor: actor.id, action: 'user.deletion.cancel-requested', target: userId, after: { ticket }, ip: actor.ip, userAgent: actor.userAgent });
    if (job.status === 'queued') return toDeletionStatus(await finishCancelled(job));
    const [updated] = await tx.update(deletionJobs).set({ cancelRequested: true }).where(eq(deletionJobs.ticket, ticket)).returning();
    return toDeletionStatus(updated);
  });
}

/** Ends a job as cancelled and leaves the user suspended. */
export function finishCancelled(job: DeletionJob): Promise<DeletionJob> {
  return transaction(async (tx) => {
    await tx.update(users).set({ status: 'suspended', version: sql`${users.version} + 1`, updatedAt: new Date() }).where(eq(users.id, job.userId));
    // The admin who cancelled a job not yet started, or the job that stopped between steps.
    await recordAuditEvent({ action: 'user.deletion.cancelled', target: job.userId, after: { ticket: job.ticket, stepsDone: job.stepsDone } });
    const [cancelled] = await tx
      .update(deletionJobs)
      .set({ status: 'cancelled', finishedAt: new Date(), leaseOwner: null, leaseUntil: null })
      .where(eq(deletionJobs.ticket, job.ticket))
      .returning();
    return cancelled;
  });
}

/** Recent and running deletions, newest first, for the admin's Deletions view. */
export async function listDeletions(limit = 50): Promise<DeletionStatus[]> {
  return (await getDb().select().from(deletionJobs).orderBy(desc(deletionJobs.createdAt)).limit(limit)).map(toDeletionStatus);
}

/** The queued or running deletion of a user, if any: what a `deleting` user's page links to. */
export async function findActiveDeletion(userId: string): Promise<DeletionStatus | null> {
  const job = await findActiveJob(userId);
  return job ? toDeletionStatus(job) : null;
}
