import { and, count, eq, inArray, isNotNull, like } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditEvents, bulkJobRows, bulkJobs, memberships, userScopes, users } from '@/db/schema';
import { importedHashesOf } from '../support/password-hashes';
import { startServer, TEST_ADMIN, type RunningServer } from '../support/server';
import { openServerDatabase, type TestDatabase } from '../support/test-database';

// Servers of their own, importing slowly (a pause between batches) so there is a middle to kill in.
const SLOW = { BULK_JOB_BATCH_PAUSE_MS: '250' };
const ROWS = 3000;
const servers: RunningServer[] = [];
let database: (TestDatabase & { close: () => Promise<void> }) | undefined;
afterAll(async () => {
  await database?.close();
  for (const server of servers.reverse()) await server.stop();
});

async function call(server: RunningServer, path: string, init: { method?: string; token?: string; json?: unknown; body?: string; contentType?: string } = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': init.contentType ?? 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body ?? (init.json === undefined ? undefined : JSON.stringify(init.json)),
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

const adminToken = async (server: RunningServer): Promise<string> =>
  (await call(server, '/api/v1/auth/token', { method: 'POST', json: { email: TEST_ADMIN.email, password: TEST_ADMIN.password } })).body.token;

type Status = { status: string; stepsDone: number; stepsTotal: number; counts: Record<string, number> };

async function waitFor(server: RunningServer, token: string, path: string, done: (status: Status) => boolean, timeoutMs = 90_000): Promise<Status> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { body } = await call(server, path, { token });
    if (done(body)) return body;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Timed out waiting on ${path}`);
}

/** Every 50th row has a hash no system makes: an error row between good ones. */
const isBadRow = (i: number) => i % 50 === 49;

describe('an import survives a crash', () => {
  it('resumes after SIGKILL mid-way and imports every good row exactly once, whole', async () => {
    const first = await startServer({ env: SLOW });
    servers.push(first);
    database = openServerDatabase(first.databaseUrl);
    const token = await adminToken(first);
    expect((await call(first, '/api/v1/tenants', { method: 'POST', token, json: { slug: 'crash-t', name: 'Crash' } })).status).toBe(201);
    const { bcrypt } = await importedHashesOf('crash test pass phrase');
    const csv = ['email,scopes,tenants,passwordHash', ...Array.from({ length: ROWS }, (_, i) => `crash-${i}@import.test,user crash,crash-t:admin,${isBadRow(i) ? 'sha1$nope' : bcrypt}`)].join('\n');
    const started = await call(first, '/api/v1/imports?dryRun=false', { method: 'POST', token, body: csv, contentType: 'text/csv' });
    expect(started.status).toBe(202);
    const statusPath = `/api/v1/imports/${started.body.id}`;

    const beforeKill = await waitFor(first, token, statusPath, (s) => s.stepsDone >= 800);
    expect(beforeKill.stepsDone).toBeLessThan(ROWS);
    first.process.kill('SIGKILL');
    await new Promise((resolve) => first.process.once('exit', resolve));

    // At the kill, what is recorded done is exactly what is written: each row's users with its outcome.
    const crashUsers = () => database!.db.select({ id: users.id }).from(users).where(like(users.email, 'crash-%'));
    const [killed] = await database.db.select().from(bulkJobs).where(eq(bulkJobs.id, started.body.id));
    expect(killed.stepsDone).toBeLessThan(ROWS);
    expect((await crashUsers()).length).toBe(killed.counts.created);
    const doneRows = await database.db.select({ n: count() }).from(bulkJobRows).where(and(eq(bulkJobRows.jobId, killed.id), isNotNull(bulkJobRows.outcome)));
    expect(Number(doneRows[0].n)).toBe(killed.stepsDone);

    const second = await startServer({ env: SLOW, databaseUrl: first.databaseUrl });
    servers.push(second);
    const secondToken = await adminToken(second);
    const last = await waitFor(second, secondToken, statusPath, (s) => ['completed', 'failed', 'cancelled'].includes(s.status));
    const bad = Array.from({ length: ROWS }, (_, i) => i).filter(isBadRow).length;
    expect(last).toMatchObject({ status: 'completed', stepsDone: ROWS, stepsTotal: ROWS, counts: { created: ROWS - bad, error: bad } });

    // Every good row once; every user whole: both scopes and the membership.
    const ids = (await crashUsers()).map((user) => user.id);
    expect(ids.length).toBe(ROWS - bad);
    let scopes = 0;
    let members = 0;
    let creations = 0;
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500);
      creations += Number((await database.db.select({ n: count() }).from(auditEvents).where(and(eq(auditEvents.action, 'user.created'), inArray(auditEvents.target, part))))[0].n);
      scopes += Number((await database.db.select({ n: count() }).from(userScopes).where(inArray(userScopes.userId, part)))[0].n);
      members += Number((await database.db.select({ n: count() }).from(memberships).where(and(inArray(memberships.userId, part), eq(memberships.role, 'admin'))))[0].n);
    }
    expect(scopes).toBe(2 * ids.length);
    expect(members).toBe(ids.length);
    // One creation event per user: no row was replayed.
    expect(creations).toBe(ids.length);

    const report = await call(second, `${statusPath}/report`, { token: secondToken });
    expect(report.body.rows).toHaveLength(ROWS);
    expect(report.body.rows.map((row: { outcome: string }) => row.outcome)).toEqual(Array.from({ length: ROWS }, (_, i) => (isBadRow(i) ? 'error' : 'created')));
  }, 180_000);
});
