import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { engineOf } from '@/db/location';
import { freePort } from './free-port';
import { createDatabaseIn, type PostgresClusterAccess } from './postgres';

export type RunningServer = {
  url: string;
  port: number;
  /** The server's DATABASE_URL: `file:…` on SQLite, `postgres://…` on PostgreSQL. */
  databaseUrl: string;
  process: ChildProcess;
  /** What the server printed, for assertions and for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
};

export const TEST_ADMIN = { email: 'admin@test.example', password: 'correct-horse-battery-staple' };

/**
 * Set (to a PostgresClusterAccess as JSON) in a test run on PostgreSQL: every server started
 * without a database of its own then gets a new database in that cluster.
 */
export const TEST_POSTGRES_VARIABLE = 'GATEHOUSE_TEST_POSTGRES';

/** The AUTH_SECRET of test servers on PostgreSQL, which requires one; tests that sign or check secrets themselves use it too. */
export const TEST_AUTH_SECRET = 'gatehouse-test-auth-secret-not-for-production';

/** The cluster this run puts servers' databases in, or undefined on SQLite. */
export function testPostgresCluster(): PostgresClusterAccess | undefined {
  const access = process.env[TEST_POSTGRES_VARIABLE];
  return access ? (JSON.parse(access) as PostgresClusterAccess) : undefined;
}

/** A fresh database: in the run's PostgreSQL cluster if it has one, else a SQLite file in a temporary folder (removed by `remove`). */
async function freshDatabase(): Promise<{ url: string; remove: () => void }> {
  const cluster = testPostgresCluster();
  if (cluster) {
    // Left in place on stop (a test may start a second server on it); the cluster goes when the run ends.
    return { url: await createDatabaseIn(cluster, `gatehouse_${randomBytes(6).toString('hex')}`), remove: () => {} };
  }
  const folder = mkdtempSync(path.join(tmpdir(), 'gatehouse-test-'));
  return { url: `file:${path.join(folder, 'gatehouse.db')}`, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/**
 * Starts the built app with `next start` on a free port and a fresh database, as a user would
 * run it: a SQLite file in a temporary folder, or a new database in the run's PostgreSQL
 * cluster (TEST_POSTGRES_VARIABLE). `databaseUrl` starts it on an existing database instead.
 * Requires a build (`next build`) to exist.
 */
export async function startServer(options: { env?: Record<string, string>; databaseUrl?: string } = {}): Promise<RunningServer> {
  const port = await freePort();
  const database = options.databaseUrl ? { url: options.databaseUrl, remove: () => {} } : await freshDatabase();
  const { [TEST_POSTGRES_VARIABLE]: _cluster, ...inherited } = process.env;
  const authSecret = options.env?.AUTH_SECRET ?? inherited.AUTH_SECRET ?? (engineOf(database.url) === 'postgres' ? TEST_AUTH_SECRET : undefined);
  const child = spawn(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: {
      ...inherited,
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      ...(authSecret ? { AUTH_SECRET: authSecret } : {}),
      ADMIN_EMAIL: TEST_ADMIN.email,
      ADMIN_PASSWORD: TEST_ADMIN.password,
      SEED_DEMO: 'false',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    database.remove();
  };
  await waitUntilServing(url, child, () => output).catch(async (error) => {
    await stop();
    throw error;
  });
  return { url, port, databaseUrl: database.url, process: child, output: () => output, stop };
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode}:\n${output()}`);
    try {
      // The API answers only after instrumentation has migrated the database.
      const response = await fetch(`${url}/api/v1/me`);
      if (response.status === 401) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The server did not start within ${timeoutMs} ms:\n${output()}`);
}
