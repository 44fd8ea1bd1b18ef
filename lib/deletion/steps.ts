import { eq, or, sql } from 'drizzle-orm';
import { executeStatement, getDb, getEngine } from '@/db/client';
import { auditEvents, users, type deletionJobs } from '@/db/schema';
import { redactDeletedUser } from '@/lib/audit/redact';

/**
 * The steps of a user deletion, run in order by the worker (lib/deletion/worker.ts). Each is
 * idempotent and cut into batches, each batch its own short transaction.
 */

/** Rows changed per transaction: small enough that no request waits long behind the writer. */
export const DELETION_BATCH_SIZE = 100;

export type DeletionJob = typeof deletionJobs.$inferSelect;

type Step = {
  name: string;
  label: string;
  /** Changes up to one batch of rows, inside a write transaction; answers how many changed. */
  runBatch: (job: DeletionJob) => Promise<number>;
  /** Reads what the next batch will change, before its transaction. */
  warmBatch?: (job: DeletionJob) => Promise<void>;
};

/** Deletes up to one batch of a table's rows that belong to the user. */
function deleteOwnedRows(table: string): Pick<Step, 'runBatch' | 'warmBatch'> {
  const name = sql.identifier(table);
  return {
    runBatch: async (job) => {
      const { rowKey } = getEngine();
      return await executeStatement(sql`DELETE FROM ${name} WHERE ${rowKey} IN (SELECT ${rowKey} FROM ${name} WHERE user_id = ${job.userId} LIMIT ${DELETION_BATCH_SIZE})`);
    },
    warmBatch: (job) => getEngine().warmBatch(table, 'user_id', job.userId, DELETION_BATCH_SIZE),
  };
}

/**
 * The audit trail is kept, but names the deleted user only by the deletion's ticket, and no
 * longer holds their profile values, address or browser (lib/audit/redact.ts); the chain still
 * verifies.
 */
const pseudonymiseAuditTrail: Pick<Step, 'runBatch' | 'warmBatch'> = {
  runBatch: async (job) => {
    const pseudonym = deletedUserPseudonym(job.ticket);
    const db = getDb();
    const naming = await db
      .select()
      .from(auditEvents)
      .where(or(eq(auditEvents.actor, job.userId), eq(auditEvents.target, job.userId)))
      .limit(DELETION_BATCH_SIZE);
    for (const event of naming) {
      await db.update(auditEvents).set(redactDeletedUser(event, job.userId, pseudonym)).where(eq(auditEvents.id, event.id));
    }
    return naming.length;
  },
  warmBatch: async (job) => {
    for (const column of ['actor', 'target']) await getEngine().warmBatch('audit_events', column, job.userId, DELETION_BATCH_SIZE);
  },
};

/**
 * Imports and bulk actions keep a report row per user; a deleted user's rows keep their outcome
 * but no longer their email nor what the file said about them.
 */
const forgetBulkJobRows: Pick<Step, 'runBatch'> = {
  runBatch: async (job) => {
    const { rowKey } = getEngine();
    return await executeStatement(
      sql`UPDATE bulk_job_rows SET email = NULL, input = NULL WHERE ${rowKey} IN (SELECT ${rowKey} FROM bulk_job_rows WHERE user_id = ${job.userId} AND (email IS NOT NULL OR input IS NOT NULL) LIMIT ${DELETION_BATCH_SIZE})`,
    );
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
  { name: 'forget-import-rows', label: 'Removing the user from import and bulk-action reports', ...forgetBulkJobRows },
  {
    name: 'delete-user',
    label: 'Deleting the account',
    runBatch: async (job) => (await getDb().delete(users).where(eq(users.id, job.userId)).returning({ id: users.id })).length,
  },
];

/** Once the account row is gone there is nothing left to suspend: a cancel is too late. */
export const LAST_CANCELLABLE_STEP = DELETION_STEPS.findIndex((step) => step.name === 'delete-user');
