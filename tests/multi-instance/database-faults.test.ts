import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAt } from '../support/api';
import { postgresAvailability, startPostgresCluster, type PostgresCluster } from '../support/postgres';
import { startServer, TEST_ADMIN, type RunningServer } from '../support/server';

/** What an operator sees when PostgreSQL is wrongly configured, or goes away while Gatehouse serves. */

const availability = postgresAvailability();
if (!availability.available) console.warn(`[database-faults] Skipped: ${availability.reason}`);

const AUTH_SECRET = 'database-faults-auth-secret-0123456789abcdef';

let cluster: PostgresCluster;
let databaseUrl: string;

/** Starts a server expected to refuse to start; answers what it printed. */
async function refusedStart(url: string): Promise<string> {
  const error = await startServer({ databaseUrl: url, env: { AUTH_SECRET } }).then(
    async (server) => {
      await server.stop();
      throw new Error('The server started');
    },
    (refusal: Error) => refusal,
  );
  return error.message;
}

describe.skipIf(!availability.available)('PostgreSQL faults', () => {
  beforeAll(async () => {
    cluster = await startPostgresCluster();
    databaseUrl = await cluster.createDatabase('faults');
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('stops start-up with one line naming DATABASE_URL when the server cannot be reached or refuses the password', async () => {
    const unreachable = await refusedStart(`postgres://gatehouse:hunter2-secret@127.0.0.1:${cluster.port + 1}/faults`);
    expect(unreachable).toMatch(/\[gatehouse\] Invalid configuration:\n {2}- DATABASE_URL: cannot use postgres:\/\/gatehouse:\*\*\*@127\.0\.0\.1:\d+\/faults: .*ECONNREFUSED/);

    const wrongPassword = await refusedStart(databaseUrl.replace(/:([^:@/]+)@/, ':wrong-password-42@'));
    expect(wrongPassword).toMatch(/DATABASE_URL: cannot use postgres:\/\/gatehouse:\*\*\*@.*password authentication failed/);

    for (const output of [unreachable, wrongPassword]) {
      expect(output).not.toMatch(/hunter2-secret|wrong-password-42/);
      // One line for the operator, not a stack trace.
      expect(output).not.toMatch(/^\s+at /m);
    }
  }, 60_000);

  it('answers 503 problem+json while PostgreSQL is away, writes nothing half, and recovers by itself', async () => {
    const server: RunningServer = await startServer({ databaseUrl, env: { AUTH_SECRET } });
    try {
      const signIn = await apiAt(server.url, '/api/v1/auth/token', { method: 'POST', json: { username: TEST_ADMIN.email, password: TEST_ADMIN.password } });
      const token = signIn.body.token as string;
      expect((await apiAt(server.url, '/api/v1/me', { token })).status).toBe(200);

      await cluster.pause();
      const away = await apiAt(server.url, '/api/v1/users', { method: 'POST', token, json: { email: 'while-away@example.com', password: 'a long enough password 1' } });
      expect(away.status).toBe(503);
      expect(away.headers.get('content-type')).toContain('application/problem+json');
      expect(away.headers.get('retry-after')).toBe('5');
      expect(away.body).toMatchObject({ status: 503, title: 'Service unavailable' });
      expect((await apiAt(server.url, '/api/v1/me', { token })).status).toBe(503);
      // What a load balancer asks: no sign-in, and it says the database is away.
      const health = await apiAt(server.url, '/api/v1/health');
      expect(health.status).toBe(503);
      expect(health.headers.get('content-type')).toContain('application/problem+json');

      await cluster.resume();
      let me = await apiAt(server.url, '/api/v1/me', { token });
      for (let tries = 0; me.status !== 200 && tries < 25; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        me = await apiAt(server.url, '/api/v1/me', { token });
      }
      expect(me.status).toBe(200);
      expect((await apiAt(server.url, '/api/v1/health')).body).toEqual({ status: 'ok' });
      // The create that failed left no user behind; made again now, it succeeds.
      const list = await apiAt(server.url, '/api/v1/users?pattern=while-away', { token });
      expect(list.body.total).toBe(0);
      const again = await apiAt(server.url, '/api/v1/users', { method: 'POST', token, json: { email: 'while-away@example.com', password: 'a long enough password 1' } });
      expect(again.status).toBe(201);
    } finally {
      await server.stop();
    }
  }, 90_000);
});
