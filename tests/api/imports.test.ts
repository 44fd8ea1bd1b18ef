import { count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, bulkJobRows, bulkJobs, mailOutbox, memberships, userScopes, users } from '@/db/schema';
import { apiAt } from '../support/api';
import { importedHashesOf } from '../support/password-hashes';
import { startServer, TEST_ADMIN, type RunningServer } from '../support/server';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { openServerDatabase, type TestDatabase } from '../support/test-database';

// A server of its own: it mails over real SMTP, and its batches pause so an import has a middle to cancel in.
const PASSWORD = 'import suite pass phrase';
let sink: SmtpSink;
let server: RunningServer;
let database: TestDatabase & { close: () => Promise<void> };
let admin: string;
let tenant: { id: string; slug: string };
let bcryptOfPassword: string;

const call = (path: string, init: Parameters<typeof apiAt>[2] = {}) => apiAt(server.url, path, init);

async function asAdmin(method: string, path: string, json?: unknown) {
  const response = await call(path, { method, token: admin, json });
  expect(response.status, `${method} ${path}: ${response.text}`).toBeLessThan(300);
  return response.body;
}

async function tokenFor(email: string, password: string): Promise<string> {
  const response = await call('/api/v1/auth/token', { method: 'POST', json: { email, password } });
  expect(response.status, response.text).toBe(200);
  return response.body.token;
}

beforeAll(async () => {
  sink = await startSmtpSink();
  server = await startServer({ env: { SMTP_URL: sink.url, BULK_JOB_BATCH_PAUSE_MS: '150' } });
  database = openServerDatabase(server.databaseUrl);
  admin = await tokenFor(TEST_ADMIN.email, TEST_ADMIN.password);
  tenant = (await asAdmin('POST', '/api/v1/tenants', { slug: 'imp-acme', name: 'Import Acme' })) as { id: string; slug: string };
  await asAdmin('POST', '/api/v1/users', { email: 'existing@import.test', firstName: 'Erin', password: PASSWORD });
  bcryptOfPassword = (await importedHashesOf(PASSWORD)).bcrypt;
});

afterAll(async () => {
  await database?.close();
  await server?.stop();
  await sink?.stop();
});

type Row = Record<string, string>;
const COLUMNS = ['email', 'username', 'firstName', 'scopes', 'tenants', 'status', 'password', 'passwordHash', 'favouriteColour'];

/** Every kind of bad row, between good ones; `expected` is each row's outcome and the field at fault. */
function badRowsFile(prefix: string): { rows: Row[]; expected: [string, string | null][] } {
  const rows: Row[] = [
    { email: `${prefix}-good1@import.test`, scopes: 'user tester', tenants: 'imp-acme:admin', passwordHash: bcryptOfPassword },
    { username: `${prefix}-nomail`, firstName: 'No Mail' },
    { email: `${prefix}-GOOD1@import.test`, firstName: 'Twice' },
    { email: 'existing@import.test', firstName: 'Again' },
    { email: `${prefix}-tenant@import.test`, tenants: 'no-such-tenant' },
    { email: `${prefix}-hash@import.test`, passwordHash: 'md5$5f4dcc3b5aa765d61d8327deb882cf99' },
    { email: `${prefix}-weak@import.test`, password: 'password' },
    { email: `${prefix}-colour@import.test`, favouriteColour: 'blue' },
    { email: `${prefix}-good2@import.test`, firstName: 'Gus', status: 'suspended', password: 'a long and unusual pass phrase 42' },
    { email: `${prefix}-good3@import.test`, firstName: 'Gwen' },
  ];
  const expected: [string, string | null][] = [
    ['created', null],
    ['error', 'email'],
    ['error', 'email'],
    ['error', 'email'],
    ['error', 'tenants'],
    ['error', 'passwordHash'],
    ['error', 'password'],
    ['error', 'favouriteColour'],
    ['created', null],
    ['created', null],
  ];
  return { rows, expected };
}

