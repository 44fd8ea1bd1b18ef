import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { getDb, transaction } from '@/db/client';
import { bulkJobRows, memberships, tenants, userScopes, users, type NewUser, type User } from '@/db/schema';
import { newId } from '@/db/ids';
import { insertMany, insertManyReturning } from '@/db/insert-many';
import { principalFor, type Principal } from '@/lib/auth/principal';
import { openSecret } from '@/lib/auth/secret-box';
import { recordAuditEvent } from '@/lib/audit/events';
import { advanceJob, type BulkJob } from '@/lib/jobs/jobs';
import type { JobHandler } from '@/lib/jobs/worker';
import { kickMailWorker } from '@/lib/mail/outbox';
import { giveWay } from '@/lib/server/foreground';
import { timeSlicer } from '@/lib/server/time-slicer';
import { storeNewPassword } from '@/lib/passwords/change';
import { hashPassword } from '@/lib/passwords/hashing';
import { sendInvitation } from '@/lib/passwords/invitations';
import { assignTenantMember } from '@/lib/tenants/tenants';
import { auditedFields, DEFAULT_SCOPES, getUserById, normalizeIdentifier, updateUser } from '@/lib/users/users';
import type { UserUpdateInput } from '@/lib/users/schemas';
import { GIVE_WAY_BETWEEN_STATEMENTS_MS, IMPORT_SECRET_PURPOSE, importSecretBinding, type ImportJobParams, type StoredImportRow } from './imports';
import { planRow, readDirectory, type PlannedRow } from './plan';
import { initialStatus, type CheckedRow, type ImportFieldError, type ImportRowOutcome } from './rows';

/**
 * Runs an import job (lib/jobs/worker.ts): each batch takes the next rows not yet done, in file
 * order, plans them again against the directory as it is now, and writes their users and their
 * outcomes in one transaction with the job's progress. A row is done exactly when its user is
 * written, so a job resumed after a crash neither repeats nor half-does a row.
 */

/** Rows a batch: with imported hashes a row is a few inserts, so a batch stays a short transaction. */
const ROWS_PER_BATCH = 400;
/** Plain passwords are hashed with argon2id before the transaction; this many per batch keeps it short. */
const PASSWORDS_PER_BATCH = 8;
/** Hashes at once: each takes a core of the thread pool. */
const HASHES_AT_ONCE = 2;
/** New users written a statement at a time, giving way between statements (GIVE_WAY_BETWEEN_STATEMENTS_MS). */
const USERS_PER_STATEMENT = 100;

type BatchRow = { position: number; email: string | null; input: StoredImportRow | null; errors: ImportFieldError[] | null };
type RowResult = { position: number; outcome: ImportRowOutcome; errors: ImportFieldError[] | null; userId: string | null };

