/**
 * Throwaway PostgreSQL clusters for tests: initdb into a temporary folder, a server on a free
 * 127.0.0.1 port with durability switched off, gone again after stop(). Uses the server
 * binaries Debian's `postgresql` package installs; nothing else needs to be running.
 */
import { execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { freePort } from './free-port';

const run = promisify(execFile);

const POSTGRES_ROOT = '/usr/lib/postgresql';
/** The login role the app connects as; it owns every database createDatabase makes. */
const APP_ROLE = 'gatehouse';
const SUPERUSER = 'postgres';

export type PostgresAvailability = { available: true; binDir: string } | { available: false; reason: string };

/**
 * What another process needs to make databases in a running cluster: plain strings, so a test
 * run's global setup can hand it to its workers.
 */
export type PostgresClusterAccess = {
  /** Superuser connection to the `postgres` database. */
  adminUrl: string;
  /** The app role's connection to the `postgres` database; createDatabaseIn answers it with the new database's name. */
  appUrl: string;
};

export type PostgresCluster = PostgresClusterAccess & {
  port: number;
  /** Creates an empty database owned by the app role and returns the app role's URL for it. */
  createDatabase: (name: string) => Promise<string>;
  /** Stops the server, keeping its data, as when the database host goes away. */
  pause: () => Promise<void>;
  /** Starts the paused server again on the same port. */
  resume: () => Promise<void>;
  /** Stops the server and deletes its folder. */
  stop: () => Promise<void>;
};

/** The newest /usr/lib/postgresql/<version>/bin that has both initdb and pg_ctl. */
function findBinDir(): string | undefined {
  if (!existsSync(POSTGRES_ROOT)) return undefined;
  return readdirSync(POSTGRES_ROOT)
    .filter((version) => /^\d+(\.\d+)?$/.test(version))
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => path.join(POSTGRES_ROOT, version, 'bin'))
    .find((bin) => existsSync(path.join(bin, 'initdb')) && existsSync(path.join(bin, 'pg_ctl')));
}

/**
 * Whether tests can start a cluster. Missing binaries are a skip on a developer's machine but
 * an error in CI (CI=true), where a silently skipped suite would pass for the wrong reason.
 */
export function postgresAvailability(): PostgresAvailability {
  const binDir = findBinDir();
  if (binDir) return { available: true, binDir };
  const reason = `PostgreSQL server binaries not found (no ${POSTGRES_ROOT}/*/bin/initdb); install them with: apt-get install postgresql`;
  if (process.env.CI === 'true') throw new Error(`CI=true and ${reason}`);
  return { available: false, reason };
}

const runningAsRoot = () => process.getuid?.() === 0;

/** initdb and postgres refuse to run as root: as root, commands run as the `postgres` system user. */
function asServerUser(binary: string, args: string[]): [string, string[]] {
  return runningAsRoot() ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
}

function postgresSystemUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/**
 * Stops the server and removes the folder if this process dies without calling stop() (a crash,
 * SIGKILL, a worker killed on timeout), which no in-process exit handler would see. Detached,
 * so a Ctrl-C to the test run's process group does not take it down before it has cleaned up.
 */
function startWatchdog(pgCtl: string, dataDir: string, folder: string) {
  const [command, args] = asServerUser(pgCtl, ['stop', '-D', dataDir, '-m', 'immediate']);
  const script = `
    const { execFileSync } = require('node:child_process');
    const { rmSync } = require('node:fs');
    const [parent, folder, command, ...args] = process.argv.slice(1);
    const alive = () => { try { process.kill(Number(parent), 0); return true; } catch { return false; } };
    const timer = setInterval(() => {
      if (alive()) return;
      clearInterval(timer);
      try { execFileSync(command, args, { stdio: 'ignore', cwd: folder }); } catch {}
      rmSync(folder, { recursive: true, force: true });
    }, 1000);`;
  const watchdog = spawn(process.execPath, ['-e', script, String(process.pid), folder, command, ...args], { detached: true, stdio: 'ignore' });
  watchdog.unref();
  return watchdog;
}

export type ClusterOptions = {
  /** Server settings (postgresql.conf names and values) added after the throwaway ones, e.g. `{ shared_buffers: '1GB' }`. */
  settings?: Record<string, string>;
};

