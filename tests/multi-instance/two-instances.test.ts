import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAt } from '../support/api';
import { postgresAvailability, startPostgresCluster, type PostgresCluster } from '../support/postgres';
import { browserSession } from '../support/server-actions';
import { startServer, TEST_ADMIN, type RunningServer } from '../support/server';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

/**
 * Two `next start` instances on one PostgreSQL database, as behind a load balancer: whatever
 * one instance learns or starts, the other honours, and background work runs exactly once.
 */

const availability = postgresAvailability();
if (!availability.available) console.warn(`[two-instances] Skipped: ${availability.reason}`);

const SECRET = 'two-instances-shared-auth-secret-0123456789';
const MEMBER_PASSWORD = 'member password 12345';

let cluster: PostgresCluster;
let databaseUrl: string;
let sink: SmtpSink;
let a: RunningServer;
let b: RunningServer;
let sql: Client;
let adminToken: string;
let address = 0;
/** Every call from its own client address, so only the account's own counter can throttle it. */
const call = (server: RunningServer, path: string, init: Parameters<typeof apiAt>[2] = {}) =>
  apiAt(server.url, path, { ...init, headers: { 'x-forwarded-for': `10.77.${Math.floor(++address / 250)}.${address % 250}`, ...init.headers } });

async function startInstance(): Promise<RunningServer> {
  return startServer({
    databaseUrl,
    env: {
      AUTH_SECRET: SECRET,
      SMTP_URL: sink.url,
      TRUST_PROXY: 'true',
      // Slow enough that a deletion is still running when its instance is killed.
      DELETION_BATCH_PAUSE_MS: '150',
    },
  });
}

async function newMember(tag: string) {
  const response = await call(a, '/api/v1/users', { method: 'POST', token: adminToken, json: { email: `${tag}-${Date.now()}@example.com`, password: MEMBER_PASSWORD } });
  expect(response.status).toBe(201);
  return response.body.user as { id: string; email: string };
}

async function tokenFor(server: RunningServer, email: string, password = MEMBER_PASSWORD) {
  return call(server, '/api/v1/auth/token', { method: 'POST', json: { username: email, password } });
}

