/**
 * What the million-user benchmarks share: their command-line flags for the database, the
 * throwaway PostgreSQL cluster, filling the database once with the seed generator, the search
 * patterns whose selectivity is measured, and the machine the figures were taken on.
 *
 * Lib modules are imported only after DATABASE_URL is set (prepareBenchDatabase): lib/server/config
 * and db/schema read it on first use.
 */
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { engineOf } from '@/db/location';
import type { DatabaseTools } from '@/db/tools';

export const DEFAULT_BENCH_DATABASE = 'data/bench-1m.db';
export const DEFAULT_BENCH_USERS = 1_000_000;

/**
 * The throwaway cluster's settings beyond PostgreSQL's defaults, all documented server settings
 * (postgresql.conf), sized for a machine with a few GiB to spare and a million users (~1.1 GB).
 * The list's own queries keep their plans and times under the defaults too (their SQL leaves the
 * planner one good plan); what these change is the counts and scans that read many rows.
 */
const BENCH_POSTGRES_SETTINGS = {
  // The whole database stays in PostgreSQL's own cache, as on a server that has been running:
  // with the default 128MB, counting a broad pattern's 46,000 rows took 125 ms instead of 57 ms,
  // copying pages in from the OS cache.
  shared_buffers: '2GB',
  // What the planner assumes the OS and PostgreSQL cache together (default 4GB).
  effective_cache_size: '8GB',
  // Every page is in memory: a random read costs little more than a sequential one. The
  // default, 4, is for spinning disks and pushes plans towards sequential scans.
  random_page_cost: '1.1',
  // JIT compiles a query's expressions once its estimated cost passes jit_above_cost: a count
  // over a larger table would spend more on compiling than it saves (none here crosses it).
  jit: 'off',
  // Room for the index builds that end a bulk load (db/tools/postgres.ts).
  maintenance_work_mem: '1GB',
};

export type BenchDatabaseOptions = { database: string; throwaway: boolean; users: number };

/**
 * Parses `--database path|postgres://…`, `--postgres-throwaway`, `--users N` and the bench's own
 * numeric flags (`numberDefaults`: `{ runs: 300 }` takes `--runs N`), as `--flag value` or `--flag=value`.
 */
export function parseBenchArgs<Name extends string>(args: string[], usage: string, numberDefaults: Record<Name, number>): BenchDatabaseOptions & Record<Name, number> {
  const location = { database: DEFAULT_BENCH_DATABASE, throwaway: false };
  const numbers: Record<string, number> = { users: DEFAULT_BENCH_USERS, ...numberDefaults };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    if (flag === '--postgres-throwaway' && inline === undefined) {
      location.throwaway = true;
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined) throw new Error(`${flag} needs a value. ${usage}`);
    const name = flag.replace(/^--/, '');
    if (flag === '--database') location.database = value;
    else if (flag.startsWith('--') && Object.hasOwn(numbers, name)) {
      const n = Number(value);
      if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new Error(`${flag} needs a positive whole number, got "${value}". ${usage}`);
      numbers[name] = n;
    } else throw new Error(`Unknown argument "${args[i]}". ${usage}`);
  }
  if (location.throwaway && args.some((arg) => arg.startsWith('--database'))) throw new Error(`--postgres-throwaway makes its own database: leave out --database. ${usage}`);
  return { ...(numbers as Record<Name | 'users', number>), ...location };
}

/**
 * Runs `bench` with the database's URL: `--database` as a SQLite file (made absolute) or
 * PostgreSQL URL, or a database in a throwaway cluster that is removed afterwards.
 */
export async function withBenchDatabase(options: BenchDatabaseOptions, bench: (url: string) => Promise<void>): Promise<void> {
  if (!options.throwaway) {
    await bench(engineOf(options.database) === 'postgres' ? options.database : `file:${path.resolve(options.database)}`);
    return;
  }
  const { startPostgresCluster } = await import('../tests/support/postgres');
  console.log(`Starting a throwaway PostgreSQL cluster with ${Object.entries(BENCH_POSTGRES_SETTINGS).map(([name, value]) => `${name}=${value}`).join(', ')}`);
  const cluster = await startPostgresCluster({ settings: BENCH_POSTGRES_SETTINGS });
  try {
    await bench(await cluster.createDatabase('gatehouse_bench'));
  } finally {
    await cluster.stop();
  }
}

export const formatCount = (n: number) => n.toLocaleString('en-US');

/** Nearest-rank percentile of sorted numbers. */
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

export type BenchDatabase = { url: string; tools: DatabaseTools; totalUsers: number; close: () => Promise<void> };

/**
 * Points this process at the database, migrates it, adds generated users until it has `users`
 * (printing progress), and refreshes planner statistics where they are missing.
 */
