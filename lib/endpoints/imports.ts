import { z } from 'zod';
import { deletionJobStatuses } from '@/db/schema';
import { endpoint, textBodySchema } from '@/lib/api/endpoint';
import { idParam } from '@/lib/api/id-param';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '@/lib/imports/parse';
import { IMPORT_REPORT_COLUMNS } from '@/lib/imports/report-csv';
import { instantSchema } from '@/lib/users/schemas';

const importParams = z.object({ id: idParam.meta({ description: 'The import’s id, from POST /api/v1/imports.' }) });
const trueOrFalse = (name: string, fallback: 'true' | 'false', description: string) =>
  z
    .enum(['true', 'false'], { message: `${name} must be true or false.` })
    .default(fallback)
    .transform((value) => value === 'true')
    .meta({ description });

export const importQuerySchema = z.strictObject({
  mode: z.enum(['create', 'upsert'], { message: 'mode must be create or upsert.' }).default('create').meta({
    description: '`create` (default): every row is a new user; an email already in the directory is an error. `upsert`: a row whose email exists updates that user (only the fields given).',
  }),
  dryRun: trueOrFalse('dryRun', 'true', '`true` (default): check every row and report what would happen, writing nothing. `false`: start the import as a background job.'),
  invite: trueOrFalse('invite', 'true', 'Whether new users with neither a password nor a password hash are mailed an invitation (default `true`); they are pending either way.'),
});

export const importReportQuerySchema = z.strictObject({
  format: z.enum(['json', 'csv'], { message: 'format must be json or csv.' }).optional().meta({ description: '`csv` downloads the report as a file (as does `Accept: text/csv`); JSON otherwise.' }),
});

const outcomeSchema = z.enum(['created', 'updated', 'unchanged', 'error']).meta({ description: 'What the row does (a dry run) or did (an import).' });

const rowReportSchema = z
  .object({
    row: z.int().meta({ description: 'The row’s number: 1 is the first row under a CSV header, the line of an NDJSON file, the position in a JSON array.' }),
    email: z.string().nullable().meta({ description: 'The row’s email as written; null when it has none.' }),
    outcome: outcomeSchema,
    errors: z.array(z.object({ field: z.string().meta({ description: 'The field (or unknown column) at fault; `row` for a row that could not be read.' }), message: z.string() })),
  })
  .meta({ id: 'ImportRowReport' });

const countsSchema = z
  .object({ created: z.int(), updated: z.int(), unchanged: z.int(), error: z.int() })
  .meta({ description: 'Rows per outcome.' });

export const importDryRunSchema = z
  .object({
    counts: countsSchema,
    unknownColumns: z.array(z.string()).meta({ description: 'Columns Gatehouse has no field for; a row with a value in one is an error.' }),
    rows: z.array(rowReportSchema).meta({ description: 'Every row of the file, in order.' }),
  })
  .meta({
    id: 'ImportDryRun',
    example: {
      counts: { created: 1, updated: 0, unchanged: 0, error: 1 },
      unknownColumns: [],
      rows: [
        { row: 1, email: 'ann.lee@example.com', outcome: 'created', errors: [] },
        { row: 2, email: 'bo@example.com', outcome: 'error', errors: [{ field: 'tenants', message: 'There is no tenant "acme".' }] },
      ],
    },
  });

export const importStatusSchema = z
  .object({
    id: z.string(),
    kind: z.literal('import'),
    status: z.enum(deletionJobStatuses),
    stepsDone: z.int().meta({ description: 'Rows done, for a progress bar with `stepsTotal`.' }),
    stepsTotal: z.int().meta({ description: 'Rows in the file.' }),
    counts: z.record(z.string(), z.int()).meta({ description: 'Rows done per outcome (`created`, `updated`, `unchanged`, `error`).' }),
    cancelRequested: z.boolean(),
    error: z.string().nullable().meta({ description: 'Why it failed, when it did.' }),
    requestedBy: z.string().nullable().meta({ description: 'The id of the admin who started it.' }),
    createdAt: instantSchema('When it was started.'),
    startedAt: instantSchema('When the worker took it up.').nullable(),
    finishedAt: instantSchema('When it completed, failed or was cancelled.').nullable(),
  })
  .meta({
    id: 'ImportStatus',
    example: {
      id: 'imp_Zk3q9vQw1mXc2bTr',
      kind: 'import',
      status: 'in-progress',
      stepsDone: 1200,
      stepsTotal: 5000,
      counts: { created: 1150, error: 50 },
      cancelRequested: false,
      error: null,
      requestedBy: 'usr_Q2x7mV9kTq1pRb4s',
      createdAt: '2026-03-14T09:26:53.589Z',
      startedAt: '2026-03-14T09:26:54.002Z',
      finishedAt: null,
    },
  });

