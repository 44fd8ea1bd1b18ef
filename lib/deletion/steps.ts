import { eq, sql } from 'drizzle-orm';
import { executeStatement, getDb, getEngine } from '@/db/client';
import { users, type deletionJobs } from '@/db/schema';

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

const AUDIT_COLUMNS_NAMING_USERS = ['actor', 'target'] as const;

/** The audit trail is kept, but names the deleted user only by the deletion's ticket. */
const pseudonymiseAuditTrail: Pick<Step, 'runBatch' | 'warmBatch'> = {
  runBatch: async (job) => {
    const pseudonym = deletedUserPseudonym(job.ticket);
    let changed = 0;
    for (const column of AUDIT_COLUMNS_NAMING_USERS) {
      const name = sql.identifier(column);
      changed += await executeStatement(
        sql`UPDATE audit_events SET ${name} = ${pseudonym} WHERE id IN (SELECT id FROM audit_events WHERE ${name} = ${job.userId} LIMIT ${DELETION_BATCH_SIZE})`,
      );
    }
    return changed;
  },
  warmBatch: async (job) => {
    for (const column of AUDIT_COLUMNS_NAMING_USERS) await getEngine().warmBatch('audit_events', column, job.userId, DELETION_BATCH_SIZE);
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
  {
    name: 'delete-user',
    label: 'Deleting the account',
    runBatch: async (job) => (await getDb().delete(users).where(eq(users.id, job.userId)).returning({ id: users.id })).length,
  },
];

/** Once the account row is gone there is nothing left to suspend: a cancel is too late. */
export const LAST_CANCELLABLE_STEP = DELETION_STEPS.findIndex((step) => step.name === 'delete-user');
