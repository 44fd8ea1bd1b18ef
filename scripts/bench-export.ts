/**
 * `npm run bench:export [-- --users N] [--database path|postgres://…] [--postgres-throwaway]`:
 * how fast GET /api/v1/users/export streams a million users over HTTP, and how much the server's
 * memory grows meanwhile, for CSV and NDJSON, the whole directory and a filter; and whether the
 * server still answers /api/v1/health quickly while an export runs.
 *
 * The database is bench:users' (scripts/bench-database.ts), filled once and reused. The server is
 * one `next start` process, so its memory is one number: /proc/<pid>/status VmRSS (with any
 * process it starts), sampled every 100 ms; growth is the peak during an export minus the
 * figure just before it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { databaseLabelOf } from '@/db/location';
import { freePort } from '../tests/support/free-port';
import { buildIfStale } from './build-if-stale';
import { formatCount, machineFacts, parseBenchArgs, percentile, prepareBenchDatabase, printFacts, withBenchDatabase } from './bench-database';

const USAGE = 'Usage: npm run bench:export [-- --users N] [--database path|postgres://…] [--postgres-throwaway]';
const BENCH_ADMIN_EMAIL = 'bench-admin@example.com';
const TARGET_ROWS_PER_SECOND = 50_000;
const TARGET_GROWTH_MB = 100;
const SAMPLE_EVERY_MS = 100;
const HEALTH_EVERY_MS = 250;

type Scenario = { label: string; query: Record<string, string>; header: boolean };

const SCENARIOS: Scenario[] = [
  { label: 'CSV, whole directory', query: { format: 'csv' }, header: true },
  { label: 'NDJSON, whole directory', query: { format: 'ndjson' }, header: false },
  { label: 'CSV, status:active by email', query: { format: 'csv', filter: 'status:active', sort: 'email:1' }, header: true },
  { label: 'NDJSON, all columns, role:Subscriber by last name', query: { format: 'ndjson', filter: 'role:Subscriber', sort: 'lastName:1', columns: 'id,email,username,firstName,lastName,role,status,scopes,tenants,plan,vendor,metadata,city,country,dateOfBirth,department,phoneLand,phoneMobile,timezone,createdAt,updatedAt,lastSignInAt,version' }, header: false },
];

type Measured = Scenario & { rows: number; seconds: number; megabytes: number; growthMb: number; healthP99: number; healthMax: number };

// tsx runs this file as CommonJS, which has no top-level await: hence main().
async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2), USAGE, {});
  await withBenchDatabase(options, async (url) => {
    process.env.AUTH_SECRET ||= randomBytes(32).toString('base64url');
    const database = await prepareBenchDatabase(url, options.users);
    const engineVersion = await database.tools.version();
    const totalUsers = database.totalUsers;
    const password = await readyBenchAdmin();
    await database.close();
    buildIfStale();
    const server = await startServer(url);
    try {
      const token = await signIn(server.url, password);
      printFacts('Machine', [
        ...machineFacts(),
        ['Database', `${engineVersion}, ${databaseLabelOf(url)}`],
        ['Users', formatCount(totalUsers)],
        ['Server', `one next start process (pid ${server.process.pid}); the client reads in this process, on the same cores`],
      ]);
      const results: Measured[] = [];
      for (const scenario of SCENARIOS) results.push(await measure(server, token, scenario));
      await measureStalledClient(server, token);
      printResults(results);
    } finally {
      await server.stop();
    }
  });
}

// ----- The admin -----

/** An admin with a password made for this run, created or reset as an admin would. */
async function readyBenchAdmin(): Promise<string> {
  const { ADMIN_SCOPE, createUser, findUserByEmail, getUserScopes } = await import('@/lib/users/users');
  const { setPasswordByAdmin } = await import('@/lib/passwords/change');
  const password = `${randomBytes(24).toString('base64url')}-aZ7`;
  const existing = await findUserByEmail(BENCH_ADMIN_EMAIL);
  if (!existing) await createUser({ email: BENCH_ADMIN_EMAIL, password, firstName: 'Bench', role: 'SVXAdmin', scope: [ADMIN_SCOPE, 'user'] });
  else {
    if (!(await getUserScopes(existing.id)).includes(ADMIN_SCOPE)) throw new Error(`${BENCH_ADMIN_EMAIL} exists but is not an admin: remove it or use another database.`);
    await setPasswordByAdmin(existing.id, password, { id: null });
  }
  return password;
}

async function signIn(baseUrl: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: BENCH_ADMIN_EMAIL, password }) });
  if (!response.ok) throw new Error(`Signing in answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return ((await response.json()) as { token: string }).token;
}

// ----- The server -----

type RunningServer = { url: string; process: ChildProcess; stop: () => Promise<void> };

async function startServer(databaseUrl: string): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(port), '-H', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: databaseUrl, APP_URL: url, SEED_DEMO: 'false' },
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
  child.stderr!.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  };
  process.once('exit', () => child.kill('SIGKILL'));
  console.log(`Starting the server (next start) on ${url}...`);
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode}:\n${output}`);
    if ((await fetch(`${url}/api/v1/health`).then((r) => r.status, () => 0)) === 200) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server did not answer /api/v1/health within 120 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, process: child, stop };
}

