import { and, asc, eq, inArray, isNotNull, or } from 'drizzle-orm';
import { getDb, transaction } from '@/db/client';
import { insertMany } from '@/db/insert-many';
import { bulkJobRows, tenants } from '@/db/schema';
import { ApiError } from '@/lib/api/errors';
import { mayAttempt } from '@/lib/access/matrix';
import type { Principal } from '@/lib/auth/principal';
import { sealSecret } from '@/lib/auth/secret-box';
import { recordAuditEvent } from '@/lib/audit/events';
import { createBulkJob, listVisibleJobs, requestJobCancel, requireVisibleJob, toBulkJobStatus, type BulkJobStatus } from '@/lib/jobs/jobs';
import { giveWay } from '@/lib/server/foreground';
import { timeSlicer } from '@/lib/server/time-slicer';
import { getPasswordPolicy } from '@/lib/settings/settings';
import { normalizeIdentifier } from '@/lib/users/users';
import { parseImportFile, type ImportFile } from './parse';
import { planRow, readDirectory, type ImportMode, type PlannedRow } from './plan';
import { checkRecord, mapColumns, tenantReferences, type CheckedRow, type ImportFieldError, type ImportRowOutcome, type RejectedRow } from './rows';

/**
 * Imports of users from a file: a dry run that reports what each row would do and writes
 * nothing, and a real run that stores the checked rows as a bulk job (lib/imports/job.ts runs
 * it). Only system admins import (users.import): an import may create admins.
 */

export type ImportOptions = { mode: ImportMode; invite: boolean };
export type ImportRowReport = { row: number; email: string | null; outcome: ImportRowOutcome; errors: ImportFieldError[] };
export type ImportDryRun = { counts: Record<ImportRowOutcome, number>; unknownColumns: string[]; rows: ImportRowReport[] };

/** How an import job remembers its file's rows: a row's password or hash is sealed for that job and row. */
export type StoredImportRow = Omit<CheckedRow, 'secret'> & { secret?: { kind: 'password' | 'hash'; sealed: string } };
export type ImportJobParams = ImportOptions & { format: ImportFile['format'] };

export const IMPORT_SECRET_PURPOSE = 'import-row-secret';

/** What a row's secret is sealed to: a sealed value copied to another row or job does not open. */
export function importSecretBinding(jobId: string, row: number): string {
  return `${jobId}:${row}`;
}

function requireImportAccess(principal: Principal): void {
  if (!mayAttempt('users.import', principal)) throw new ApiError('forbidden', 'Importing users needs the admin scope.');
}

type CheckedFile = { unknownColumns: string[]; results: (PlannedRow | RejectedRow)[] };

/** Parses and checks a whole file, then plans its good rows against the directory. */
async function checkFile(file: ImportFile, { mode }: ImportOptions, principal: Principal): Promise<CheckedFile> {
  requireImportAccess(principal);
  const { columns, records } = await parseImportFile(file);
  const { fieldOf, unknownColumns, duplicates } = mapColumns(columns);
  if (duplicates.length) {
    throw new ApiError('bad-request', `The columns ${duplicates[0].map((name) => `"${name}"`).join(' and ')} name the same field: keep one.`);
  }
  const tenantColumns = [...fieldOf].filter(([, field]) => field === 'tenants').map(([column]) => column);
  const references = new Set<string>();
  for (const record of records) if ('values' in record) for (const column of tenantColumns) if (record.values[column]) for (const reference of tenantReferences(record.values[column])) references.add(reference);
  const context = { fieldOf, policy: await getPasswordPolicy(), tenantIdOf: await tenantIds([...references]) };

  // Checking a row is quick but a file has many: the event loop is handed back between slices.
  const slice = timeSlicer();
  const checked: (CheckedRow | RejectedRow)[] = [];
  for (const record of records) {
    await slice();
    checked.push(await checkRecord(record, context));
  }
  await rejectRepeats(checked, slice);
  const good = checked.filter((row): row is CheckedRow => !('errors' in row));
  const directory = await readDirectory(good, mode);
  const results: (PlannedRow | RejectedRow)[] = [];
  for (const row of checked) {
    await slice();
    results.push('errors' in row ? row : planRow(row, directory, mode, principal.user.id));
  }
  return { unknownColumns, results };
}

/** Tenant ids by id and by slug, for the references a file makes. */
async function tenantIds(references: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < references.length; i += 500) {
    const part = references.slice(i, i + 500);
    for (const { id, slug } of await getDb().select({ id: tenants.id, slug: tenants.slug }).from(tenants).where(or(inArray(tenants.id, part), inArray(tenants.slug, part)))) {
      found.set(id, id);
      found.set(slug, id);
    }
  }
  return found;
}

/**
 * A user may appear once in a file: a later row with the same email or username is the error,
 * naming the first. A row refused for another reason says so too when its email is taken, so
 * fixing that reason alone does not leave it failing on the next try.
 */
async function rejectRepeats(rows: (CheckedRow | RejectedRow)[], slice: () => Promise<void>): Promise<void> {
  const firstByEmail = new Map<string, number>();
  const firstByUsername = new Map<string, number>();
  const refusedBefore: RejectedRow[] = [];
  for (const [index, row] of rows.entries()) {
    await slice();
    if ('errors' in row) {
      refusedBefore.push(row);
      continue;
    }
    const email = firstByEmail.get(row.emailNormalized);
    const username = row.username === undefined ? undefined : normalizeIdentifier(row.username);
    const usernameFirst = username === undefined ? undefined : firstByUsername.get(username);
    if (email !== undefined) rows[index] = { row: row.row, email: row.email, errors: [repeatedEmail(email)] };
    else if (usernameFirst !== undefined) rows[index] = { row: row.row, email: row.email, errors: [{ field: 'username', message: `This username is also on row ${usernameFirst}.` }] };
    else {
      firstByEmail.set(row.emailNormalized, row.row);
      if (username !== undefined) firstByUsername.set(username, row.row);
    }
  }
  for (const row of refusedBefore) {
    await slice();
    const first = row.email === null ? undefined : firstByEmail.get(normalizeIdentifier(row.email));
    if (first !== undefined && !row.errors.some((error) => error.field === 'email')) row.errors.push(repeatedEmail(first));
  }
}

