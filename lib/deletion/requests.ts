import { randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import { and, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { deletionJobSteps, deletionJobs, userScopes, users, type User } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import { recordAuditEvent } from '@/lib/audit/events';
import { ADMIN_SCOPE, requireUserById } from '@/lib/users/users';

/**
 * Asynchronous user deletion (Appmixer's ticket and delete-status). A request marks the user
 * `deleting` and ends their sessions at once; the worker (lib/deletion/worker.ts) then runs
 * the steps below, each idempotent and cut into short transactions.
 */

/** Rows removed per transaction: small enough that no request waits long behind the writer. */
export const DELETION_BATCH_SIZE = 100;

type Step = {
  name: string;
  label: string;
  /** Changes up to one batch of rows, inside a write transaction; returns how many changed. */
  runBatch: (db: Db, job: DeletionJob) => number;
  /** Reads the pages the next batch will change, before the transaction (see warmRows). */
  warmBatch?: (db: Db, job: DeletionJob) => void;
};
export type DeletionJob = typeof deletionJobs.$inferSelect;

/**
 * Reads, outside any transaction, every page that changing these rows will touch: the rows
 * themselves and their entry in each of the table's indexes. The write transaction that
 * follows then finds them in memory instead of waiting on the disk while it holds the
 * SQLite writer, which on a busy disk can take hundreds of milliseconds per page.
 */
function warmRows(db: Db, table: string, rowids: number[]): void {
  if (rowids.length === 0) return;
  const batch = JSON.stringify(rowids);
  for (const query of warmQueries(db, table)) statement(db, query).get(batch);
}

/** One query per index of the table that reads the index entries of a batch of rows (a JSON array of rowids). */
function warmQueries(db: Db, table: string): string[] {
  return cachedPerConnection(warmQueryCache, db, table, () => {
    const sqlite = db.$client;
    // A partial index cannot be forced (INDEXED BY) on a query its WHERE does not imply: SQLite
    // answers "no query solution" and the whole step fails. Such an index is left cold.
    return (sqlite.pragma(`index_list(${table})`) as Array<{ name: string; partial: number }>).flatMap(({ name: index, partial }) => {
      if (partial) return [];
      const columns = (sqlite.pragma(`index_info(${index})`) as Array<{ name: string | null }>).map((column) => column.name);
      if (columns.includes(null)) return [];
      const list = columns.map((column) => `"${column}"`).join(', ');
      return [`SELECT count(*) FROM ${table} INDEXED BY "${index}" WHERE (${list}) IN (SELECT ${list} FROM ${table} WHERE rowid IN (SELECT value FROM json_each(?)))`];
    });
  });
}

// Prepared once per connection: a deletion runs thousands of batches, and preparing every
// statement again costs CPU and garbage, whose collection can pause inside a transaction.
const statementCache = new WeakMap<object, Map<string, Statement>>();
const warmQueryCache = new WeakMap<object, Map<string, string[]>>();

function cachedPerConnection<T>(cache: WeakMap<object, Map<string, T>>, db: Db, key: string, make: () => T): T {
  let entries = cache.get(db.$client);
  if (!entries) cache.set(db.$client, (entries = new Map()));
  let value = entries.get(key);
  if (value === undefined) entries.set(key, (value = make()));
  return value;
}

function statement(db: Db, sql: string): Statement {
  return cachedPerConnection(statementCache, db, sql, () => db.$client.prepare(sql));
}

const nextBatchRowids = (db: Db, table: string, column: string, value: string) =>
  statement(db, `SELECT rowid FROM ${table} WHERE ${column} = ? LIMIT ${DELETION_BATCH_SIZE}`).pluck().all(value) as number[];

/** Deletes up to one batch of a table's rows that belong to the user. */
function deleteOwnedRows(table: string): Pick<Step, 'runBatch' | 'warmBatch'> {
  return {
    runBatch: (db, job) => statement(db, `DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE user_id = ? LIMIT ${DELETION_BATCH_SIZE})`).run(job.userId).changes,
    warmBatch: (db, job) => warmRows(db, table, nextBatchRowids(db, table, 'user_id', job.userId)),
  };
}

const AUDIT_COLUMNS_NAMING_USERS = ['actor', 'target'] as const;

/** The audit trail is kept, but names the deleted user only by the deletion's ticket. */
const pseudonymiseAuditTrail: Pick<Step, 'runBatch' | 'warmBatch'> = {
  runBatch: (db, job) => {
    const pseudonym = deletedUserPseudonym(job.ticket);
    let changed = 0;
    for (const column of AUDIT_COLUMNS_NAMING_USERS) {
      changed += statement(db, `UPDATE audit_events SET ${column} = ? WHERE id IN (SELECT id FROM audit_events WHERE ${column} = ? LIMIT ${DELETION_BATCH_SIZE})`).run(
        pseudonym,
        job.userId,
      ).changes;
    }
    return changed;
  },
  warmBatch: (db, job) => {
    for (const column of AUDIT_COLUMNS_NAMING_USERS) warmRows(db, 'audit_events', nextBatchRowids(db, 'audit_events', column, job.userId));
  },
};

export function deletedUserPseudonym(ticket: string): string {
  return `deleted-user:${ticket}`;
}

export const DELETION_STEPS: readonly Step[] = [
  { name: 'revoke-tokens', label: 'Revoking API tokens and access keys', ...deleteOwnedRows('access_tokens') },
  { name: 'remove-codes', label: 'Removing reset and invitation codes', ...deleteOwnedRows('one_time_codes') },
  { name: 'remove-permissions', label: 'Removing permissions', ...deleteOwnedRows('permissions') },
  { name: 'remove-memberships', label: 'Removing tenant memberships', ...deleteOwnedRows('memberships') },
  { name: 'remove-user-data', label: 'Removing scopes and profile data', ...deleteOwnedRows('user_scopes') },
  { name: 'end-sessions', label: 'Ending browser sessions', ...deleteOwnedRows('sessions') },
  { name: 'pseudonymise-audit', label: 'Pseudonymising the audit trail', ...pseudonymiseAuditTrail },
  { name: 'delete-user', label: 'Deleting the account', runBatch: (db, job) => db.delete(users).where(eq(users.id, job.userId)).run().changes },
];

/** Once the account row is gone there is nothing left to suspend: a cancel is too late. */
export const LAST_CANCELLABLE_STEP = DELETION_STEPS.findIndex((step) => step.name === 'delete-user');

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
export function requestUserDeletion(userId: string, actor: Actor): { job: DeletionStatus; created: boolean } {
  const db = getDb();
  return db.transaction((tx) => {
    const user = requireUserById(userId);
    if (user.status === 'deleting') {
      const running = tx
        .select()
        .from(deletionJobs)
        .where(and(eq(deletionJobs.userId, userId), inArray(deletionJobs.status, [...ACTIVE_JOB_STATUSES])))
        .orderBy(desc(deletionJobs.createdAt))
        .get();
      if (running) return { job: toDeletionStatus(running), created: false };
    }
    if (user.id === actor.id) throw new ApiError('conflict', 'You cannot delete your own account. Ask another admin.');
    if (isLastActiveAdmin(user)) throw new ApiError('conflict', 'This is the last active admin. Give another user the admin scope first.');

    tx.update(users)
      .set({ status: 'deleting', sessionVersion: sql`${users.sessionVersion} + 1`, version: sql`${users.version} + 1`, updatedAt: new Date() })
      .where(eq(users.id, userId))
      .run();
    const job = tx
      .insert(deletionJobs)
      .values({ ticket: randomUUID(), userId, requestedBy: actor.id, stepsTotal: DELETION_STEPS.length, currentStep: DELETION_STEPS[0].name })
      .returning()
      .get();
    recordAuditEvent({ actor: actor.id, action: 'user.deletion.requested', target: userId, after: { ticket: job.ticket }, ip: actor.ip, userAgent: actor.userAgent }, tx);
    return { job: toDeletionStatus(job), created: true };
  });
}

function isLastActiveAdmin(user: User): boolean {
  if (user.status !== 'active') return false;
  const db = getDb();
  const isAdmin = db.select().from(userScopes).where(and(eq(userScopes.userId, user.id), eq(userScopes.scope, ADMIN_SCOPE))).get();
  if (!isAdmin) return false;
  const others = db
    .select({ id: users.id })
    .from(userScopes)
    .innerJoin(users, eq(users.id, userScopes.userId))
    .where(and(eq(userScopes.scope, ADMIN_SCOPE), eq(users.status, 'active'), ne(users.id, user.id)))
    .get();
  return others === undefined;
}

function requireJob(userId: string, ticket: string): DeletionJob {
  const job = getDb().select().from(deletionJobs).where(eq(deletionJobs.ticket, ticket)).get();
  // A ticket of another user is as unknown as a made-up one.
  if (!job || job.userId !== userId) throw new ApiError('not-found', 'There is no such deletion for this user.');
  return job;
}

/** One step of a deletion and when it ran; both times are null until it starts. */
export type DeletionStepRecord = { name: string; label: string; startedAt: Date | null; finishedAt: Date | null };

/** A deletion's status with every step's times: what the status API and the progress page show. */
export type DeletionDetail = DeletionStatus & { steps: DeletionStepRecord[] };

export function getDeletionStatus(userId: string, ticket: string): DeletionDetail {
  const job = requireJob(userId, ticket);
  const recorded = new Map(getDb().select().from(deletionJobSteps).where(eq(deletionJobSteps.ticket, ticket)).all().map((row) => [row.step, row]));
  const steps = DELETION_STEPS.map(({ name, label }) => ({ name, label, startedAt: recorded.get(name)?.startedAt ?? null, finishedAt: recorded.get(name)?.finishedAt ?? null }));
  return { ...toDeletionStatus(job), steps };
}

/**
 * Asks a deletion to stop. The worker honours it between steps: the user ends `suspended`
 * and what was already removed stays removed. A job not yet started stops at once.
 */
export function cancelDeletion(userId: string, ticket: string, actor: Actor): DeletionStatus {
  const db = getDb();
  return db.transaction((tx) => {
    const job = requireJob(userId, ticket);
    if ((FINISHED_JOB_STATUSES as readonly string[]).includes(job.status)) {
      throw new ApiError('conflict', `This deletion has already ${job.status === 'completed' ? 'completed' : `ended (${job.status})`}.`);
    }
    if (job.stepsDone > LAST_CANCELLABLE_STEP) throw new ApiError('conflict', 'The account is already deleted; the deletion can no longer be cancelled.');
    recordAuditEvent({ actor: actor.id, action: 'user.deletion.cancel-requested', target: userId, after: { ticket }, ip: actor.ip, userAgent: actor.userAgent }, tx);
    if (job.status === 'queued') return toDeletionStatus(finishCancelled(tx, job));
    const updated = tx.update(deletionJobs).set({ cancelRequested: true }).where(eq(deletionJobs.ticket, ticket)).returning().get();
    return toDeletionStatus(updated!);
  });
}

/** Ends a job as cancelled and leaves the user suspended. */
export function finishCancelled(db: Pick<Db, 'update' | 'insert'>, job: DeletionJob): DeletionJob {
  db.update(users).set({ status: 'suspended', version: sql`${users.version} + 1`, updatedAt: new Date() }).where(eq(users.id, job.userId)).run();
  recordAuditEvent({ actor: null, action: 'user.deletion.cancelled', target: job.userId, after: { ticket: job.ticket, stepsDone: job.stepsDone } }, db);
  return db
    .update(deletionJobs)
    .set({ status: 'cancelled', finishedAt: new Date(), leaseOwner: null, leaseUntil: null })
    .where(eq(deletionJobs.ticket, job.ticket))
    .returning()
    .get()!;
}

/** Recent and running deletions, newest first, for the admin's Deletions view. */
export function listDeletions(limit = 50): DeletionStatus[] {
  return getDb().select().from(deletionJobs).orderBy(desc(deletionJobs.createdAt)).limit(limit).all().map(toDeletionStatus);
}

/** The queued or running deletion of a user, if any: what a `deleting` user's page links to. */
export function findActiveDeletion(userId: string): DeletionStatus | null {
  const job = getDb()
    .select()
    .from(deletionJobs)
    .where(and(eq(deletionJobs.userId, userId), inArray(deletionJobs.status, [...ACTIVE_JOB_STATUSES])))
    .orderBy(desc(deletionJobs.createdAt))
    .get();
  return job ? toDeletionStatus(job) : null;
}
