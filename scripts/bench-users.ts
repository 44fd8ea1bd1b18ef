/**
 * `npm run bench:users [-- --database path] [--users N] [--runs N]`: server-side times of the
 * user list and count queries at a million users, with the machine they ran on.
 *
 * Times are in-process calls of what GET /api/v1/users and /users/count call (listUsers,
 * countUsers), so they exclude HTTP, auth and JSON encoding. The database is generated once
 * with the seed generator and reused on later runs.
 */
import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';

const USAGE = 'Usage: npm run bench:users [-- --database path] [--users N] [--runs N]';
const WARM_UP_RUNS = 10;
/** The plain-scan baseline reads every row; this many runs are enough to see its spread. */
const SLOW_BASELINE_RUNS = 20;

type Options = { database: string; users: number; runs: number };

function parseArgs(args: string[]): Options {
  const options: Options = { database: 'data/bench-1m.db', users: 1_000_000, runs: 300 };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    const value = inline ?? args[++i];
    if (value === undefined) throw new Error(`${flag} needs a value. ${USAGE}`);
    if (flag === '--database') options.database = value;
    else if (flag === '--users' || flag === '--runs') {
      const n = Number(value);
      if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new Error(`${flag} needs a positive whole number, got "${value}". ${USAGE}`);
      options[flag === '--users' ? 'users' : 'runs'] = n;
    } else throw new Error(`Unknown argument "${args[i]}". ${USAGE}`);
  }
  return options;
}

