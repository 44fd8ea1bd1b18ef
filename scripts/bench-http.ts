/**
 * `npm run bench:http [-- --duration S] [--connections N] [--users N] [--database path|postgres://…] [--postgres-throwaway]`:
 * requests per second and latency of the running server at a million users, load generator
 * included, with the machine they were measured on and the targets they are held to.
 *
 * The database is bench:users' (scripts/bench-database.ts): filled once with the seed generator
 * and reused. The server is started as a user starts it (build if stale, then `npm start`) on a
 * free port, loaded with autocannon from this process, and stopped at the end or on Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import autocannon from 'autocannon';
import { databaseLabelOf } from '@/db/location';
import { freePort } from '../tests/support/free-port';
import { buildIfStale } from './build-if-stale';
import {
  formatCount,
  machineFacts,
  parseBenchArgs,
  percentile,
  pickBroadPattern,
  pickSelectivePattern,
  prepareBenchDatabase,
  printFacts,
  withBenchDatabase,
  type BenchDatabaseOptions,
} from './bench-database';

const USAGE = 'Usage: npm run bench:http [-- --duration S] [--connections N] [--users N] [--database path|postgres://…] [--postgres-throwaway]';
/** Signs the bench in; its password is new on every run, so it is never stored or printed. */
const BENCH_ADMIN_EMAIL = 'bench-admin@example.com';
/** Slow requests (a total over many rows) get few connections: enough to keep them coming, not to queue them. */
const SLOW_CONNECTIONS = 5;
const UNDER_LOAD_ME_CONNECTIONS = 40;
const WARM_UP_SECONDS = 3;
const SERVER_START_TIMEOUT_MS = 120_000;
/** Patterns of one or two characters, which the trigram index cannot serve; `%` and `_` are literal. */
const SHORT_PATTERNS = ['a', 'e', 'jo', 'zz', 'qx', 'x7', '%', '_'];
const SEQUENTIAL_REQUESTS = 20;

type Options = BenchDatabaseOptions & { duration: number; connections: number };

/** What bench:users measures too, so the two benches' figures compare. */
type Patterns = { selective: string; broad: string };

// tsx runs this file as CommonJS, which has no top-level await: hence main().
async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2), USAGE, { duration: 15, connections: 50 });
  await withBenchDatabase(options, (url) => bench(url, options));
}

async function bench(url: string, options: Options): Promise<void> {
  // The server and this process must agree on the secret; PostgreSQL requires one.
  process.env.AUTH_SECRET ||= randomBytes(32).toString('base64url');
  const prepared = await prepareDatabase(url, options.users);
  buildIfStale();
  const server = await startServer(url);
  try {
    const token = await signIn(server.url, prepared.admin);
    printFacts('Machine', [
      ...machineFacts(),
      ['Database', `${prepared.engineVersion}, ${databaseLabelOf(url)}`],
      ['Users', formatCount(prepared.totalUsers)],
      ['Server', serverProcessesFact(server)],
      ['Load', `autocannon in the bench process, on the same cores; ${options.connections} connections, ${options.duration} s a scenario`],
    ]);
    const client = { baseUrl: server.url, token };
    await warmUp(client, prepared.patterns);
    const loaded = await runLoadScenarios(client, prepared.patterns, options);
    const short = await runShortPatterns(client);
    printTargets(loaded, short);
    await signOut(client);
  } finally {
    await server.stop();
  }
}

// ----- The database -----

type PreparedDatabase = { engineVersion: string; totalUsers: number; patterns: Patterns; admin: Credentials };
type Credentials = { email: string; password: string };

/** Fills the database if needed, picks bench:users' patterns and readies an admin; closes it again before the server opens it. */
async function prepareDatabase(url: string, users: number): Promise<PreparedDatabase> {
  const database = await prepareBenchDatabase(url, users);
  try {
    const selective = await pickSelectivePattern(database);
    const broad = await pickBroadPattern(database);
    console.log(`Patterns: selective "${selective.pattern}" (${formatCount(selective.count)} users), broad "${broad.pattern}" (${formatCount(broad.count)} users), as bench:users picks them.`);
    return {
      engineVersion: await database.tools.version(),
      totalUsers: database.totalUsers,
      patterns: { selective: selective.pattern, broad: broad.pattern },
      admin: await readyBenchAdmin(),
    };
  } finally {
    await database.close();
  }
}

