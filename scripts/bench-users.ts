/**
 * `npm run bench:users [-- --database path|postgres://…] [--postgres-throwaway] [--users N] [--runs N]`:
 * server-side times of the user list and count queries at a million users, with the machine
 * and database engine they ran on.
 *
 * Times are in-process calls of what GET /api/v1/users and /users/count call (listUsers,
 * countUsers), so they exclude HTTP, auth and JSON encoding. The database (a SQLite file, or the
 * PostgreSQL database the URL names) is filled once with the seed generator and reused on later
 * runs. `--postgres-throwaway` runs on a fresh PostgreSQL cluster with BENCH_POSTGRES_SETTINGS,
 * generated for the run and removed after it.
 */
import os from 'node:os';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { engineOf, type EngineName } from '@/db/location';

const USAGE = 'Usage: npm run bench:users [-- --database path|postgres://…] [--postgres-throwaway] [--users N] [--runs N]';
const WARM_UP_RUNS = 10;
/** The plain-scan baseline reads every row; this many runs are enough to see its spread. */
const SLOW_BASELINE_RUNS = 20;
/** Short patterns from common to unmatched: `%` is literal and in no generated user. */
const SHORT_PATTERNS = ['a', 'jo', 'zz', 'qx', 'x7', '%'];

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

type Options = { database: string; throwaway: boolean; users: number; runs: number };

function parseArgs(args: string[]): Options {
  const options: Options = { database: 'data/bench-1m.db', throwaway: false, users: 1_000_000, runs: 300 };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    if (flag === '--postgres-throwaway' && inline === undefined) {
      options.throwaway = true;
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined) throw new Error(`${flag} needs a value. ${USAGE}`);
    if (flag === '--database') options.database = value;
    else if (flag === '--users' || flag === '--runs') {
      const n = Number(value);
      if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new Error(`${flag} needs a positive whole number, got "${value}". ${USAGE}`);
      options[flag === '--users' ? 'users' : 'runs'] = n;
    } else throw new Error(`Unknown argument "${args[i]}". ${USAGE}`);
  }
  if (options.throwaway && args.some((arg) => arg.startsWith('--database'))) throw new Error(`--postgres-throwaway makes its own database: leave out --database. ${USAGE}`);
  return options;
}

// tsx runs this file as CommonJS, which has no top-level await: hence main().
async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  let stopCluster = async () => {};
  if (options.throwaway) {
    const { startPostgresCluster } = await import('../tests/support/postgres');
    console.log(`Starting a throwaway PostgreSQL cluster with ${Object.entries(BENCH_POSTGRES_SETTINGS).map(([name, value]) => `${name}=${value}`).join(', ')}`);
    const cluster = await startPostgresCluster({ settings: BENCH_POSTGRES_SETTINGS });
    stopCluster = () => cluster.stop();
    options.database = await cluster.createDatabase('gatehouse_bench');
  }
  try {
    await bench(options);
  } finally {
    await stopCluster();
  }
}