/** The resident memory of a process and every process under it, in bytes. */
function residentBytes(rootPid: number): number {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // Ended while we looked.
    }
  }
  const inTree = (pid: number): boolean => pid === rootPid || (parentOf.has(pid) && pid > 1 && inTree(parentOf.get(pid)!));
  let total = 0;
  for (const pid of parentOf.keys()) {
    if (!inTree(pid)) continue;
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) total += Number(match[1]) * 1024;
    } catch {
      // Ended while we looked.
    }
  }
  return total;
}

// ----- One export -----

async function measure(server: RunningServer, token: string, scenario: Scenario): Promise<Measured> {
  const pid = server.process.pid!;
  // Settle first: what the previous export left to the garbage collector is not this one's.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const before = residentBytes(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, residentBytes(pid))), SAMPLE_EVERY_MS);
  const healthTimes: number[] = [];
  let exporting = true;
  const probing = (async () => {
    while (exporting) {
      const started = performance.now();
      await fetch(`${server.url}/api/v1/health`).then((r) => r.arrayBuffer());
      healthTimes.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, HEALTH_EVERY_MS));
    }
  })();
  console.log(`\n${scenario.label}: GET /api/v1/users/export?${new URLSearchParams(scenario.query)}`);
  const started = performance.now();
  const response = await fetch(`${server.url}/api/v1/users/export?${new URLSearchParams(scenario.query)}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`The export answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  let lines = 0;
  let bytes = 0;
  const reader = response.body!.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    bytes += chunk.value.byteLength;
    for (let i = chunk.value.indexOf(10); i !== -1; i = chunk.value.indexOf(10, i + 1)) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  exporting = false;
  await probing;
  clearInterval(sampler);
  peak = Math.max(peak, residentBytes(pid));
  const rows = lines - (scenario.header ? 1 : 0);
  const sortedHealth = healthTimes.sort((a, b) => a - b);
  const result = {
    ...scenario,
    rows,
    seconds,
    megabytes: bytes / 1e6,
    growthMb: (peak - before) / 2 ** 20,
    healthP99: percentile(sortedHealth, 99) ?? 0,
    healthMax: sortedHealth.at(-1) ?? 0,
  };
  console.log(
    `  ${formatCount(rows)} rows, ${result.megabytes.toFixed(0)} MB in ${seconds.toFixed(1)} s = ${formatCount(Math.round(rows / seconds))} rows/s; ` +
      `RSS ${(before / 2 ** 20).toFixed(0)} MB before, peak +${result.growthMb.toFixed(1)} MB; /api/v1/health during it: ${healthTimes.length} probes, p99 ${result.healthP99.toFixed(0)} ms, max ${result.healthMax.toFixed(0)} ms`,
  );
  return result;
}

/**
 * Back-pressure: a client that takes the first megabyte and then stops reading for 10 s. The
 * server must stop reading the database once the socket's buffers are full, so its memory
 * stays flat however slow the client is.
 */
async function measureStalledClient(server: RunningServer, token: string): Promise<number> {
  const pid = server.process.pid!;
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const before = residentBytes(pid);
  const response = await fetch(`${server.url}/api/v1/users/export?format=ndjson`, { headers: { authorization: `Bearer ${token}` } });
  const reader = response.body!.getReader();
  let bytes = 0;
  while (bytes < 1e6) bytes += (await reader.read()).value?.byteLength ?? Infinity;
  let peak = before;
  for (let i = 0; i < 100; i++) {
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
    peak = Math.max(peak, residentBytes(pid));
  }
  await reader.cancel();
  const growth = (peak - before) / 2 ** 20;
  console.log(`\nA client that stops reading after 1 MB, for 10 s: server RSS ${(before / 2 ** 20).toFixed(0)} MB before, peak +${growth.toFixed(1)} MB.`);
  return growth;
}

function printResults(results: Measured[]): void {
  console.log(`\nTargets: >= ${formatCount(TARGET_ROWS_PER_SECOND)} rows/s, < ${TARGET_GROWTH_MB} MB memory growth.\n`);
  console.log('| export | rows | rows/s | target | memory growth | target | health p99 / max during it |');
  console.log('| --- | ---: | ---: | --- | ---: | --- | ---: |');
  for (const r of results) {
    const rate = r.rows / r.seconds;
    console.log(
      `| ${r.label} | ${formatCount(r.rows)} | ${formatCount(Math.round(rate))} | ${rate >= TARGET_ROWS_PER_SECOND ? 'met' : 'MISSED'} | ${r.growthMb.toFixed(1)} MB | ${r.growthMb < TARGET_GROWTH_MB ? 'met' : 'MISSED'} | ${r.healthP99.toFixed(0)} / ${r.healthMax.toFixed(0)} ms |`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