/**
 * An admin the bench can sign in as, with a password made for this run: created as start-up
 * creates the first admin, or given the new password as an admin would set it.
 */
async function readyBenchAdmin(): Promise<Credentials> {
  const { ADMIN_SCOPE, createUser, findUserByEmail, getUserScopes } = await import('@/lib/users/users');
  const { setPasswordByAdmin } = await import('@/lib/passwords/change');
  // Policy-proof: long, and every character class a pinned policy may ask for.
  const password = `${randomBytes(24).toString('base64url')}-aZ7`;
  const existing = await findUserByEmail(BENCH_ADMIN_EMAIL);
  if (!existing) {
    await createUser({ email: BENCH_ADMIN_EMAIL, password, firstName: 'Bench', role: 'SVXAdmin', scope: [ADMIN_SCOPE, 'user'] });
    console.log(`Created the admin ${BENCH_ADMIN_EMAIL} for the bench.`);
  } else {
    if (!(await getUserScopes(existing.id)).includes(ADMIN_SCOPE)) throw new Error(`${BENCH_ADMIN_EMAIL} exists but is not an admin: remove it or use another database.`);
    await setPasswordByAdmin(existing.id, password, { id: null });
  }
  return { email: BENCH_ADMIN_EMAIL, password };
}

// ----- The server -----

type RunningServer = { url: string; process: ChildProcess; stop: () => Promise<void> };

/** Keeps the end of the server's output, to show when it fails. */
function outputTail(child: ChildProcess, lines = 60): () => string {
  let kept: string[] = [];
  const keep = (chunk: Buffer) => (kept = [...kept, ...chunk.toString().split('\n')].slice(-lines));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => kept.join('\n');
}

/** `npm start` in a process group of its own, so stopping it stops every process it started. */
async function startServer(databaseUrl: string): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn('npm', ['start'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    // WEB_CONCURRENCY, when set, passes through with the rest of the environment.
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), APP_URL: url, SEED_DEMO: 'false' },
  });
  const output = outputTail(child);
  const stop = stopProcessGroup(child);
  // Ctrl-C, or a crash of this process, must not leave a server behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.log(`\n${signal}: stopping the server.`);
      void stop().finally(() => process.exit(130));
    });
  }
  process.once('exit', () => killGroup(child, 'SIGKILL'));
  console.log(`Starting the server (npm start) on ${url}...`);
  try {
    await waitForHealth(url, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, process: child, stop };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-child.pid!, signal);
    return true;
  } catch {
    // No process is left in the group.
    return false;
  }
}

/** SIGTERM to the group, SIGKILL to whatever is left after 10 s; done when no process of the group is left. */
function stopProcessGroup(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (!killGroup(child, 'SIGTERM')) return;
    const deadline = Date.now() + 10_000;
    while (killGroup(child, 0)) {
      if (Date.now() > deadline) killGroup(child, 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
}

/** The server is ready once health answers 200: instrumentation has migrated by then. */
async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode}:\n${output()}`);
    const status = await fetch(`${url}/api/v1/health`).then((r) => r.status, () => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server did not answer /api/v1/health with 200 within ${SERVER_START_TIMEOUT_MS / 1000} s:\n${output()}`);
}

/** Processes in the server's group whose title is Next's (`next-server (v…)`): one per server process. */
function countNextServers(child: ChildProcess): number {
  let count = 0;
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      // Field 5 of /proc/PID/stat is the process group; the command name before it may hold spaces.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const group = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (group === child.pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').startsWith('next-server')) count++;
    } catch {
      // The process ended while we looked.
    }
  }
  return count;
}

