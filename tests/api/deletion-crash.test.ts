import { afterAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { addRelatedRows, remainingRows } from '../support/deletion-fixtures';
import { startServer, TEST_ADMIN, type RunningServer } from '../support/server';

// Servers of their own, deleting slowly (a pause between batches) so there is a "middle" to
// kill or cancel in.
const SLOW = { DELETION_BATCH_PAUSE_MS: '30' };
const servers: RunningServer[] = [];
afterAll(async () => {
  for (const server of servers.reverse()) await server.stop();
});

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

async function userWithManyRows(server: RunningServer, token: string, email: string, rows: number): Promise<string> {
  const created = await call(server, '/api/v1/users', { method: 'POST', token, json: { email, password: 'crash test password' } });
  expect(created.status).toBe(201);
  const sqlite = new Database(server.databaseFile);
  addRelatedRows(sqlite, created.body.user.id, rows);
  sqlite.close();
  return created.body.user.id;
}

type Status = { status: string; stepsDone: number };
type StepTimes = { step: string; startedAt: number; finishedAt: number | null };

/** When each step of the job started and finished, as the worker recorded it. */
function stepTimes(databaseFile: string, ticket: string): StepTimes[] {
  const sqlite = new Database(databaseFile, { readonly: true });
  try {
    return sqlite.prepare('SELECT step, started_at AS startedAt, finished_at AS finishedAt FROM deletion_job_steps WHERE ticket = ? ORDER BY started_at').all(ticket) as StepTimes[];
  } finally {
    sqlite.close();
  }
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
    const token = await adminToken(first);
    const userId = await userWithManyRows(first, token, 'crash@example.com', 3000);

    const { body } = await call(first, `/api/v1/users/${userId}`, { method: 'DELETE', token });
    const statusPath = `/api/v1/users/${userId}/delete-status/${body.ticket}`;
    const seen: Status[] = [];
    await waitFor(first, token, statusPath, (s) => s.status === 'in-progress' && s.stepsDone >= 2, seen);
    first.process.kill('SIGKILL');
    await new Promise((resolve) => first.process.once('exit', resolve));

    const reader = new Database(first.databaseFile, { readonly: true });
    const before = remainingRows(reader, userId);
    reader.close();
    expect(before.users).toBe(1);
    expect(before.access_tokens).toBe(0);
    expect(before.permissions + before.memberships + before.user_scopes).toBeGreaterThan(0);
    const finishedBeforeKill = stepTimes(first.databaseFile, body.ticket).filter((step) => step.finishedAt !== null);
    expect(finishedBeforeKill.map((step) => step.step).slice(0, 2)).toEqual(['revoke-tokens', 'remove-codes']);

    const second = await startServer({ env: SLOW, databaseFile: first.databaseFile });
    servers.push(second);
    const secondToken = await adminToken(second);
    const last = await waitFor(second, secondToken, statusPath, (s) => ['completed', 'failed', 'cancelled'].includes(s.status), seen);
    expect(last).toMatchObject({ status: 'completed', stepsDone: 8, stepsTotal: 8 });
    for (let i = 1; i < seen.length; i++) expect(seen[i].stepsDone).toBeGreaterThanOrEqual(seen[i - 1].stepsDone);
    // The steps finished before the kill ran once: the second server did not start them again
    // (a new run would have stamped a new start). Every step has finished now.
    const after = stepTimes(first.databaseFile, body.ticket);
    expect(after.slice(0, finishedBeforeKill.length)).toEqual(finishedBeforeKill);
    expect(after.map((step) => step.finishedAt !== null)).toEqual(Array(8).fill(true));

    const sqlite = new Database(first.databaseFile, { readonly: true });
    expect(Object.values(remainingRows(sqlite, userId)).every((n) => n === 0)).toBe(true);
    expect(sqlite.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    // Other users' data is untouched: the admin still signs in.
    expect(sqlite.prepare("SELECT count(*) FROM users WHERE email = ?").pluck().get(TEST_ADMIN.email)).toBe(1);
    sqlite.close();
  }, 120_000);

  it('cancels between steps: the user ends suspended, and what was removed stays removed', async () => {
    const server = await startServer({ env: SLOW });
    servers.push(server);
    const token = await adminToken(server);
    const userId = await userWithManyRows(server, token, 'cancel@example.com', 3000);
    const { body } = await call(server, `/api/v1/users/${userId}`, { method: 'DELETE', token });
    const statusPath = `/api/v1/users/${userId}/delete-status/${body.ticket}`;
    const seen: Status[] = [];
    await waitFor(server, token, statusPath, (s) => s.stepsDone >= 2, seen);

    const cancel = await call(server, statusPath, { method: 'DELETE', token });
    expect(cancel.status).toBe(200);
    const last = await waitFor(server, token, statusPath, (s) => s.status !== 'in-progress', seen);
    expect(last.status).toBe('cancelled');
    expect(last.stepsDone).toBeLessThan(8);

    const user = await call(server, `/api/v1/users/${userId}`, { token });
    expect(user.body.status).toBe('suspended');
    const sqlite = new Database(server.databaseFile, { readonly: true });
    const left = remainingRows(sqlite, userId);
    sqlite.close();
    expect(left.access_tokens).toBe(0);
    expect(left.one_time_codes).toBe(0);
    expect(left.users).toBe(1);
    expect((await call(server, statusPath, { method: 'DELETE', token })).status).toBe(409);
  }, 120_000);
});