const csvCell = (value: string) => (/[",\n$]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
const asCsv = (rows: Row[], columns = COLUMNS) => [columns.join(','), ...rows.map((row) => columns.map((column) => csvCell(row[column] ?? '')).join(','))].join('\r\n') + '\r\n';
const asNdjson = (rows: Row[]) => rows.map((row) => JSON.stringify(row)).join('\n') + '\n';
const asJson = (rows: Row[]) => JSON.stringify(rows);
const FORMATS = { csv: ['text/csv', asCsv], ndjson: ['application/x-ndjson', asNdjson], json: ['application/json', asJson] } as const;

function postImport(body: string, contentType: string, query: string, token = admin) {
  return call(`/api/v1/imports?${query}`, { method: 'POST', token, body, headers: { 'content-type': contentType } });
}

type Status = { id: string; status: string; stepsDone: number; stepsTotal: number; counts: Record<string, number> };

async function finished(id: string, timeoutMs = 60_000): Promise<Status> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await call(`/api/v1/imports/${id}`, { token: admin });
    if (['completed', 'cancelled', 'failed'].includes(body.status)) return body as Status;
    if (Date.now() > deadline) throw new Error(`Import ${id} still ${body.status} (${body.stepsDone}/${body.stepsTotal})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function runImport(body: string, contentType: string, query = ''): Promise<Status> {
  const started = await postImport(body, contentType, `dryRun=false&${query}`);
  expect(started.status, started.text).toBe(202);
  expect(started.headers.get('location')).toBe(`/api/v1/imports/${started.body.id}`);
  return finished(started.body.id);
}

/** What the directory holds, to show a dry run changes none of it. */
async function footprint() {
  const tally = async (table: typeof users | typeof auditEvents | typeof mailOutbox | typeof bulkJobs) => Number((await database.db.select({ n: count() }).from(table))[0].n);
  return { users: await tally(users), audit: await tally(auditEvents), mail: await tally(mailOutbox), jobs: await tally(bulkJobs), received: sink.mails.length };
}

const userByEmail = async (email: string) => (await database.db.select().from(users).where(eq(users.emailNormalized, email.toLowerCase())))[0];

describe('a dry run', () => {
  for (const [format, [contentType, write]] of Object.entries(FORMATS)) {
    it(`reports each kind of bad row in ${format} with its field, and writes nothing`, async () => {
      const { rows, expected } = badRowsFile(`dry-${format}`);
      const before = await footprint();
      const response = await postImport(write(rows), contentType, 'mode=create&dryRun=true');
      expect(response.status, response.text).toBe(200);
      const report = response.body as { counts: Record<string, number>; unknownColumns: string[]; rows: { row: number; outcome: string; errors: { field: string; message: string }[] }[] };
      expect(report.rows.map((row) => [row.outcome, row.errors[0]?.field ?? null])).toEqual(expected);
      expect(report.rows.map((row) => row.row)).toEqual(rows.map((_, i) => i + 1));
      expect(report.counts).toEqual({ created: 3, updated: 0, unchanged: 0, error: 7 });
      expect(report.unknownColumns).toEqual(['favouriteColour']);
      // Messages name what is wrong for a person, and point the repeat at its first row.
      expect(report.rows[2].errors[0].message).toContain('row 1');
      expect(report.rows[4].errors[0].message).toContain('no-such-tenant');
      expect(report.rows[7].errors[0].message).toContain('favouriteColour');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await footprint()).toEqual(before);
    });
  }

  it('names every fault of a row: a value in an unknown column and an email an earlier row has', async () => {
    const csv = asCsv([{ email: 'both-faults@import.test', firstName: 'First' }, { email: 'Both-Faults@import.test', favouriteColour: 'blue' }], ['email', 'firstName', 'favouriteColour']);
    const response = await postImport(csv, 'text/csv', 'mode=create&dryRun=true');
    expect(response.status, response.text).toBe(200);
    expect(response.body.rows[0].outcome).toBe('created');
    expect(response.body.rows[1].outcome).toBe('error');
    expect(response.body.rows[1].errors.map((error: { field: string }) => error.field)).toEqual(['favouriteColour', 'email']);
    expect(response.body.rows[1].errors[1].message).toBe('This email is also on row 1: a user may appear only once in a file.');
  });

  it('in upsert mode, says which existing users would be updated and which unchanged', async () => {
    const csv = asCsv([{ email: 'existing@import.test', firstName: 'Erin' }, { email: 'existing2@import.test' }, { email: 'existing@import.test', firstName: 'Other' }], ['email', 'firstName']);
    const response = await postImport(csv, 'text/csv', 'mode=upsert');
    expect(response.status, response.text).toBe(200);
    expect(response.body.rows.map((row: { outcome: string }) => row.outcome)).toEqual(['unchanged', 'created', 'error']);
  });
});

describe('a real run', () => {
  it('creates exactly the good rows, with their scopes, memberships and status, and reports every row', async () => {
    const { rows, expected } = badRowsFile('run');
    const before = await footprint();
    const mark = sink.mails.length;
    const status = await runImport(asCsv(rows), 'text/csv', 'mode=create');
    expect(status).toMatchObject({ status: 'completed', stepsDone: 10, stepsTotal: 10, counts: { created: 3, error: 7 } });
    expect((await footprint()).users).toBe(before.users + 3);

    const report = await call(`/api/v1/imports/${status.id}/report`, { token: admin });
    expect(report.body.rows.map((row: { outcome: string; errors: { field: string }[] }) => [row.outcome, row.errors[0]?.field ?? null])).toEqual(expected);

    const good1 = await userByEmail('run-good1@import.test');
    expect(good1).toMatchObject({ status: 'active', passwordHash: bcryptOfPassword });
    expect((await database.db.select({ scope: userScopes.scope }).from(userScopes).where(eq(userScopes.userId, good1.id))).map((s) => s.scope).sort()).toEqual(['tester', 'user']);
    expect(await database.db.select({ tenantId: memberships.tenantId, role: memberships.role }).from(memberships).where(eq(memberships.userId, good1.id))).toEqual([{ tenantId: tenant.id, role: 'admin' }]);
    const good2 = await userByEmail('run-good2@import.test');
    expect(good2.status).toBe('suspended');
    expect(good2.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await userByEmail('run-good3@import.test')).status).toBe('pending');
    // The row without a password or hash is invited; the others are not mailed.
    const invitation = await sink.waitForMail((mail) => sink.mails.indexOf(mail) >= mark && mail.to.includes('run-good3@import.test'));
    expect(invitation.subject).toMatch(/invited/i);
    expect(sink.mails.slice(mark).filter((mail) => mail.to.some((to) => to.startsWith('run-good1') || to.startsWith('run-good2')))).toEqual([]);

    // Each created user is audited as a single create is, and the import itself starts and finishes in the trail.
    const actions = (await database.db.select({ action: auditEvents.action }).from(auditEvents)).map((event) => event.action);
    expect(actions.filter((action) => action === 'import.started').length).toBeGreaterThanOrEqual(1);
    expect(actions).toContain('import.finished');

    const csv = await call(`/api/v1/imports/${status.id}/report?format=csv`, { token: admin });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment/);
    expect(csv.text.split('\n')[0]).toBe('row,email,outcome,field,message');
    expect(csv.text).toContain('5,run-tenant@import.test,error,tenants,');
    // The stored rows keep no password or hash once done.
    const inputs = await database.db.select({ input: bulkJobRows.input }).from(bulkJobRows).where(eq(bulkJobRows.jobId, status.id));
    expect(inputs.every((row) => row.input === null)).toBe(true);
  });

  it('in NDJSON and JSON too', async () => {
    for (const [format, [contentType, write]] of Object.entries(FORMATS)) {
      if (format === 'csv') continue;
      const { rows } = badRowsFile(`run-${format}`);
      const status = await runImport(write(rows), contentType);
      expect(status.counts, format).toEqual({ created: 3, error: 7 });
      expect((await userByEmail(`run-${format}-good1@import.test`)).passwordHash).toBe(bcryptOfPassword);
    }
  });

  it('mails no invitation with invite=false', async () => {
    const status = await runImport(asCsv([{ email: 'quiet@import.test' }], ['email']), 'text/csv', 'invite=false');
    expect(status.counts).toEqual({ created: 1 });
    expect((await userByEmail('quiet@import.test')).status).toBe('pending');
    expect(await database.db.select().from(mailOutbox).where(eq(mailOutbox.to, 'quiet@import.test'))).toEqual([]);
  });

  it('in upsert mode updates what changed, leaves the rest, and keeps the password when the row gives none', async () => {
    const csv = asCsv(
      [
        { email: 'existing@import.test', firstName: 'Erina', scopes: 'user tester', tenants: 'imp-acme' },
        { email: 'upserted@import.test', firstName: 'New', passwordHash: bcryptOfPassword },
      ],
      ['email', 'firstName', 'scopes', 'tenants', 'passwordHash'],
    );
    const first = await runImport(csv, 'text/csv', 'mode=upsert');
    expect(first.counts).toEqual({ updated: 1, created: 1 });
    const existing = await userByEmail('existing@import.test');
    expect(existing.firstName).toBe('Erina');
    expect(await database.db.select({ role: memberships.role }).from(memberships).where(eq(memberships.userId, existing.id))).toEqual([{ role: 'user' }]);
    await tokenFor('existing@import.test', PASSWORD);
    const again = await runImport(csv, 'text/csv', 'mode=upsert');
    expect(again.counts).toEqual({ unchanged: 2 });
  });

  it('can be cancelled: it stops between batches, and what was imported stays', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => ({ email: `cancel-${i}@import.test`, passwordHash: bcryptOfPassword }));
    const started = await postImport(asCsv(rows, ['email', 'passwordHash']), 'text/csv', 'dryRun=false');
    expect(started.status, started.text).toBe(202);
    const cancelled = await call(`/api/v1/imports/${started.body.id}/cancel`, { method: 'POST', token: admin });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body.cancelRequested).toBe(true);
    const status = await finished(started.body.id);
    expect(status.status).toBe('cancelled');
    expect(status.stepsDone).toBeLessThan(3000);
    const created = Number((await database.db.select({ n: count() }).from(users).where(like(users.email, 'cancel-%')))[0].n);
    expect(created).toBe(status.counts.created ?? 0);
  });
});

describe('forgetting', () => {
  it('a deleted user’s import rows keep their outcome but no longer their email', async () => {
    const status = await runImport(asCsv([{ email: 'forget-me@import.test', passwordHash: bcryptOfPassword }], ['email', 'passwordHash']), 'text/csv');
    const user = await userByEmail('forget-me@import.test');
    await asAdmin('DELETE', `/api/v1/users/${user.id}`);
    const deadline = Date.now() + 30_000;
    while ((await userByEmail('forget-me@import.test')) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const report = await call(`/api/v1/imports/${status.id}/report`, { token: admin });
    expect(report.body.rows).toEqual([{ row: 1, email: null, outcome: 'created', errors: [] }]);
  });
});

describe('imported password hashes', () => {
  it('sign in with each kind, and the stored hash is then Gatehouse’s argon2id', async () => {
    const password = 'imported hash pass phrase';
    const hashes = await importedHashesOf(password);
    const rows = Object.entries(hashes).map(([kind, hash]) => ({ email: `hash-${kind.replace('_', '-')}@import.test`, passwordHash: hash }));
    const status = await runImport(asCsv(rows, ['email', 'passwordHash']), 'text/csv');
    expect(status.counts).toEqual({ created: rows.length });
    for (const { email, passwordHash } of rows) {
      expect((await userByEmail(email)).passwordHash).toBe(passwordHash);
      const signIn = await call('/api/v1/auth/token', { method: 'POST', json: { email, password } });
      expect(signIn.status, `${email}: ${signIn.text}`).toBe(200);
      expect((await userByEmail(email)).passwordHash, email).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    }
  });
});

describe('refusals', () => {
  it('a tenant admin and a plain user get 403', async () => {
    await asAdmin('POST', '/api/v1/users', { email: 'plain@import.test', password: PASSWORD });
    const tenantAdmin = (await asAdmin('POST', '/api/v1/users', { email: 'tadmin@import.test', password: PASSWORD })) as { user: { id: string } };
    await asAdmin('PUT', `/api/v1/tenants/${tenant.id}/users/${tenantAdmin.user.id}`, { role: 'admin' });
    for (const email of ['plain@import.test', 'tadmin@import.test']) {
      const token = await tokenFor(email, PASSWORD);
      const response = await postImport(asCsv([{ email: 'x@import.test' }], ['email']), 'text/csv', 'dryRun=true', token);
      expect(response.status, email).toBe(403);
      expect((await call('/api/v1/imports', { token })).status, email).toBe(403);
    }
  });

  it('answers 415 for another media type, naming the three', async () => {
    const response = await postImport('email\nx@import.test\n', 'text/plain', 'dryRun=true');
    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    expect(response.body.detail).toContain('text/csv');
    expect(response.body.detail).toContain('application/x-ndjson');
    expect(response.body.detail).toContain('application/json');
  });

  it('answers 413 for too many rows and for too many bytes', async () => {
    const tooMany = `email\n${'a@b.c\n'.repeat(200_001)}`;
    const rows = await postImport(tooMany, 'text/csv', 'dryRun=true');
    expect(rows.status).toBe(413);
    expect(rows.body.detail).toContain('200,000');
    const bytes = await postImport('x'.repeat(64 * 1024 * 1024 + 1), 'text/csv', 'dryRun=true');
    expect(bytes.status).toBe(413);
  });

  it('answers 400 with a message a person understands for files it cannot read', async () => {
    const cases: [string, string, RegExp][] = [
      ['', 'text/csv', /empty/],
      ['ann@example.com,Ann\n', 'text/csv', /header row/],
      ['{"email": "a@b.c"}', 'application/json', /array of objects/],
      ['[{"email": ', 'application/json', /not valid JSON/],
      ['email\n', 'text/csv', /no rows/],
    ];
    for (const [body, contentType, message] of cases) {
      const response = await postImport(body, contentType, 'dryRun=true');
      expect(response.status, body).toBe(400);
      expect(response.body.detail, body).toMatch(message);
    }
    const badQuery = await postImport('email\na@b.c\n', 'text/csv', 'mode=merge');
    expect(badQuery.status).toBe(400);
  });

  it('reads a file of many network chunks whose characters span them, and refuses bytes that are not UTF-8', async () => {
    // ~400 KB of names in 2-, 3- and 4-byte characters: a character parted between two chunks
    // and decoded as two halves would make the file "not valid UTF-8".
    const rows = Array.from({ length: 4_000 }, (_, i) => `utf-${i}@import.test,Zoë ${'€😀'.repeat(1 + (i % 13))}`);
    const wide = await postImport(`email,firstName\n${rows.join('\n')}\n`, 'text/csv', 'dryRun=true');
    expect(wide.status, wide.text.slice(0, 300)).toBe(200);
    expect(wide.body.counts).toMatchObject({ created: 4_000, error: 0 });

    const latin1 = new Uint8Array([...new TextEncoder().encode('email,firstName\nzoe@import.test,Zo'), 0xeb, 0x0a]);
    const refused = await call('/api/v1/imports?dryRun=true', { method: 'POST', token: admin, body: latin1, headers: { 'content-type': 'text/csv' } });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toBe('The body is not valid UTF-8 text. Save the file as UTF-8 and send it again.');
  });

  it('answers 422 naming the line of the file that holds a NUL character', async () => {
    const response = await postImport('email,firstName\nann@nul.test,Ann\nbob@nul.test,B\u0000b\n', 'text/csv', 'dryRun=true');
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([{ path: 'body', message: expect.stringMatching(/^Line 3 of the file has a NUL character/) }]);
  });

  it('answers 404 for an import that does not exist', async () => {
    expect((await call('/api/v1/imports/imp_nope', { token: admin })).status).toBe(404);
  });
});