export const importJobHandler: JobHandler = {
  async runBatch(job, workerId) {
    const params = job.params as ImportJobParams;
    const rows = cutAtPasswords(
      await getDb()
        .select({ position: bulkJobRows.position, email: bulkJobRows.email, input: bulkJobRows.input, errors: bulkJobRows.errors })
        .from(bulkJobRows)
        .where(and(eq(bulkJobRows.jobId, job.id), isNull(bulkJobRows.outcome)))
        .orderBy(asc(bulkJobRows.position))
        .limit(ROWS_PER_BATCH) as BatchRow[],
    );
    if (rows.length === 0) return false;
    const principal = await requesterOf(job);
    const secrets = await openSecrets(job.id, rows);

    let invited = false;
    await transaction(async (tx) => {
      const results: RowResult[] = rows.filter((row) => !row.input).map((row) => ({ position: row.position, outcome: 'error', errors: row.errors, userId: null }));
      const checked = rows.filter((row) => row.input).map((row) => checkedRowOf(row.input!, secrets.get(row.position)));
      const directory = await readDirectory(checked, params.mode);
      const liveTenants = await existingTenants(checked);
      const planned = checked.map((row) => withGoneTenants(planRow(row, directory, params.mode, principal.user.id), liveTenants));
      const created = await createUsers(planned.filter((plan) => plan.outcome === 'created').map((plan) => plan.row));
      for (const plan of planned) {
        if (plan.outcome === 'created') {
          const userId = created.get(plan.row.row)!;
          results.push({ position: plan.row.row, outcome: 'created', errors: null, userId });
          if (params.invite && initialStatus(plan.row) === 'pending') {
            await sendInvitation(userId, { id: principal.user.id });
            invited = true;
          }
        } else if (plan.outcome === 'error') {
          results.push({ position: plan.row.row, outcome: 'error', errors: plan.errors, userId: null });
        } else {
          if (plan.outcome === 'updated') await updateExistingUser(plan, principal);
          results.push({ position: plan.row.row, outcome: plan.outcome, errors: null, userId: plan.existing.user.id });
        }
      }
      const outcomes: Record<string, number> = {};
      for (const result of results) outcomes[result.outcome] = (outcomes[result.outcome] ?? 0) + 1;
      // The batch's rows are written again with their outcomes: two statements, not one per row.
      const emails = new Map(rows.map((row) => [row.position, row.email]));
      await tx.delete(bulkJobRows).where(and(eq(bulkJobRows.jobId, job.id), inArray(bulkJobRows.position, results.map((result) => result.position))));
      await insertMany(bulkJobRows, results.map((result) => ({ jobId: job.id, position: result.position, email: emails.get(result.position) ?? null, userId: result.userId, outcome: result.outcome, errors: result.errors, input: null })));
      await advanceJob(job.id, workerId, results.length, outcomes);
    });
    if (invited) kickMailWorker();
    return true;
  },

  async onFinish(job) {
    await recordAuditEvent({ action: job.status === 'cancelled' ? 'import.cancelled' : 'import.finished', target: job.id, after: { counts: job.counts } });
    kickMailWorker();
  },
};

/** Ends the batch before its (PASSWORDS_PER_BATCH + 1)th plain password. */
function cutAtPasswords(rows: BatchRow[]): BatchRow[] {
  let passwords = 0;
  const end = rows.findIndex((row) => row.input?.secret?.kind === 'password' && ++passwords > PASSWORDS_PER_BATCH);
  return end < 0 ? rows : rows.slice(0, end);
}

/**
 * The admin who started the import, as they are now: an import runs with their rights, and
 * stops (the job fails) if they lost the admin scope or their account meanwhile.
 */
async function requesterOf(job: BulkJob): Promise<Principal> {
  const user = job.requestedBy ? await getUserById(job.requestedBy) : undefined;
  const principal = user && user.status === 'active' ? await principalFor(user) : null;
  if (!principal?.isAdmin) throw new Error('The admin who started this import no longer holds the admin scope; the import stops.');
  return principal;
}

/** The rows' passwords and hashes, opened; plain passwords hashed with argon2id, outside any transaction. */
async function openSecrets(jobId: string, rows: BatchRow[]): Promise<Map<number, string>> {
  const hashes = new Map<number, string>();
  const plain: [number, string][] = [];
  for (const { position, input } of rows) {
    if (!input?.secret) continue;
    const value = openSecret(IMPORT_SECRET_PURPOSE, input.secret.sealed, importSecretBinding(jobId, position));
    if (input.secret.kind === 'hash') hashes.set(position, value);
    else plain.push([position, value]);
  }
  for (let i = 0; i < plain.length; i += HASHES_AT_ONCE) {
    const part = plain.slice(i, i + HASHES_AT_ONCE);
    const hashed = await Promise.all(part.map(([, password]) => hashPassword(password)));
    part.forEach(([position], j) => hashes.set(position, hashed[j]));
  }
  return hashes;
}

/** A stored row as the planner reads it; its credential is now a hash (Gatehouse's own, or the imported one as given). */
function checkedRowOf({ secret, ...row }: StoredImportRow, passwordHash: string | undefined): CheckedRow {
  return passwordHash === undefined ? row : { ...row, secret: { kind: 'hash', value: passwordHash } };
}