function serverProcessesFact(server: RunningServer): string {
  const requested = process.env.WEB_CONCURRENCY ? `WEB_CONCURRENCY=${process.env.WEB_CONCURRENCY}` : `os.availableParallelism() = ${os.availableParallelism()}`;
  const counted = os.platform() === 'linux' ? countNextServers(server.process) : 0;
  // A server that does not title its processes `next-server` cannot be counted this way.
  const running = counted ? `${counted} next-server process(es) running` : 'server processes not counted';
  return `npm start, ${running} (asked for: ${requested})`;
}

// ----- The API -----

type Client = { baseUrl: string; token: string };

async function signIn(baseUrl: string, admin: Credentials): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
  if (!response.ok) throw new Error(`Signing in as ${admin.email} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  return ((await response.json()) as { token: string }).token;
}

async function signOut({ baseUrl, token }: Client): Promise<void> {
  await fetch(`${baseUrl}/api/v1/auth/token`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
}

const usersPath = (query: Record<string, string>) => `/api/v1/users?${new URLSearchParams(query)}`;

// ----- Load scenarios (autocannon) -----

type Load = { label: string; path: string; connections: number };
type Measured = Load & { answered: number; requestsPerSecond: number; p50: number; p99: number; errors: number; non2xx: number; statuses: string };

/** Runs the loads at the same time for `seconds`; each gets its own figures. */
async function runLoads({ baseUrl, token }: Client, loads: Load[], seconds: number): Promise<Measured[]> {
  const results = await Promise.all(
    loads.map((load) =>
      autocannon({ url: baseUrl + load.path, connections: load.connections, duration: seconds, timeout: 30, headers: { authorization: `Bearer ${token}` } }),
    ),
  );
  return results.map((r, i) => ({
    ...loads[i],
    answered: r.requests.total,
    requestsPerSecond: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
    statuses: Object.entries(r.statusCodeStats).map(([status, { count }]) => `${status} x ${count}`).join(', '),
  }));
}

/** Every path once under light load: first requests pay for code loading and cold caches. */
async function warmUp(client: Client, patterns: Patterns): Promise<void> {
  console.log(`\nWarming up (${WARM_UP_SECONDS} s)...`);
  const paths = ['/api/v1/health', '/api/v1/me', ...Object.values(scenarioPaths(patterns))];
  await runLoads(client, paths.map((path) => ({ label: path, path, connections: 2 })), WARM_UP_SECONDS);
}

function scenarioPaths(patterns: Patterns) {
  return {
    selective: usersPath({ pattern: patterns.selective }),
    broad: usersPath({ pattern: patterns.broad, includeTotal: 'false' }),
    firstPage: '/api/v1/users',
    zzWithTotal: usersPath({ pattern: 'zz', includeTotal: 'true' }),
  };
}

type LoadResults = { health: Measured; me: Measured; selective: Measured; broad: Measured; meUnderLoad: Measured };

async function runLoadScenarios(client: Client, patterns: Patterns, { duration, connections }: Options): Promise<LoadResults> {
  const paths = scenarioPaths(patterns);
  const one = async (load: Load) => (await runLoads(client, [load], duration))[0];
  console.log(`\nLoad (autocannon, ${duration} s each; req/s = mean of 1-second samples; latency in ms)`);
  printMeasuredHeader();
  const health = printMeasured(await one({ label: 'GET /api/v1/health', path: '/api/v1/health', connections }));
  const me = printMeasured(await one({ label: 'GET /api/v1/me', path: '/api/v1/me', connections }));
  const selective = printMeasured(await one({ label: `selective "${patterns.selective}", page + total`, path: paths.selective, connections }));
  const broad = printMeasured(await one({ label: `broad "${patterns.broad}", page only`, path: paths.broad, connections }));
  printMeasured(await one({ label: 'no pattern, first page + total', path: paths.firstPage, connections }));
  printMeasured(await one({ label: '"zz" + total (fewer connections)', path: paths.zzWithTotal, connections: SLOW_CONNECTIONS }));
  console.log('  at the same time:');
  const [meUnderLoad, ...slow] = await runLoads(
    client,
    [
      { label: '  GET /api/v1/me, under load', path: '/api/v1/me', connections: UNDER_LOAD_ME_CONNECTIONS },
      { label: '  "zz" + total', path: paths.zzWithTotal, connections: SLOW_CONNECTIONS },
      { label: `  broad "${patterns.broad}", page only`, path: paths.broad, connections: SLOW_CONNECTIONS },
    ],
    duration,
  );
  for (const measured of [meUnderLoad, ...slow]) printMeasured(measured);
  return { health, me, selective, broad, meUnderLoad };
}

const COLUMNS = { label: 46, connections: 6, rate: 10, ms: 8, count: 8 };

function printMeasuredHeader(): void {
  const c = COLUMNS;
  const header = `  ${'scenario'.padEnd(c.label)}${'conns'.padStart(c.connections)}${'req/s'.padStart(c.rate)}${'p50'.padStart(c.ms)}${'p99'.padStart(c.ms)}${'errors'.padStart(c.count)}${'non-2xx'.padStart(c.count)}`;
  console.log(`${header}\n  ${'-'.repeat(header.length - 2)}`);
}

function printMeasured(m: Measured): Measured {
  const c = COLUMNS;
  // Without an answer autocannon reports latencies of 0: say there were none instead.
  const ms = (value: number) => (m.answered ? value.toFixed(0) : '-').padStart(c.ms);
  console.log(
    `  ${m.label.slice(0, c.label - 1).padEnd(c.label)}${String(m.connections).padStart(c.connections)}${m.requestsPerSecond.toFixed(1).padStart(c.rate)}` +
      `${ms(m.p50)}${ms(m.p99)}${String(m.errors).padStart(c.count)}${String(m.non2xx).padStart(c.count)}`,
  );
  if (m.non2xx) console.log(`      statuses: ${m.statuses}`);
  return m;
}

// ----- One- and two-character patterns, one request at a time -----

type Timed = { p50: number; p95: number; failed: number };
type ShortResult = { pattern: string; page: Timed; total: Timed; totalExact: string };

/** `count` requests one after another: latencies, failures, and the totalExact each answer gave. */
async function timeSequential({ baseUrl, token }: Client, path: string, count: number): Promise<Timed & { exact: (boolean | undefined)[] }> {
  const times: number[] = [];
  const exact: (boolean | undefined)[] = [];
  let failed = 0;
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await fetch(baseUrl + path, { headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { totalExact?: boolean };
    times.push(performance.now() - started);
    if (!response.ok) failed++;
    exact.push(body.totalExact);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), failed, exact };
}

/** "yes", "no", "mixed" across the answers, or "n/a" when the API does not say. */
function describeExactness(answers: (boolean | undefined)[]): string {
  const said = new Set(answers.map((a) => (a === undefined ? 'n/a' : a ? 'yes' : 'no')));
  return said.size === 1 ? [...said][0] : 'mixed';
}

async function runShortPatterns(client: Client): Promise<ShortResult[]> {
  console.log(`\n1-2 character patterns (${SEQUENTIAL_REQUESTS} requests each, one at a time; ms)`);
  const header = `  ${'pattern'.padEnd(9)}${'page p50'.padStart(10)}${'page p95'.padStart(10)}${'total p50'.padStart(11)}${'total p95'.padStart(11)}${'totalExact'.padStart(12)}${'failed'.padStart(8)}`;
  console.log(`${header}\n  ${'-'.repeat(header.length - 2)}`);
  const results: ShortResult[] = [];
  for (const pattern of SHORT_PATTERNS) {
    const page = await timeSequential(client, usersPath({ pattern, includeTotal: 'false' }), SEQUENTIAL_REQUESTS);
    const total = await timeSequential(client, usersPath({ pattern, includeTotal: 'true' }), SEQUENTIAL_REQUESTS);
    const result = { pattern, page, total, totalExact: describeExactness(total.exact) };
    results.push(result);
    console.log(
      `  ${JSON.stringify(pattern).padEnd(9)}${page.p50.toFixed(1).padStart(10)}${page.p95.toFixed(1).padStart(10)}${total.p50.toFixed(1).padStart(11)}` +
        `${total.p95.toFixed(1).padStart(11)}${result.totalExact.padStart(12)}${String(page.failed + total.failed).padStart(8)}`,
    );
  }
  return results;
}

// ----- Targets -----

type TargetRow = { name: string; measured: string; goal: string; met: boolean };

/** Errors or non-2xx answers void a figure (a fast 401 is no pass), and so does having no answer at all. */
const clean = (...measured: Measured[]) => measured.every((m) => m.answered > 0 && m.errors === 0 && m.non2xx === 0);

function targetRows({ health, me, selective, broad, meUnderLoad }: LoadResults, short: ShortResult[]): TargetRow[] {
  const rate = (m: Measured) => `${formatCount(Math.round(m.requestsPerSecond))} req/s`;
  const meShare = me.requestsPerSecond / health.requestsPerSecond;
  const underLoadRatio = meUnderLoad.p99 / me.p99;
  const slowestPage = short.reduce((a, b) => (b.page.p95 > a.page.p95 ? b : a));
  const totalMet = (r: ShortResult) => r.total.failed === 0 && (r.total.p95 <= 150 || r.totalExact === 'no');
  const totalMisses = short.filter((r) => !totalMet(r));
  const slowestTotal = short.reduce((a, b) => (b.total.p95 > a.total.p95 ? b : a));
  return [
    { name: '/me req/s vs /health req/s', measured: `${(100 * meShare).toFixed(0)}%`, goal: '>= 50%', met: meShare >= 0.5 && clean(me, health) },
    { name: '/me req/s', measured: rate(me), goal: '>= 1,000 req/s', met: me.requestsPerSecond >= 1000 && clean(me) },
    { name: '/me p99', measured: `${me.p99} ms`, goal: '<= 100 ms', met: me.p99 <= 100 && clean(me) },
    { name: 'selective req/s', measured: rate(selective), goal: '>= 600 req/s', met: selective.requestsPerSecond >= 600 && clean(selective) },
    { name: 'selective p99', measured: `${selective.p99} ms`, goal: '<= 100 ms', met: selective.p99 <= 100 && clean(selective) },
    { name: 'broad page req/s', measured: rate(broad), goal: '>= 150 req/s', met: broad.requestsPerSecond >= 150 && clean(broad) },
    { name: '/me p99 under load vs alone', measured: `${underLoadRatio.toFixed(2)}x (${meUnderLoad.p99} vs ${me.p99} ms)`, goal: '<= 2x', met: underLoadRatio <= 2 && clean(meUnderLoad) },
    {
      name: `1-2 char page p95 (slowest: ${JSON.stringify(slowestPage.pattern)})`,
      measured: `${slowestPage.page.p95.toFixed(1)} ms`,
      goal: '<= 50 ms',
      met: short.every((r) => r.page.p95 <= 50 && r.page.failed === 0),
    },
    {
      name: '1-2 char total: p95 <= 150 ms or estimate',
      measured: totalMisses.length ? `${totalMisses.length} of ${short.length} missed, slowest ${slowestTotal.total.p95.toFixed(0)} ms` : `all ${short.length} patterns`,
      goal: 'every pattern',
      met: totalMisses.length === 0,
    },
  ];
}

function printTargets(loaded: LoadResults, short: ShortResult[]): void {
  const rows = targetRows(loaded, short);
  console.log('\nTargets (1M users, this machine, load generator included, one run)');
  const header = `  ${'target'.padEnd(44)}${'measured'.padEnd(32)}${'goal'.padEnd(16)}result`;
  console.log(`${header}\n  ${'-'.repeat(header.length - 2)}`);
  for (const row of rows) console.log(`  ${row.name.padEnd(44)}${row.measured.padEnd(32)}${row.goal.padEnd(16)}${row.met ? 'PASS' : 'MISS'}`);
  const misses = rows.filter((row) => !row.met).length;
  console.log(misses ? `\n${misses} target(s) missed.` : '\nAll targets met.');
}

main().catch((error) => {
  console.error(`bench:http failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