export async function prepareBenchDatabase(url: string, users: number): Promise<BenchDatabase> {
  process.env.DATABASE_URL = url;
  const { closeDatabase, getEngine } = await import('@/db/client');
  const { databaseLabelOf } = await import('@/db/location');
  const { seedLargeUserSet } = await import('@/db/seed');
  const { openDatabaseTools } = await import('@/db/tools');
  const tools = openDatabaseTools(url);
  const userCount = async () => Number((await tools.rows<{ n: number | string }>(sql`SELECT count(*) AS n FROM users`))[0].n);

  console.log(`Database: ${databaseLabelOf(url)}`);
  await getEngine().migrate();
  const existing = await userCount();
  let generated = false;
  if (existing < users) {
    const missing = users - existing;
    console.log(`It has ${formatCount(existing)} users; generating ${formatCount(missing)} more...`);
    const started = performance.now();
    let reported = 0;
    await seedLargeUserSet(tools, missing, {
      onProgress: (done) => {
        if (done === missing || done - reported >= missing / 10) {
          console.log(`  ${formatCount(done)} / ${formatCount(missing)} users (${((performance.now() - started) / 1000).toFixed(1)} s)`);
          reported = done;
        }
      },
    });
    console.log(`Generated ${formatCount(missing)} users in ${((performance.now() - started) / 1000).toFixed(1)} s (indexes and statistics included).`);
    generated = true;
  } else {
    console.log(`Reusing it: ${formatCount(existing)} users (wanted ${formatCount(users)}).`);
  }
  // Planner statistics, as a maintained database has them. A copied or interrupted database
  // may lack them, and the figures should not depend on how the database came to be.
  if (generated || !(await tools.hasStatistics())) {
    const started = performance.now();
    await tools.analyze();
    console.log(`Statistics refreshed in ${((performance.now() - started) / 1000).toFixed(1)} s${generated ? '' : ' (the database had none)'}.`);
  }
  const close = async () => {
    await tools.close();
    await closeDatabase();
  };
  return { url, tools, totalUsers: await userCount(), close };
}

/** The machine, so the figures can be quoted: label and value pairs. */
export function machineFacts(): [string, string][] {
  return [
    ['CPU', `${os.availableParallelism()} cores (os.availableParallelism), ${os.cpus()[0]?.model.trim() ?? 'unknown model'}`],
    ['Memory', `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`],
    ['Node', `${process.version} (${os.platform()} ${os.release()} ${os.arch()})`],
  ];
}

/** A titled block of `label: value` lines, the values aligned. */
export function printFacts(title: string, facts: [string, string][]): void {
  const width = Math.max(...facts.map(([label]) => label.length)) + 1;
  console.log(`\n${title}`);
  for (const [label, value] of facts) console.log(`  ${`${label}:`.padEnd(width)} ${value}`);
}

// ----- Patterns, picked from the data so their selectivity is known -----

export type PickedPattern = { pattern: string; count: number };

async function countMatches(pattern: string): Promise<number> {
  const { userListQuerySchema } = await import('@/lib/users/schemas');
  const { countUsers } = await import('@/lib/search/user-search');
  return await countUsers(userListQuerySchema.parse({ pattern }));
}

/** Selective: a real user's email local part (name + running number), which matches a handful. */
export async function pickSelectivePattern({ tools }: BenchDatabase): Promise<PickedPattern> {
  const [{ maxPk }] = await tools.rows<{ maxPk: number }>(sql`SELECT max(pk) AS "maxPk" FROM users`);
  for (const fraction of [0.5, 0.37, 0.73, 0.11, 0.91]) {
    const [{ email }] = await tools.rows<{ email: string }>(sql`SELECT email FROM users WHERE pk >= ${Math.floor(maxPk * fraction)} ORDER BY pk LIMIT 1`);
    const pattern = email.slice(0, email.indexOf('@'));
    if ([...pattern].length < 3) continue;
    const count = await countMatches(pattern);
    if (count >= 1 && count <= 50) return { pattern, count };
  }
  throw new Error('No email local part with 1-50 matches found.');
}

/**
 * Letter n-grams of the searchable fields, by the share of sampled users that contain them:
 * the fragments an admin types, with a frequency estimate to shortlist candidates.
 */
async function ngramShares({ tools }: BenchDatabase, n: number): Promise<Map<string, number>> {
  const rows = await tools.rows<Record<'e' | 'u' | 'f' | 'l', string | null>>(
    sql`SELECT email_normalized AS e, username_normalized AS u, lower(first_name) AS f, lower(last_name) AS l FROM users WHERE pk % 250 = 0`,
  );
  const counts = new Map<string, number>();
  for (const row of rows) {
    const seen = new Set<string>();
    for (const text of [row.e, row.u, row.f, row.l]) {
      if (!text) continue;
      for (let i = 0; i + n <= text.length; i++) {
        const gram = text.slice(i, i + n);
        if (/^[a-z]+$/.test(gram)) seen.add(gram);
      }
    }
    for (const gram of seen) counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return new Map([...counts].map(([gram, c]) => [gram, c / rows.length]));
}

/** The share of users matched, as a percentage. */
export const shareOf = ({ totalUsers }: BenchDatabase, count: number) => `${((100 * count) / totalUsers).toFixed(2)}%`;

/** The n-character candidate whose measured match count is closest to `target` of the users; `measure` candidates are counted. */
export async function pickPatternByShare(database: BenchDatabase, n: number, target: number, measure: number): Promise<PickedPattern & { tried: string[] }> {
  const shortlist = [...(await ngramShares(database, n))]
    .sort((a, b) => Math.abs(a[1] - target) - Math.abs(b[1] - target))
    .slice(0, measure)
    .map(([gram]) => gram);
  const measured = [];
  for (const pattern of shortlist) measured.push({ pattern, count: await countMatches(pattern) });
  const distance = (m: PickedPattern) => Math.abs(m.count / database.totalUsers - target);
  const best = measured.reduce((a, b) => (distance(a) <= distance(b) ? a : b));
  return { ...best, tried: measured.map((m) => `${m.pattern} ${shareOf(database, m.count)}`) };
}

/** Broad: a 3-letter fragment that about 5% of users match. */
export const pickBroadPattern = (database: BenchDatabase) => pickPatternByShare(database, 3, 0.05, 12);