const repeatedEmail = (firstRow: number): ImportFieldError => ({ field: 'email', message: `This email is also on row ${firstRow}: a user may appear only once in a file.` });

function reportOf(result: PlannedRow | RejectedRow): ImportRowReport {
  if (!('outcome' in result)) return { row: result.row, email: result.email, outcome: 'error', errors: result.errors };
  return { row: result.row.row, email: result.row.email, outcome: result.outcome, errors: result.outcome === 'error' ? result.errors : [] };
}

export function emptyCounts(): Record<ImportRowOutcome, number> {
  return { created: 0, updated: 0, unchanged: 0, error: 0 };
}

/** What importing the file would do, row by row. Writes nothing. */
export async function dryRunImport(file: ImportFile, options: ImportOptions, principal: Principal): Promise<ImportDryRun> {
  const { unknownColumns, results } = await checkFile(file, options, principal);
  const rows = results.map(reportOf);
  const counts = emptyCounts();
  for (const row of rows) counts[row.outcome] += 1;
  return { counts, unknownColumns, rows };
}

/** Rows stored a statement: each is sealed first, so a slice stays a few milliseconds. */
const ROWS_PER_INSERT = 200;

/**
 * How long an import's writes wait at most, between two statements, for requests in hand
 * (giveWay): its long runs of writes would otherwise hold a core while readers wait for one.
 */
export const GIVE_WAY_BETWEEN_STATEMENTS_MS = 10;

/**
 * Checks the file as the dry run does, then queues it as a job in one transaction with all its
 * rows: the rows that failed their checks already carry their errors, the others their checked
 * values (a password or hash sealed), to be planned again and written by the job.
 */
export async function startImport(file: ImportFile, options: ImportOptions, principal: Principal): Promise<BulkJobStatus> {
  const { unknownColumns, results } = await checkFile(file, options, principal);
  const params: ImportJobParams = { mode: options.mode, invite: options.invite, format: file.format };
  const job = await transaction(async () => {
    const created = await createBulkJob({ kind: 'import', params, requestedBy: principal, stepsTotal: results.length });
    for (let i = 0; i < results.length; i += ROWS_PER_INSERT) {
      if (i > 0) await giveWay(GIVE_WAY_BETWEEN_STATEMENTS_MS);
      await insertMany(bulkJobRows, results.slice(i, i + ROWS_PER_INSERT).map((result) => storedRow(created.id, result)));
    }
    const errors = results.filter((result) => !('outcome' in result) || result.outcome === 'error').length;
    await recordAuditEvent({ action: 'import.started', target: created.id, after: { ...params, rows: results.length, errors, unknownColumns } });
    return created;
  });
  return toBulkJobStatus(job);
}

function storedRow(jobId: string, result: PlannedRow | RejectedRow): typeof bulkJobRows.$inferInsert {
  if (!('outcome' in result) || result.outcome === 'error') {
    const report = reportOf(result);
    return { jobId, position: report.row, email: report.email, input: null, errors: report.errors };
  }
  const { secret, ...row } = result.row;
  const input: StoredImportRow = secret ? { ...row, secret: { kind: secret.kind, sealed: sealSecret(IMPORT_SECRET_PURPOSE, secret.value, importSecretBinding(jobId, row.row)) } } : row;
  // Every row names every column: a multi-row insert takes its columns from the rows.
  return { jobId, position: row.row, email: row.email, input, errors: null };
}

export async function getImport(id: string, principal: Principal): Promise<BulkJobStatus> {
  requireImportAccess(principal);
  return toBulkJobStatus(await requireVisibleJob(id, 'import', principal));
}

export function listImports(principal: Principal): Promise<BulkJobStatus[]> {
  requireImportAccess(principal);
  return listVisibleJobs('import', principal);
}

/** The rows done so far and those refused at submission, in file order. */
export async function importReport(id: string, principal: Principal): Promise<ImportRowReport[]> {
  requireImportAccess(principal);
  await requireVisibleJob(id, 'import', principal);
  const rows = await getDb()
    .select({ row: bulkJobRows.position, email: bulkJobRows.email, outcome: bulkJobRows.outcome, errors: bulkJobRows.errors })
    .from(bulkJobRows)
    .where(and(eq(bulkJobRows.jobId, id), or(isNotNull(bulkJobRows.outcome), isNotNull(bulkJobRows.errors))))
    .orderBy(asc(bulkJobRows.position));
  return rows.map(({ row, email, outcome, errors }) => ({ row, email, outcome: (outcome ?? 'error') as ImportRowOutcome, errors: errors ?? [] }));
}

/** Stops an import: a queued one at once, a running one after its current batch (rows done stay done). */
export async function cancelImport(id: string, principal: Principal): Promise<BulkJobStatus> {
  requireImportAccess(principal);
  return transaction(async () => {
    const before = await requireVisibleJob(id, 'import', principal);
    const job = await requestJobCancel(id, 'import', principal);
    // A running job records its end itself (lib/imports/job.ts); a queued one ends here.
    if (before.status === 'queued' && job.status === 'cancelled') await recordAuditEvent({ action: 'import.cancelled', target: id, after: { counts: job.counts } });
    return toBulkJobStatus(job);
  });
}