async function waitUntil<T>(read: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.skipIf(!availability.available)('two instances on one PostgreSQL database', () => {
  beforeAll(async () => {
    cluster = await startPostgresCluster();
    databaseUrl = await cluster.createDatabase('two_instances');
    sink = await startSmtpSink();
    // One after the other: the second finds the database migrated and the first admin there.
    a = await startInstance();
    b = await startInstance();
    sql = new Client({ connectionString: databaseUrl });
    await sql.connect();
    const token = await tokenFor(a, TEST_ADMIN.email, TEST_ADMIN.password);
    expect(token.status).toBe(200);
    adminToken = token.body.token;
  }, 180_000);

  afterAll(async () => {
    await sql?.end();
    await a?.stop();
    await b?.stop();
    await sink?.stop();
    await cluster?.stop();
  });

  it('accepts on one instance a token issued by the other', async () => {
    const member = await newMember('token');
    const issued = await tokenFor(a, member.email);
    expect(issued.status).toBe(200);
    const me = await call(b, '/api/v1/me', { token: issued.body.token });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(member.id);
  });

  it('ends a suspended user’s browser session and token on the other instance at the next request', async () => {
    const member = await newMember('suspend');
    const cookie = await browserSession(a.url, member.email, MEMBER_PASSWORD);
    const token = (await tokenFor(a, member.email)).body.token;
    expect((await call(b, '/api/v1/me', { headers: { cookie } })).status).toBe(200);
    expect((await call(b, '/api/v1/me', { token })).status).toBe(200);

    expect((await call(a, `/api/v1/users/${member.id}`, { method: 'PATCH', token: adminToken, json: { status: 'suspended' } })).status).toBe(200);

    expect((await call(b, '/api/v1/me', { headers: { cookie } })).status).toBe(401);
    expect((await call(b, '/api/v1/me', { token })).status).toBe(401);
  });

  it('refuses on the other instance, at the next request, a session and a token ended on one', async () => {
    const member = await newMember('sessions');
    const cookie = await browserSession(a.url, member.email, MEMBER_PASSWORD);
    const kept = (await tokenFor(a, member.email)).body.token;
    const ended = (await tokenFor(a, member.email)).body.token;
    for (const credential of [{ headers: { cookie } }, { token: kept }, { token: ended }]) expect((await call(b, '/api/v1/me', credential)).status).toBe(200);

    const { sessions } = (await call(b, '/api/v1/me/sessions', { token: ended })).body as { sessions: Array<{ id: string; kind: string; current: boolean }> };
    const endedId = sessions.find((session) => session.current)!.id;
    const browserId = sessions.find((session) => session.kind === 'browser')!.id;
    expect((await call(a, `/api/v1/me/sessions/${endedId}`, { method: 'DELETE', token: kept })).status).toBe(204);
    expect((await call(a, `/api/v1/users/${member.id}/sessions/${browserId}`, { method: 'DELETE', token: adminToken })).status).toBe(204);

    expect((await call(b, '/api/v1/me', { token: ended })).status).toBe(401);
    expect((await call(b, '/api/v1/me', { headers: { cookie } })).status).toBe(401);
    expect((await call(b, '/api/v1/me', { token: kept })).status).toBe(200);
  });

  it('throttles an account on both instances after five failed sign-ins split between them', async () => {
    const member = await newMember('throttle');
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await tokenFor(attempt % 2 ? b : a, member.email, 'not the password at all')).status).toBe(401);
    }
    // The right password, from addresses that never failed: the account itself is held back everywhere.
    const fromA = await tokenFor(a, member.email);
    const fromB = await tokenFor(b, member.email);
    expect(fromA.status).toBe(429);
    expect(fromB.status).toBe(429);
    expect(Number(fromB.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('delivers a reset mail exactly once though both instances deliver mail', async () => {
    const member = await newMember('reset');
    expect((await call(b, '/api/v1/password/forgot', { method: 'POST', json: { email: member.email } })).status).toBe(202);
    await sink.waitForMail((mail) => mail.to.includes(member.email), 15_000);
    // Both outbox workers poll every second: give the other a few turns to send it again.
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    expect(sink.mails.filter((mail) => mail.to.includes(member.email))).toHaveLength(1);
  }, 30_000);

  it('runs a deletion exactly once while both instances live', async () => {
    const member = await newMember('delete-once');
    const requested = await call(a, `/api/v1/users/${member.id}`, { method: 'DELETE', token: adminToken });
    expect(requested.status).toBe(202);
    const ticket = requested.body.ticket as string;
    const done = await waitUntil(async () => {
      const status = await call(b, `/api/v1/users/${member.id}/delete-status/${ticket}`, { token: adminToken });
      return status.body.status === 'completed' ? status.body : undefined;
    }, 30_000);
    expect(done.stepsDone).toBe(done.stepsTotal);
    // Claimed once: a second claim would have counted a second attempt.
    const { rows } = await sql.query('SELECT attempts FROM deletion_jobs WHERE ticket = $1', [ticket]);
    expect(rows[0].attempts).toBe(1);
    const completed = await sql.query("SELECT count(*)::int AS n FROM audit_events WHERE action = 'user.deletion.completed' AND after->>'ticket' = $1", [ticket]);
    expect(completed.rows[0].n).toBe(1);
    expect((await call(b, `/api/v1/users/${member.id}`, { token: adminToken })).status).toBe(404);
  }, 40_000);

  it('finishes a deletion on the other instance when the one holding its lease is killed mid-way', async () => {
    const member = await newMember('delete-kill');
    // Enough rows that the first steps take several batches, with a pause between batches.
    await sql.query(
      `INSERT INTO access_tokens (id, user_id, token_hash, kind, session_version)
       SELECT 'tok_bulk_' || g || '_' || $2, $1, md5(random()::text || g), 'session', 1 FROM generate_series(1, 1500) g`,
      [member.id, Date.now()],
    );
    const requested = await call(a, `/api/v1/users/${member.id}`, { method: 'DELETE', token: adminToken });
    const ticket = requested.body.ticket as string;
    const owner = await waitUntil(async () => {
      const { rows } = await sql.query("SELECT lease_owner FROM deletion_jobs WHERE ticket = $1 AND status = 'in-progress'", [ticket]);
      return (rows[0]?.lease_owner as string | null) ?? undefined;
    }, 10_000);
    const [holder, survivor] = owner.split(':')[1] === String(a.process.pid) ? [a, b] : [b, a];
    expect(owner.split(':')[1]).toBe(String(holder.process.pid));
    holder.process.kill('SIGKILL');
    await new Promise((resolve) => holder.process.once('exit', resolve));
    const { rows: midway } = await sql.query('SELECT steps_done, status FROM deletion_jobs WHERE ticket = $1', [ticket]);
    expect(midway[0].status).toBe('in-progress');
    expect(midway[0].steps_done).toBeLessThan(8);

    const done = await waitUntil(async () => {
      const status = await call(survivor, `/api/v1/users/${member.id}/delete-status/${ticket}`, { token: adminToken });
      return status.body.status === 'completed' ? status.body : undefined;
    }, 45_000);
    expect(done.stepsDone).toBe(done.stepsTotal);
    const { rows: left } = await sql.query('SELECT (SELECT count(*) FROM access_tokens WHERE user_id = $1)::int AS tokens, (SELECT count(*) FROM users WHERE id = $1)::int AS users', [member.id]);
    expect(left[0]).toEqual({ tokens: 0, users: 0 });
  }, 90_000);
});