/** Starts a fresh cluster; call stop() when done (an exit handler and a watchdog catch the rest). */
export async function startPostgresCluster(options: ClusterOptions = {}): Promise<PostgresCluster> {
  const availability = postgresAvailability();
  if (!availability.available) throw new Error(availability.reason);
  const { binDir } = availability;
  const pgCtl = path.join(binDir, 'pg_ctl');

  const folder = mkdtempSync(path.join(tmpdir(), 'gatehouse-pg-'));
  const dataDir = path.join(folder, 'data');
  const logFile = path.join(folder, 'server.log');
  const owner = runningAsRoot() ? postgresSystemUser() : undefined;
  if (owner) chownSync(folder, owner.uid, owner.gid);
  // Commands run inside the folder: the server user may not be allowed into our working directory.
  const server = (binary: string, args: string[]) => run(...asServerUser(binary, args), { cwd: folder });

  const superuserPassword = randomBytes(12).toString('hex');
  const appPassword = randomBytes(12).toString('hex');
  let stopped = false;
  const watchdog = startWatchdog(pgCtl, dataDir, folder);

  const removeFolder = () => rmSync(folder, { recursive: true, force: true });
  const stopWatchdog = () => {
    if (watchdog.pid && watchdog.exitCode === null) process.kill(watchdog.pid);
  };
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    stopWatchdog();
    try {
      execFileSync(...asServerUser(pgCtl, ['stop', '-D', dataDir, '-m', 'immediate']), { stdio: 'ignore', cwd: folder });
    } catch {
      // Not running (never started, or already gone): only the folder is left to remove.
    }
    removeFolder();
  };
  // A test that forgets stop(), or a run that ends early but normally.
  process.once('exit', stopNow);

  try {
    const passwordFile = path.join(folder, 'superuser-password');
    writeFileSync(passwordFile, `${superuserPassword}\n`, { mode: 0o600 });
    if (owner) chownSync(passwordFile, owner.uid, owner.gid);
    await server(path.join(binDir, 'initdb'), [
      '-D', dataDir,
      `--username=${SUPERUSER}`,
      `--pwfile=${passwordFile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
      // Throwaway data: skipping fsync makes initdb several times faster.
      '--no-sync',
    ]);
    rmSync(passwordFile);

    const port = await startServer(server, pgCtl, dataDir, folder, logFile, options.settings ?? {});
    const adminUrl = `postgres://${SUPERUSER}:${superuserPassword}@127.0.0.1:${port}/postgres`;

    // Not a superuser, so tests see the privileges the app will have in production.
    await asAdmin(adminUrl, `CREATE ROLE ${APP_ROLE} LOGIN PASSWORD '${appPassword}'`);
    const access: PostgresClusterAccess = { adminUrl, appUrl: `postgres://${APP_ROLE}:${appPassword}@127.0.0.1:${port}/postgres` };

    return {
      ...access,
      port,
      createDatabase: (name) => createDatabaseIn(access, name),
      async pause() {
        await server(pgCtl, ['stop', '-D', dataDir, '-m', 'fast', '-w']);
      },
      async resume() {
        await server(pgCtl, ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '30', '-o', `-p ${port}`]);
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        process.removeListener('exit', stopNow);
        try {
          await server(pgCtl, ['stop', '-D', dataDir, '-m', 'fast', '-w']);
        } finally {
          stopWatchdog();
          removeFolder();
        }
      },
    };
  } catch (error) {
    stopNow();
    process.removeListener('exit', stopNow);
    throw error;
  }
}

async function asAdmin(adminUrl: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Creates an empty database owned by the app role in a running cluster and returns the app role's URL for it. */
export async function createDatabaseIn(access: PostgresClusterAccess, name: string): Promise<string> {
  // Identifiers cannot be bound as parameters: allow only names that need no quoting.
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Database name ${JSON.stringify(name)}: use lower-case letters, digits and _`);
  const url = new URL(access.appUrl);
  // Sorted by ICU's en-US rules, as a database created on a typical server sorts (the cluster
  // itself is C): a query whose order depends on the database's collation shows it here.
  await asAdmin(access.adminUrl, `CREATE DATABASE ${name} OWNER ${decodeURIComponent(url.username)} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'`);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Settings for a server whose data may be lost at any time, then start on a free port. */
async function startServer(
  server: (binary: string, args: string[]) => Promise<unknown>,
  pgCtl: string,
  dataDir: string,
  folder: string,
  logFile: string,
  extraSettings: Record<string, string>,
): Promise<number> {
  for (const [name, value] of Object.entries(extraSettings)) {
    // Written into postgresql.conf: a name or value that could end the line would inject other settings.
    if (!/^[a-z_.]+$/.test(name) || /['\n\\]/.test(value)) throw new Error(`Unusable server setting ${name} = ${JSON.stringify(value)}`);
  }
  const settings = [
    "listen_addresses = '127.0.0.1'",
    // The socket lives in our private folder, not in /var/run/postgresql beside a system server.
    `unix_socket_directories = '${folder}'`,
    'fsync = off',
    'synchronous_commit = off',
    'full_page_writes = off',
    ...Object.entries(extraSettings).map(([name, value]) => `${name} = '${value}'`),
  ];
  appendFileSync(path.join(dataDir, 'postgresql.conf'), `\n# Throwaway test cluster (tests/support/postgres.ts)\n${settings.join('\n')}\n`);
  // Another process may take the free port between our check and the server's bind: try again.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      await server(pgCtl, ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '30', '-o', `-p ${port}`]);
      return port;
    } catch (error) {
      if (attempt === 3) {
        const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '(no server log)';
        throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${log}`);
      }
    }
  }
}