// tsx runs this file as CommonJS, which has no top-level await: hence main().
async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  // lib/server/config reads DATABASE_URL on first use: set it before any lib module is loaded.
  process.env.DATABASE_URL = `file:${options.database}`;
  const { getEngine } = await import('@/db/client');
  const { openDatabase } = await import('@/db/engines/sqlite');
  const { seedLargeUserSet } = await import('@/db/seed');
  const { userListQuerySchema } = await import('@/lib/users/schemas');
  const { countUsers, listUsers } = await import('@/lib/search/user-search');
  const planner = await import('@/lib/search/planner');
  type ListQuery = Parameters<typeof listUsers>[0];
  const pageKeysSql = async (q: ListQuery) => planner.pageKeysSql(q, await planner.prepareQuery(q));
  const countSql = async (q: ListQuery) => planner.countSql(await planner.prepareQuery(q));

  const db = openDatabase(path.resolve(options.database));
  const sqlite = db.$client;
  const fmt = (n: number) => n.toLocaleString('en-US');
  const query = (raw: Record<string, string | string[]>) => userListQuerySchema.parse(raw);
  const userCount = () => sqlite.prepare('SELECT count(*) FROM users').pluck().get() as number;

  // ----- The database -----

  console.log(`Database: ${path.resolve(options.database)}`);
  await getEngine().migrate();
  const existing = userCount();
  let generated = false;
  if (existing < options.users) {
    const missing = options.users - existing;
    console.log(`It has ${fmt(existing)} users; generating ${fmt(missing)} more...`);
    const started = performance.now();
    let reported = 0;
    seedLargeUserSet(db, missing, {
      onProgress: (done) => {
        if (done === missing || done - reported >= missing / 10) {
          console.log(`  ${fmt(done)} / ${fmt(missing)} users (${((performance.now() - started) / 1000).toFixed(1)} s)`);
          reported = done;
        }
      },
    });
    console.log(`Generated ${fmt(missing)} users in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    generated = true;
  } else {
    console.log(`Reusing it: ${fmt(existing)} users (wanted ${fmt(options.users)}).`);
  }
  // Planner statistics, as a maintained database has them. A copied or interrupted database
  // may lack them, and the figures should not depend on how the file came to be.
  const hasStats = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").get() !== undefined;
  if (generated || !hasStats) {
    const started = performance.now();
    sqlite.exec('ANALYZE');
    sqlite.pragma('optimize');
    console.log(`ANALYZE + PRAGMA optimize: ${((performance.now() - started) / 1000).toFixed(1)} s${generated ? '' : ' (the database had no sqlite_stat1)'}.`);
  }
  const totalUsers = userCount();

  // ----- The machine, so the figures can be quoted -----

  const dbFiles = [options.database, `${options.database}-wal`].map((file) => {
    try {
      return statSync(file).size;
    } catch {
      return 0;
    }
  });
  console.log('\nMachine');
  console.log(`  CPU:     ${os.cpus().length} x ${os.cpus()[0]?.model.trim() ?? 'unknown'}`);
  console.log(`  Memory:  ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`);
  console.log(`  Node:    ${process.version} (${os.platform()} ${os.release()} ${os.arch()})`);
  console.log(`  SQLite:  ${sqlite.prepare('SELECT sqlite_version()').pluck().get()}`);
  console.log(`  DB:      ${(dbFiles[0] / 2 ** 20).toFixed(0)} MiB (+ ${(dbFiles[1] / 2 ** 20).toFixed(0)} MiB WAL), ${fmt(totalUsers)} users`);

  // ----- Patterns, picked from the data so their selectivity is known -----

  const share = (n: number) => `${((100 * n) / totalUsers).toFixed(2)}%`;

  /** Selective: a real user's email local part (name + running number), which matches a handful. */
  async function pickSelectivePattern(): Promise<{ pattern: string; count: number }> {
    const maxPk = sqlite.prepare('SELECT max(pk) FROM users').pluck().get() as number;
    const emailAt = sqlite.prepare('SELECT email FROM users WHERE pk >= ? ORDER BY pk LIMIT 1').pluck();
    for (const fraction of [0.5, 0.37, 0.73, 0.11, 0.91]) {
      const email = emailAt.get(Math.floor(maxPk * fraction)) as string;
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
  function ngramShares(n: number): Map<string, number> {
    const rows = sqlite
      .prepare('SELECT email_normalized, username_normalized, lower(first_name), lower(last_name) FROM users WHERE pk % 250 = 0')
      .raw()
      .all() as (string | null)[][];
    const counts = new Map<string, number>();
    for (const row of rows) {
      const seen = new Set<string>();
      for (const text of row) {
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
    const shortlist = [...ngramShares(n)]
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

  type PlanRow = { id: number; parent: number; detail: string };
  /** EXPLAIN QUERY PLAN rows as an indented tree. */
  function planTree(rows: PlanRow[]): string {
    const depth = new Map<number, number>([[0, 0]]);
    return rows
      .map((row) => {
        const d = (depth.get(row.parent) ?? 0) + 1;
        depth.set(row.id, d);
        return `${'    '.repeat(d)}${row.detail}`;
      })
      .join('\n');
  }
  const explain = (statement: SQL) => planTree(db.all<PlanRow>(sql`EXPLAIN QUERY PLAN ${statement}`));

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
    /** p95 target in ms, or null when none was set. */
    target: number | null;
    run: () => unknown;
    /** The SQL shapes to explain. */
    plans: [string, SQL][];
    runs?: number;
  };

  const q1 = query({ pattern: selective.pattern });
  const q2 = query({ pattern: broad.pattern, includeTotal: 'false' });
  const q3 = query({ pattern: broad.pattern });
  const q4 = query({ pattern: short.pattern, includeTotal: 'false' });
  const q5 = query({ sort: 'created:-1' });
  const q6 = query({ sort: 'created:-1', includeTotal: 'false', ...(deepCursor ? { cursor: deepCursor } : {}) });
  const q7 = query({ offset: '100000', includeTotal: 'false' });
  const q8 = query({ filter: ['scope:tester'] });

  // The same work as case 1 without the search index: first page of full rows, and the total.
  const like = `%${selective.pattern.replace(/[\\%_]/g, '\\$&')}%`;
  const scanWhere = "email LIKE @like ESCAPE '\\' OR username LIKE @like ESCAPE '\\' OR first_name LIKE @like ESCAPE '\\' OR last_name LIKE @like ESCAPE '\\'";
  const baselinePage = sqlite.prepare(`SELECT * FROM users WHERE ${scanWhere} ORDER BY created_at DESC LIMIT 30`);
  const baselineCount = sqlite.prepare(`SELECT count(*) FROM users WHERE ${scanWhere}`).pluck();
  const baseline = () => ({ items: baselinePage.all({ like }), total: baselineCount.get({ like }) });
  const baselineOnce = (() => {
    const started = performance.now();
    const result = baseline();
    return { ms: performance.now() - started, total: result.total as number };
  })();
  if (baselineOnce.total !== selective.count) console.log(`\nNote: the LIKE baseline counts ${baselineOnce.total}, the search ${selective.count}.`);

  const cases: Case[] = [
    { name: `selective "${selective.pattern}", page + total`, target: 5, run: async () => await listUsers(q1), plans: [['page', await pageKeysSql(q1)], ['total', await countSql(q1)]] },
    { name: `broad "${broad.pattern}", page only`, target: 30, run: async () => await listUsers(q2), plans: [['page', await pageKeysSql(q2)]] },
    // Its page is case 2's; only the total is new.
    { name: `broad "${broad.pattern}", page + exact total`, target: 150, run: async () => await listUsers(q3), plans: [['total', await countSql(q3)]] },
    { name: `2-char "${short.pattern}", page only`, target: null, run: async () => await listUsers(q4), plans: [['page', await pageKeysSql(q4)]] },
    { name: 'no pattern, created:-1, page + total', target: 5, run: async () => await listUsers(q5), plans: [['page', await pageKeysSql(q5)], ['total', await countSql(q5)]] },
    { name: `cursor page ${fmt(deepRows)} rows deep, page only`, target: 5, run: async () => await listUsers(q6), plans: [['page', await pageKeysSql(q6)]] },
    { name: 'offset=100000, page only', target: 100, run: async () => await listUsers(q7), plans: [['page', await pageKeysSql(q7)]] },
    { name: 'count, filter scope:tester', target: 150, run: async () => await countUsers(q8), plans: [['total', await countSql(q8)]] },
    {
      name: `baseline LIKE scan "${selective.pattern}", page + total`,
      target: null,
      run: baseline,
      plans: [], // explained below: it is raw SQL, not a drizzle SQL object
      // A full scan per run: a few runs show its spread well enough.
      runs: baselineOnce.ms > 50 ? Math.min(SLOW_BASELINE_RUNS, options.runs) : options.runs,
    },
  ];

  console.log('\nQuery plans');
  for (const [i, c] of cases.entries()) {
    if (c.plans.length === 0) continue;
    console.log(`  ${i + 1}. ${c.name}`);
    for (const [label, statement] of c.plans) console.log(`    ${label}:\n${explain(statement)}`);
  }
  const baselinePlan = (statement: string) => planTree(sqlite.prepare(`EXPLAIN QUERY PLAN ${statement}`).all({ like }) as PlanRow[]);
  console.log(`  ${cases.length}. ${cases[cases.length - 1].name}\n    page:\n${baselinePlan(baselinePage.source)}\n    total:\n${baselinePlan(baselineCount.source)}`);

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
    const target = c.target === null ? '-' : `p95 <= ${c.target}`;
    const verdict = c.target === null ? '' : r.p95 <= c.target ? 'PASS' : 'MISS';
    console.log(`  ${String(i + 1).padEnd(3)}${c.name.slice(0, 51).padEnd(52)}${String(r.runs).padStart(5)}${ms(r.p50)}${ms(r.p95)}${ms(r.p99)}  ${target.padEnd(12)}${verdict}`);
  }

  const [selectiveResult, baselineResult] = [results[0], results[results.length - 1]];
  const ratio50 = baselineResult.p50 / selectiveResult.p50;
  const ratio95 = baselineResult.p95 / selectiveResult.p95;
  console.log(`\nSearch index vs. plain scan (selective pattern, page + total; baseline ${baselineResult.runs} runs):`);
  console.log(`  p50 ${ratio50.toFixed(1)}x, p95 ${ratio95.toFixed(1)}x faster (target >= 20x): ${Math.min(ratio50, ratio95) >= 20 ? 'PASS' : 'MISS'}`);

  const misses = results.filter((r) => r.c.target !== null && r.p95 > r.c.target).length + (Math.min(ratio50, ratio95) >= 20 ? 0 : 1);
  console.log(misses ? `\n${misses} target(s) missed.` : '\nAll targets met.');
  sqlite.close();
}

main().catch((error) => {
  console.error(`bench:users failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
