/**
 * `npm run bench:users [-- --database path|postgres://…] [--postgres-throwaway] [--users N] [--runs N]`:
 * server-side times of the user list and count queries at a million users, with the machine
 * and database engine they ran on.
 *
 * Times are in-process calls of what GET /api/v1/users and /users/count call (listUsers,
 * countUsers), so they exclude HTTP, auth and JSON encoding. The database (a SQLite file, or the
 * PostgreSQL database the URL names) is filled once with the seed generator and reused on later
 * runs. `--postgres-throwaway` runs on a fresh PostgreSQL cluster with the settings in bench-database.ts,
 * generated for the run and removed after it.
 */
import { sql, type SQL } from 'drizzle-orm';
import { type EngineName } from '@/db/location';
import {
  formatCount as fmt,
  machineFacts,
  parseBenchArgs,
  percentile,
  pickBroadPattern,
  pickPatternByShare,
  pickSelectivePattern,
  prepareBenchDatabase,
  printFacts,
  shareOf,
  withBenchDatabase,
  type BenchDatabaseOptions,
} from './bench-database';

const USAGE = 'Usage: npm run bench:users [-- --database path|postgres://…] [--postgres-throwaway] [--users N] [--runs N]';
const WARM_UP_RUNS = 10;
/** The plain-scan baseline reads every row; this many runs are enough to see its spread. */
const SLOW_BASELINE_RUNS = 20;
/** Short patterns from common to unmatched: `%` is literal and in no generated user. */
const SHORT_PATTERNS = ['a', 'jo', 'zz', 'qx', 'x7', '%'];

type Options = BenchDatabaseOptions & { runs: number };

// tsx runs this file as CommonJS, which has no top-level await: hence main().
async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2), USAGE, { runs: 300 });
  await withBenchDatabase(options, (url) => bench(url, options));
}

async function bench(url: string, options: Options): Promise<void> {
  const database = await prepareBenchDatabase(url, options.users);
  const { tools, totalUsers } = database;
  const { queryRows } = await import('@/db/client');
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
  const query = (raw: Record<string, string | string[]>) => userListQuerySchema.parse(raw);

  // ----- The machine, so the figures can be quoted -----

  const { size, settings } = await tools.describe();
  printFacts('Machine', [
    ...machineFacts(),
    ['Engine', await tools.version()],
    ['Settings', settings.join(', ')],
    ['DB', `${size}, ${fmt(totalUsers)} users`],
  ]);

  // ----- Patterns, picked from the data so their selectivity is known -----

  const share = (n: number) => shareOf(database, n);
  console.log('\nPatterns');
  const selective = await pickSelectivePattern(database);
  console.log(`  selective: "${selective.pattern}" matches ${fmt(selective.count)} users`);
  const broad = await pickBroadPattern(database);
  console.log(`  broad:     "${broad.pattern}" matches ${fmt(broad.count)} users (${share(broad.count)}; measured ${broad.tried.join(', ')})`);
  // Two characters have no index: each count scans the table, so measure only a few.
  const short = await pickPatternByShare(database, 2, 0.05, 4);
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
  await database.close();
}

main().catch((error) => {
  console.error(`bench:users failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
