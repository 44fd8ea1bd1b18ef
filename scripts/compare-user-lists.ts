/**
 * `npx tsx scripts/compare-user-lists.ts <database> <database>`: runs the same users list and
 * count queries on two databases (SQLite paths or postgres:// URLs) holding the same generated
 * users (`npm run db:seed -- --users N` on each), and prints every answer that differs. The
 * engines must agree: same items in the same order, same totals, same next pages.
 *
 * Each database is queried by a child process of its own, as lib/ picks its engine's tables
 * once, from DATABASE_URL.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { engineOf } from '@/db/location';

const USAGE = 'Usage: npx tsx scripts/compare-user-lists.ts <database> <database>';

const PATTERNS = ['and', 'AND', 'ang', 'son@', 'łuk', 'ŁUK', 'ÁLV', 'çel', 'ÖZT', 'øbe', 'şah', 'example', '@hooli', 'hooli.ex', 'o_b', 'a%b', '500000', 'xyzzy', 'Fitzgerald', 'zz', 'hi', 'q', 'a', 'Jo', 'qx', 'x7', '%', '_', '7', 'ß', 'ñ', 'Ł'];
const SORTS = ['created:-1', 'created:1', 'email:1', 'username:-1', 'lastName:1', 'lastName:-1', 'lastSignIn:-1'];
const FILTERS = [[], ['status:locked'], ['scope:beta'], ['scope:tester'], ['role:Designer', 'plan:pro'], ['vendor:Tyk']];

/** The answers of one database, one JSON line per query, keyed by the query. */
async function emit(): Promise<void> {
  const { closeDatabase } = await import('@/db/client');
  const { userListQuerySchema } = await import('@/lib/users/schemas');
  const { countUsers, listUsers } = await import('@/lib/search/user-search');
  const lines: string[] = [];
  /** The first two pages (by nextCursor) and the total, by email: ids and times differ between two seeded databases. */
  // Totals counted exactly: an estimate past the budget depends on each engine's speed.
  const pages = async (raw: Record<string, unknown>) => {
    const first = await listUsers(userListQuerySchema.parse(raw), null, { countBudgetMs: null });
    const second = first.nextCursor ? await listUsers(userListQuerySchema.parse({ ...raw, offset: undefined, cursor: first.nextCursor })) : null;
    lines.push(JSON.stringify({ query: raw, total: first.total, first: first.items.map((u) => u.email), second: second?.items.map((u) => u.email) ?? null }));
  };
  for (const pattern of PATTERNS) for (const sort of ['created:-1', 'email:1', 'lastName:-1']) await pages({ pattern, sort, limit: '10' });
  for (const sort of SORTS) for (const filter of FILTERS) await pages({ sort, filter, limit: '10' });
  for (const pattern of ['and', 'mar', 'xyzzy', 'łuk', 'e', 'zz', 'x7']) for (const filter of FILTERS.slice(1)) await pages({ pattern, filter, limit: '10' });
  await pages({ sort: 'email:1', offset: '1000', limit: '10' });
  await pages({ pattern: 'and', offset: '5000', limit: '10' });
  for (const pattern of ['ell', 'example', 'łuk', 'a', 'zz', '%']) lines.push(JSON.stringify({ query: { count: pattern }, total: await countUsers({ pattern }) }));
  console.log(lines.join('\n'));
  await closeDatabase();
}

function answersOf(database: string): Map<string, string> {
  const url = engineOf(database) === 'postgres' ? database : `file:${path.resolve(database)}`;
  const output = execFileSync(process.execPath, ['--import', 'tsx', __filename, '--emit'], { env: { ...process.env, DATABASE_URL: url }, encoding: 'utf8', maxBuffer: 64 << 20 });
  return new Map(
    output
      .trim()
      .split('\n')
      .map((line) => [JSON.stringify((JSON.parse(line) as { query: unknown }).query), line]),
  );
}

function compare(databases: string[]): void {
  if (databases.length !== 2) throw new Error(USAGE);
  const [a, b] = databases.map(answersOf);
  const differing = [...a.keys()].filter((query) => a.get(query) !== b.get(query));
  for (const query of differing) console.log(`${query}\n  < ${a.get(query)}\n  > ${b.get(query)}`);
  console.log(`${a.size} queries, ${differing.length} answered differently.`);
  if (differing.length) process.exitCode = 1;
}

if (process.argv.includes('--emit')) {
  emit().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  compare(process.argv.slice(2));
}