async function bench(options: Options): Promise<void> {
  const url = engineOf(options.database) === 'postgres' ? options.database : `file:${path.resolve(options.database)}`;
  // lib/server/config and db/schema read DATABASE_URL on first use: set it before any lib module is loaded.
  process.env.DATABASE_URL = url;
  const { closeDatabase, getEngine, queryRows } = await import('@/db/client');
  const { databaseLabelOf } = await import('@/db/location');
  const { seedLargeUserSet } = await import('@/db/seed');
  const { openDatabaseTools } = await import('@/db/tools');
  const { userListQuerySchema } = await import('@/lib/users/schemas');
  const { countUsers, listUsers } = await import('@/lib/search/user-search');
  const planner = await import('@/lib/search/planner');
  type ListQuery = Parameters<typeof listUsers>[0];
  /** The page's SQL; where a pattern's first look is put off, the walk tried first and the query after the look. */
  const pagePlans = async (q: ListQuery): Promise<[string, SQL][]> => {
    const prepared = await planner.prepareQuery(q);
    const walked = planner.walkedPageKeysSql(q, prepared);
    if (!walked || !prepared.walkFirst) return [['page', planner.pageKeysSql(q, prepared)]];
    return [
      ['page, walking first', walked],
      ['page, after the first look (when the walk does not fill it)', planner.pageKeysSql(q, await prepared.walkFirst.afterFirstLook())],
    ];
  };
  const countSql = async (q: ListQuery) => planner.countSql(await planner.prepareQuery(q));

  const tools = openDatabaseTools(url);
  const fmt = (n: number) => n.toLocaleString('en-US');
  const query = (raw: Record<string, string | string[]>) => userListQuerySchema.parse(raw);
  const userCount = async () => Number((await tools.rows<{ n: number | string }>(sql`SELECT count(*) AS n FROM users`))[0].n);

  // ----- The database -----

  console.log(`Database: ${databaseLabelOf(url)}`);
  await getEngine().migrate();
  const existing = await userCount();
  let generated = false;
  if (existing < options.users) {
    const missing = options.users - existing;
    console.log(`It has ${fmt(existing)} users; generating ${fmt(missing)} more...`);
    const started = performance.now();
    let reported = 0;
    await seedLargeUserSet(tools, missing, {
      onProgress: (done) => {
        if (done === missing || done - reported >= missing / 10) {
          console.log(`  ${fmt(done)} / ${fmt(missing)} users (${((performance.now() - started) / 1000).toFixed(1)} s)`);
          reported = done;
        }
      },
    });
    console.log(`Generated ${fmt(missing)} users in ${((performance.now() - started) / 1000).toFixed(1)} s (indexes and statistics included).`);
    generated = true;
  } else {
    console.log(`Reusing it: ${fmt(existing)} users (wanted ${fmt(options.users)}).`);
  }
  // Planner statistics, as a maintained database has them. A copied or interrupted database
  // may lack them, and the figures should not depend on how the database came to be.
  if (generated || !(await tools.hasStatistics())) {
    const started = performance.now();
    await tools.analyze();
    console.log(`Statistics refreshed in ${((performance.now() - started) / 1000).toFixed(1)} s${generated ? '' : ' (the database had none)'}.`);
  }
  const totalUsers = await userCount();

  // ----- The machine, so the figures can be quoted -----

  const { size, settings } = await tools.describe();
  console.log('\nMachine');
  console.log(`  CPU:      ${os.cpus().length} x ${os.cpus()[0]?.model.trim() ?? 'unknown'}`);
  console.log(`  Memory:   ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`);
  console.log(`  Node:     ${process.version} (${os.platform()} ${os.release()} ${os.arch()})`);
  console.log(`  Engine:   ${await tools.version()}`);
  console.log(`  Settings: ${settings.join(', ')}`);
  console.log(`  DB:       ${size}, ${fmt(totalUsers)} users`);

  // ----- Patterns, picked from the data so their selectivity is known -----

  const share = (n: number) => `${((100 * n) / totalUsers).toFixed(2)}%`;

  /** Selective: a real user's email local part (name + running number), which matches a handful. */
  async function pickSelectivePattern(): Promise<{ pattern: string; count: number }> {
    const [{ maxPk }] = await tools.rows<{ maxPk: number }>(sql`SELECT max(pk) AS "maxPk" FROM users`);
    for (const fraction of [0.5, 0.37, 0.73, 0.11, 0.91]) {
      const [{ email }] = await tools.rows<{ email: string }>(sql`SELECT email FROM users WHERE pk >= ${Math.floor(maxPk * fraction)} ORDER BY pk LIMIT 1`);
      const pattern = email.slice(0, email.indexOf('@'));
      if ([...pattern].length < 3) continue;
      const count = await countUsers(query({ pattern }));
      if (count >= 1 && count <= 50) return { pattern, count };
    }
    throw new Error('No email local part with 1-50 matches found.');
  }

  /**
   * Letter n-grams of the searchable fields, by the share of sampled users that contain them:
   * the fragments an admin types, with a frequency estimate to shortlist candidates.
   */
  async function ngramShares(n: number): Promise<Map<string, number>> {
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

  /** The candidate whose measured match count is closest to `target` of the users. */
  async function pickByShare(n: number, target: number, measure: number): Promise<{ pattern: string; count: number; tried: string[] }> {
    const shortlist = [...(await ngramShares(n))]
      .sort((a, b) => Math.abs(a[1] - target) - Math.abs(b[1] - target))
      .slice(0, measure)
      .map(([gram]) => gram);
    const measured = [];
    for (const pattern of shortlist) measured.push({ pattern, count: await countUsers(query({ pattern })) });
    const best = measured.reduce((a, b) => (Math.abs(a.count / totalUsers - target) <= Math.abs(b.count / totalUsers - target) ? a : b));
    return { ...best, tried: measured.map((m) => `${m.pattern} ${share(m.count)}`) };
  }

  console.log('\nPatterns');
  const selective = await pickSelectivePattern();
  console.log(`  selective: "${selective.pattern}" matches ${fmt(selective.count)} users`);
  const broad = await pickByShare(3, 0.05, 12);
  console.log(`  broad:     "${broad.pattern}" matches ${fmt(broad.count)} users (${share(broad.count)}; measured ${broad.tried.join(', ')})`);
  // Two characters have no index: each count scans the table, so measure only a few.
  const short = await pickByShare(2, 0.05, 4);
  console.log(`  2-char:    "${short.pattern}" matches ${fmt(short.count)} users (${share(short.count)}; measured ${short.tried.join(', ')})`);

  // ----- Query plans, once per shape -----

  /** The plan indented under its case. */
  const explain = async (statement: SQL) => (await tools.explain(statement)).map((line) => `      ${line}`).join('\n');

  // ----- Finding the deep cursor: follow nextCursor as a client would -----

  const DEEP_ROWS = 100_000;
  // Rows before the cursor's page: DEEP_ROWS unless the database is smaller.
  let deepRows = 0;
  let deepCursor: string | undefined;
  {
    const started = performance.now();
    while (deepRows < DEEP_ROWS) {
      const page = await listUsers(query({ sort: 'created:-1', limit: '100', includeTotal: 'false', ...(deepCursor ? { cursor: deepCursor } : {}) }));
      if (!page.nextCursor) break;
      deepRows += page.items.length;
      deepCursor = page.nextCursor;
    }
    console.log(`\nDeep cursor: followed nextCursor past ${fmt(deepRows)} rows (pages of 100) in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  }

  // ----- The cases -----

  type Case = {
    name: string;
    /** p95 target in ms on each engine, or null where none was set. */
    target: Record<EngineName, number | null>;
    run: () => Promise<unknown>;
    /** The SQL shapes to explain. */
    plans: [string, SQL][];
    runs?: number;
  };

  /** Runs for a case whose single run takes `ms`: a few are enough to see the spread of a slow one. */
  const runsFor = (ms: number) => (ms > 50 ? Math.min(SLOW_BASELINE_RUNS, options.runs) : options.runs);
  const timeOnce = async (run: () => Promise<unknown>) => {
    const started = performance.now();
    await run();
    return performance.now() - started;
  };

  /**
   * 1- and 2-character patterns, common to rare and unmatched (issue 17): each page alone, and
   * with its total. Plans are shown for the page only: the total's SQL depends on the budget.
   */
  const shortCases: Case[] = [];
  for (const pattern of SHORT_PATTERNS) {
    const pageOnly = query({ pattern, includeTotal: 'false' });
    const withTotal = query({ pattern });
    const target = { sqlite: 50, postgres: 50 };
    shortCases.push(
      { name: `short "${pattern}", page only`, target, run: () => listUsers(pageOnly), plans: await pagePlans(pageOnly), runs: runsFor(await timeOnce(() => listUsers(pageOnly))) },
      { name: `short "${pattern}", page + total`, target: { sqlite: null, postgres: null }, run: () => listUsers(withTotal), plans: [], runs: runsFor(await timeOnce(() => listUsers(withTotal))) },
    );
  }

  const q1 = query({ pattern: selective.pattern });
  const q2 = query({ pattern: broad.pattern, includeTotal: 'false' });
  const q3 = query({ pattern: broad.pattern });
  const q4 = query({ pattern: short.pattern, includeTotal: 'false' });
  const q5 = query({ sort: 'created:-1' });
  const q6 = query({ sort: 'created:-1', includeTotal: 'false', ...(deepCursor ? { cursor: deepCursor } : {}) });
  const q7 = query({ offset: '100000', includeTotal: 'false' });
  const q8 = query({ filter: ['scope:tester'] });
  const q9 = query({ sort: 'created:-1', includeTotal: 'false' });

  // The same work as case 1 without the search index: first page of full rows, and the total.
  const scan = tools.plainScanMatch(`%${selective.pattern.replace(/[\\%_]/g, '\\$&')}%`);
  const baselinePage = sql`SELECT * FROM users WHERE ${scan} ORDER BY created_at DESC LIMIT 30`;
  const baselineCount = sql`SELECT count(*) AS n FROM users WHERE ${scan}`;
  const baseline = async () => ({ items: await queryRows(baselinePage), total: Number((await queryRows<{ n: number | string }>(baselineCount))[0].n) });
  const baselineOnce = await (async () => {
    const started = performance.now();
    const result = await baseline();
    return { ms: performance.now() - started, total: result.total };
  })();
  if (baselineOnce.total !== selective.count) console.log(`\nNote: the plain scan counts ${baselineOnce.total}, the search ${selective.count}.`);

  // Targets: SQLite's from the first benchmark issue; PostgreSQL's from the one that added it.
  const cases: Case[] = [
    { name: `selective "${selective.pattern}", page + total`, target: { sqlite: 5, postgres: 10 }, run: () => listUsers(q1), plans: [...(await pagePlans(q1)), ['total', await countSql(q1)]] },
    { name: `broad "${broad.pattern}", page only`, target: { sqlite: 30, postgres: 15 }, run: () => listUsers(q2), plans: await pagePlans(q2) },
    // Its page is case 2's; only the total is new.
    { name: `broad "${broad.pattern}", page + exact total`, target: { sqlite: 150, postgres: null }, run: () => listUsers(q3), plans: [['total', await countSql(q3)]] },
    { name: `2-char "${short.pattern}", page only`, target: { sqlite: null, postgres: null }, run: () => listUsers(q4), plans: await pagePlans(q4) },
    { name: 'no pattern, created:-1, page + total', target: { sqlite: 5, postgres: 3 }, run: () => listUsers(q5), plans: [...(await pagePlans(q5)), ['total', await countSql(q5)]] },
    { name: `cursor page ${fmt(deepRows)} rows deep, page only`, target: { sqlite: 5, postgres: 3 }, run: () => listUsers(q6), plans: await pagePlans(q6) },
    { name: 'offset=100000, page only', target: { sqlite: 100, postgres: 50 }, run: () => listUsers(q7), plans: await pagePlans(q7) },
    { name: 'count, filter scope:tester', target: { sqlite: 150, postgres: null }, run: () => countUsers(q8), plans: [['total', await countSql(q8)]] },
    // Case 5 without its total, which on PostgreSQL counts every row (no stored row count there).
    { name: 'no pattern, created:-1, page only', target: { sqlite: null, postgres: 3 }, run: () => listUsers(q9), plans: await pagePlans(q9) },
    {
      name: `baseline plain scan "${selective.pattern}", page + total`,
      target: { sqlite: null, postgres: null },
      run: baseline,
      plans: [['page', baselinePage], ['total', baselineCount]],
      // A full scan per run: a few runs show its spread well enough.
      runs: runsFor(baselineOnce.ms),
    },
    ...shortCases,
  ];

  console.log(`\nQuery plans (${tools.engine === 'postgres' ? 'EXPLAIN' : 'EXPLAIN QUERY PLAN'})`);
  for (const [i, c] of cases.entries()) {
    console.log(`  ${i + 1}. ${c.name}`);
    for (const [label, statement] of c.plans) console.log(`    ${label}:\n${await explain(statement)}`);
  }

  // ----- Timing -----

  type Result = { c: Case; runs: number; p50: number; p95: number; p99: number };

  /** Nearest-rank percentile of sorted times. */
  const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

  async function measure(c: Case): Promise<Result> {
    const runs = c.runs ?? options.runs;
    for (let i = 0; i < Math.min(WARM_UP_RUNS, runs); i++) await c.run();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await c.run();
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return { c, runs, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) };
  }

  console.log(`\nTimes (ms, server side, in process; ${WARM_UP_RUNS} warm-up runs first)`);
  const results: Result[] = [];
  const ms = (n: number) => n.toFixed(2).padStart(9);
  const header = `  ${'#'.padEnd(3)}${'case'.padEnd(52)}${'runs'.padStart(5)}${'p50'.padStart(9)}${'p95'.padStart(9)}${'p99'.padStart(9)}  ${'target'.padEnd(12)}result`;
  console.log(header);
  console.log(`  ${'-'.repeat(header.length - 2)}`);
  for (const [i, c] of cases.entries()) {
    const r = await measure(c);
    results.push(r);
    const goal = c.target[tools.engine];
    const target = goal === null ? '-' : `p95 <= ${goal}`;
    const verdict = goal === null ? '' : r.p95 <= goal ? 'PASS' : 'MISS';
    console.log(`  ${String(i + 1).padEnd(3)}${c.name.slice(0, 51).padEnd(52)}${String(r.runs).padStart(5)}${ms(r.p50)}${ms(r.p95)}${ms(r.p99)}  ${target.padEnd(12)}${verdict}`);
  }

  const [selectiveResult, baselineResult] = [results[0], results[cases.length - shortCases.length - 1]];
  const ratio50 = baselineResult.p50 / selectiveResult.p50;
  const ratio95 = baselineResult.p95 / selectiveResult.p95;
  console.log(`\nSearch index vs. plain scan (selective pattern, page + total; baseline ${baselineResult.runs} runs):`);
  console.log(`  p50 ${ratio50.toFixed(1)}x, p95 ${ratio95.toFixed(1)}x faster (target >= 20x): ${Math.min(ratio50, ratio95) >= 20 ? 'PASS' : 'MISS'}`);

  // What the short patterns' totals answered: exact within the budget, or an estimate, beside the exact count.
  console.log('\nShort patterns\' totals (page + total; then GET /users/count\'s exact, chunked count)');
  for (const pattern of SHORT_PATTERNS) {
    const { total, totalExact } = await listUsers(query({ pattern }));
    const started = performance.now();
    const exact = await countUsers(query({ pattern }));
    const answer = totalExact ? `exact ${fmt(total ?? 0)}` : `estimate ${fmt(total ?? 0)}`;
    console.log(`  "${pattern}": ${answer.padEnd(20)} exact count ${fmt(exact)} in ${(performance.now() - started).toFixed(0)} ms`);
  }

  const misses = results.filter((r) => r.p95 > (r.c.target[tools.engine] ?? Infinity)).length + (Math.min(ratio50, ratio95) >= 20 ? 0 : 1);
  console.log(misses ? `\n${misses} target(s) missed.` : '\nAll targets met.');
  await tools.close();
  await closeDatabase();
}

main().catch((error) => {
  console.error(`bench:users failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