const IMPORT_FILE_RULES = [
  `A CSV file has a header row naming its columns (any case); NDJSON has one JSON object a line; JSON is an array of objects. At most ${MAX_IMPORT_ROWS.toLocaleString('en')} rows and ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`,
  'Columns: `email` (required), `username`, `firstName`, `lastName`, `role`, `plan`, `city`, `country`, `dateOfBirth`, `department`, `phoneLand`, `phoneMobile`, `timezone`, `metadata` (a JSON object), `vendor` (comma-separated), `scopes` (space- or comma-separated), `tenants` (`acme:admin beta`: tenant slugs or ids, each with an optional role `admin` or `user`), `status` (`active` or `suspended`), and `password` or `passwordHash` (bcrypt, argon2id/argon2i PHC, scrypt PHC or `pbkdf2_sha256$iterations$salt$hash`, replaced by Gatehouse’s own hash at first sign-in).',
  'An empty cell leaves the field as it is. A value in an unknown column makes its row an error. Rows are checked with the rules of a single create or edit; in a file a user may appear once.',
].join(' ');

const CSV_EXAMPLE = 'email,firstName,lastName,scopes,tenants,passwordHash\nann.lee@example.com,Ann,Lee,user,acme:admin,$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy\nbo@example.com,Bo,Chen,user tester,acme,\n';

export const IMPORTS_ENDPOINTS = {
  startImport: endpoint({
    method: 'POST',
    path: '/api/v1/imports',
    operation: 'users.import',
    tag: 'Imports',
    summary: 'Import users from a file (dry run or real run)',
    description: `${IMPORT_FILE_RULES} With \`dryRun=true\` (the default) the answer reports what each row would do and nothing is written. With \`dryRun=false\` the file is checked the same way and imported by a background job: 202 with the job, to follow at its Location. Rows with errors are skipped and reported; the others are imported once each, even if the server restarts. In \`upsert\` mode a password or hash on a row replaces the existing user’s password; without one the password is left alone.`,
    query: importQuerySchema,
    body: textBodySchema,
    textBody: {
      mediaTypes: {
        'text/csv': { example: CSV_EXAMPLE },
        'application/x-ndjson': { example: '{"email":"ann.lee@example.com","firstName":"Ann","scopes":["user"],"tenants":"acme:admin"}\n{"email":"bo@example.com","status":"suspended","password":"correct horse battery staple"}\n' },
        'application/json': { example: '[{"email":"ann.lee@example.com","firstName":"Ann","tenants":["acme:admin"]},{"email":"bo@example.com"}]' },
      },
      maxBytes: MAX_IMPORT_BYTES,
    },
    responses: {
      200: { description: 'A dry run: what each row would do.', body: importDryRunSchema },
      202: { description: 'The import started.', body: importStatusSchema, headers: { location: 'Where to follow it.' } },
    },
  }),
  listImports: endpoint({
    method: 'GET',
    path: '/api/v1/imports',
    operation: 'users.import',
    tag: 'Imports',
    summary: 'List recent imports',
    description: 'The latest imports, newest first.',
    responses: { 200: { description: 'Recent imports.', body: z.object({ items: z.array(importStatusSchema) }).meta({ id: 'ImportList', example: { items: [] } }) } },
  }),
  getImport: endpoint({
    method: 'GET',
    path: '/api/v1/imports/{id}',
    operation: 'users.import',
    tag: 'Imports',
    summary: 'Follow an import',
    description: 'Where an import is: poll it for a progress bar (`stepsDone` of `stepsTotal`) until `status` is `completed`, `failed` or `cancelled`.',
    params: importParams,
    responses: { 200: { description: 'The import.', body: importStatusSchema } },
    problems: ['not-found'],
  }),
  getImportReport: endpoint({
    method: 'GET',
    path: '/api/v1/imports/{id}/report',
    operation: 'users.import',
    tag: 'Imports',
    summary: 'An import’s report',
    description: 'Each row done so far, and each row refused when the file was checked, in file order, with its outcome and errors. As CSV (one line per error) with `format=csv` or `Accept: text/csv`.',
    params: importParams,
    query: importReportQuerySchema,
    responses: {
      200: {
        description: 'The rows so far.',
        body: z.object({ rows: z.array(rowReportSchema) }).meta({ id: 'ImportReport' }),
        example: { rows: [{ row: 1, email: 'ann.lee@example.com', outcome: 'created', errors: [] }] },
        alsoAs: { 'text/csv': { body: z.string(), example: `${IMPORT_REPORT_COLUMNS.join(',')}\n1,ann.lee@example.com,created,,\n2,bo@example.com,error,tenants,"There is no tenant ""acme""."\n` } },
      },
    },
    problems: ['not-found'],
  }),
  cancelImport: endpoint({
    method: 'POST',
    path: '/api/v1/imports/{id}/cancel',
    operation: 'users.import',
    tag: 'Imports',
    summary: 'Cancel an import',
    description: 'A queued import stops at once; a running one after its current batch. Rows already imported stay. Cancelling a finished import answers it unchanged.',
    params: importParams,
    responses: { 200: { description: 'The import after the request.', body: importStatusSchema } },
    problems: ['not-found'],
  }),
};