/** Of the tenants the rows name, those that still exist. */
async function existingTenants(rows: CheckedRow[]): Promise<Set<string>> {
  const ids = [...new Set(rows.flatMap((row) => row.tenants?.map((grant) => grant.tenantId) ?? []))];
  if (ids.length === 0) return new Set();
  return new Set((await getDb().select({ id: tenants.id }).from(tenants).where(inArray(tenants.id, ids))).map((tenant) => tenant.id));
}

/** A tenant deleted since the file was checked makes its rows errors. */
function withGoneTenants(plan: PlannedRow, live: Set<string>): PlannedRow {
  if (plan.outcome === 'error' || !plan.row.tenants?.some((grant) => !live.has(grant.tenantId))) return plan;
  return { outcome: 'error', row: plan.row, errors: [{ field: 'tenants', message: 'A tenant of this row was deleted after the file was checked.' }] };
}

/** Inserts the new users of a batch with their scopes and memberships, each audited as a single create is; answers their ids by row. */
async function createUsers(rows: CheckedRow[]): Promise<Map<number, string>> {
  const ids = new Map<number, string>();
  if (rows.length === 0) return ids;
  const values: NewUser[] = rows.map((row) => {
    const username = row.username ?? row.email;
    const id = newId('usr');
    ids.set(row.row, id);
    return {
      ...row.profile,
      id,
      email: row.email,
      emailNormalized: row.emailNormalized,
      username,
      usernameNormalized: normalizeIdentifier(username),
      passwordHash: row.secret?.value ?? null,
      status: initialStatus(row),
    };
  });
  const inserted: User[] = [];
  for (let start = 0; start < values.length; start += USERS_PER_STATEMENT) {
    if (start > 0) await giveWay(GIVE_WAY_BETWEEN_STATEMENTS_MS);
    inserted.push(...(await insertManyReturning(users, values.slice(start, start + USERS_PER_STATEMENT))));
  }
  const byId = new Map(inserted.map((user) => [user.id, user]));
  await insertMany(userScopes, rows.flatMap((row) => [...new Set(row.scopes ?? DEFAULT_SCOPES)].map((scope) => ({ userId: ids.get(row.row)!, scope }))));
  await insertMany(memberships, rows.flatMap((row) => (row.tenants ?? []).map((grant) => ({ ...grant, userId: ids.get(row.row)!, createdAt: new Date() }))));
  // Awaiting a joined transaction never lets a request in: the slicer does.
  const slice = timeSlicer();
  for (const row of rows) {
    await slice();
    const userId = ids.get(row.row)!;
    await recordAuditEvent({ action: 'user.created', target: userId, after: auditedFields(byId.get(userId)!, row.scopes ?? DEFAULT_SCOPES) });
    for (const grant of row.tenants ?? []) await recordAuditEvent({ action: 'tenant.member.added', target: userId, tenantId: grant.tenantId, after: grant });
  }
  return ids;
}

/** An update goes through the single-user paths (password, profile, memberships), with their checks and events. */
async function updateExistingUser(plan: Extract<PlannedRow, { existing: unknown }>, principal: Principal): Promise<void> {
  const { existing, changes, row } = plan;
  const actor = { id: principal.user.id };
  if (changes.password && row.secret) await storeNewPassword(existing.user, row.secret.value, { action: 'user.password.set-by-admin', actor });
  const patch: UserUpdateInput = {
    ...changes.profile,
    ...(changes.username === undefined ? {} : { username: changes.username }),
    ...(changes.scopes === undefined ? {} : { scope: changes.scopes }),
    ...(changes.status === undefined ? {} : { status: changes.status }),
  };
  if (Object.keys(patch).length > 0) await updateUser(existing.user.id, patch, { actorId: principal.user.id });
  for (const grant of changes.tenants) await assignTenantMember(principal, grant.tenantId, existing.user.id, grant.role, actor);
}
