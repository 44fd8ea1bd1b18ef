import { asc, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { deletionJobSteps, users } from '@/db/schema';
import { addRelatedRows, remainingRows } from '../support/deletion-fixtures';
import { integrityProblems } from '../support/engine-specific';
import { startServer, TEST_ADMIN, type RunningServer } from '../support/server';
import { openServerDatabase, type TestDatabase } from '../support/test-database';

// Servers of their own, deleting slowly (a pause between batches) so there is a "middle" to
// kill or cancel in.
const SLOW = { DELETION_BATCH_PAUSE_MS: '30' };
const servers: RunningServer[] = [];
const databases: Array<{ close: () => Promise<void> }> = [];
afterAll(async () => {
  for (const database of databases) await database.close();
  for (const server of servers.reverse()) await server.stop();
});

/** The test's own connection to a server's database, closed after the file. */
function databaseOf(server: RunningServer): TestDatabase {
  const database = openServerDatabase(server.databaseUrl);
  databases.push(database);
  return database;
}

async function call(server: RunningServer, path: string, init: { method?: string; token?: string; json?: unknown } = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

async function adminToken(server: RunningServer): Promise<string> {
  return (await call(server, '/api/v1/auth/token', { method: 'POST', json: { email: TEST_ADMIN.email, password: TEST_ADMIN.password } })).body.token;
}

async function userWithManyRows(server: RunningServer, database: TestDatabase, token: string, email: string, rows: number): Promise<string> {
  const created = await call(server, '/api/v1/users', { method: 'POST', token, json: { email, password: 'crash test password' } });
  expect(created.status).toBe(201);
  await addRelatedRows(database, created.body.user.id, rows);
  return created.body.user.id;
}

type Status = { status: string; stepsDone: number };

/** When each step of the job started and finished, as the worker recorded it. */
function stepTimes(database: TestDatabase, ticket: string) {
  const { step, startedAt, finishedAt } = deletionJobSteps;
  return database.db.select({ step, startedAt, finishedAt }).from(deletionJobSteps).where(eq(deletionJobSteps.ticket, ticket)).orderBy(asc(startedAt));
}

async function waitFor(server: RunningServer, token: string, path: string, done: (status: Status) => boolean, seen: Status[], timeoutMs = 60_000): Promise<Status> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { body } = await call(server, path, { token });
    seen.push(body);
    if (done(body)) return body;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Timed out; last status ${JSON.stringify(seen.at(-1))}`);
}

describe('deletion survives a crash', () => {
  it('resumes after SIGKILL mid-way at the first unfinished step and finishes with nothing left behind, progress never going back', async () => {
    const first = await startServer({ env: SLOW });
    servers.push(first);
    const database = databaseOf(first);
    const token = await adminToken(first);
    const userId = await userWithManyRows(first, database, token, 'crash@example.com', 3000);

    const { body } = await call(first, `/api/v1/users/${userId}`, { method: 'DELETE', token });
    const statusPath = `/api/v1/users/${userId}/delete-status/${body.ticket}`;
    const seen: Status[] = [];
    await waitFor(first, token, statusPath, (s) => s.status === 'in-progress' && s.stepsDone >= 2, seen);
    first.process.kill('SIGKILL');
    await new Promise((resolve) => first.process.once('exit', resolve));

    const before = await remainingRows(database, userId);
    expect(before.users).toBe(1);
    expect(before.access_tokens).toBe(0);
    expect(before.permissions + before.memberships + before.user_scopes).toBeGreaterThan(0);
    const finishedBeforeKill = (await stepTimes(database, body.ticket)).filter((step) => step.finishedAt !== null);
    expect(finishedBeforeKill.map((step) => step.step).slice(0, 2)).toEqual(['revoke-tokens', 'remove-codes']);

    const second = await startServer({ env: SLOW, databaseUrl: first.databaseUrl });
    servers.push(second);
    const secondToken = await adminToken(second);
    const last = await waitFor(second, secondToken, statusPath, (s) => ['completed', 'failed', 'cancelled'].includes(s.status), seen);
    expect(last).toMatchObject({ status: 'completed', stepsDone: 9, stepsTotal: 9 });
    for (let i = 1; i < seen.length; i++) expect(seen[i].stepsDone).toBeGreaterThanOrEqual(seen[i - 1].stepsDone);
    // The steps finished before the kill ran once: the second server did not start them again
    // (a new run would have stamped a new start). Every step has finished now.
    const after = await stepTimes(database, body.ticket);
    expect(after.slice(0, finishedBeforeKill.length)).toEqual(finishedBeforeKill);
    expect(after.map((step) => step.finishedAt !== null)).toEqual(Array(9).fill(true));

    expect(Object.values(await remainingRows(database, userId)).every((n) => n === 0)).toBe(true);
    expect(await integrityProblems(database)).toEqual([]);
    // Other users' data is untouched: the admin still signs in.
    expect(await database.db.select().from(users).where(eq(users.email, TEST_ADMIN.email))).toHaveLength(1);
  }, 120_000);

  it('cancels between steps: the user ends suspended, and what was removed stays removed', async () => {
    const server = await startServer({ env: SLOW });
    servers.push(server);
    const database = databaseOf(server);
    const token = await adminToken(server);
    const userId = await userWithManyRows(server, database, token, 'cancel@example.com', 3000);
    const { body } = await call(server, `/api/v1/users/${userId}`, { method: 'DELETE', token });
    const statusPath = `/api/v1/users/${userId}/delete-status/${body.ticket}`;
    const seen: Status[] = [];
    await waitFor(server, token, statusPath, (s) => s.stepsDone >= 2, seen);

    const cancel = await call(server, statusPath, { method: 'DELETE', token });
    expect(cancel.status).toBe(200);
    const last = await waitFor(server, token, statusPath, (s) => s.status !== 'in-progress', seen);
    expect(last.status).toBe('cancelled');
    expect(last.stepsDone).toBeLessThan(9);

    const user = await call(server, `/api/v1/users/${userId}`, { token });
    expect(user.body.status).toBe('suspended');
    const left = await remainingRows(database, userId);
    expect(left.access_tokens).toBe(0);
    expect(left.one_time_codes).toBe(0);
    expect(left.users).toBe(1);
    expect((await call(server, statusPath, { method: 'DELETE', token })).status).toBe(409);
  }, 120_000);
});
