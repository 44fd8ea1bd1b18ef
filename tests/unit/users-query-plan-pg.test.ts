/**
 * The users list's query plans on PostgreSQL, as tests/unit/users-query-plan.test.ts checks
 * them on SQLite: 30,000 generated users on a throwaway cluster, and EXPLAIN of the statements
 * the planner builds. Skips without PostgreSQL's server binaries, except in CI.
 */
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEstimateThenExact, expectExactWithoutBudget, expectShortPatternsListed, SCANNING_COUNTS } from '../support/user-list-checks';
import { postgresAvailability, startPostgresCluster, type PostgresCluster } from '../support/postgres';

const postgres = postgresAvailability();
if (!postgres.available) console.warn(`Skipping the PostgreSQL query plan tests: ${postgres.reason}`);

// lib/ picks its tables from DATABASE_URL when first imported: the cluster comes first.
let cluster: PostgresCluster | undefined;
if (postgres.available) {
  cluster = await startPostgresCluster();
  process.env.DATABASE_URL = await cluster.createDatabase('gatehouse_plans');
}

const { closeDatabase, getEngine } = await import('@/db/client');
const { seedDemoData, seedLargeUserSet } = await import('@/db/seed');
const { openDatabaseTools } = await import('@/db/tools');
const { countUsers, listUsers } = await import('@/lib/search/user-search');
const planner = await import('@/lib/search/planner');
const { userListQuerySchema } = await import('@/lib/users/schemas');

const query = (raw: Record<string, unknown>) => userListQuerySchema.parse(raw);
const lib = { listUsers, countUsers, query };
type ListQuery = Parameters<typeof listUsers>[0];

const tools = postgres.available ? openDatabaseTools(process.env.DATABASE_URL) : undefined;

beforeAll(async () => {
  if (!tools) return;
  await getEngine().migrate();
  await seedDemoData();
  await seedLargeUserSet(tools, 30_000);
}, 60_000);
afterAll(async () => {
  if (!tools) return;
  await closeDatabase();
  await tools.close();
  await cluster?.stop();
});

async function plan(statement: SQL | Promise<SQL>): Promise<string> {
  return (await tools!.explain(await statement)).join('\n');
}

/** The page the way listUsers asks for it first: the walk where a pattern's first look is put off, else the one query. */
async function firstPageSql(q: ListQuery): Promise<SQL> {
  const prepared = await planner.prepareQuery(q);
  return planner.walkedPageKeysSql(q, prepared) ?? planner.pageKeysSql(q, prepared);
}

/** The page once the pattern's first look is taken (a walk that leaves the page short). */
async function pageAfterFirstLookSql(q: ListQuery): Promise<SQL> {
  const prepared = await planner.prepareQuery(q);
  return planner.pageKeysSql(q, prepared.walkFirst ? await prepared.walkFirst.afterFirstLook() : prepared);
}

const SEQ_SCAN_OF_USERS = /Seq Scan on users\b/;
const TRIGRAM_INDEX = /Bitmap Index Scan on users_(email|username|first_name|last_name)_trgm_idx/;

const title = 'users list query plans on PostgreSQL at scale';

describe.skipIf(!postgres.available)(postgres.available ? title : `${title} (skipped: ${postgres.reason})`, () => {
  const selectivePattern = async () => (await listUsers(query({ limit: '1', offset: '20000', includeTotal: 'false' }))).items[0].email.split('@')[0];

  it('a 3+ character pattern is counted, and its first look taken, on the trigram indexes', async () => {
    const pattern = await selectivePattern();
    expect(await plan(planner.countSql(await planner.prepareQuery(query({ pattern }))))).toMatch(TRIGRAM_INDEX);
    const page = await plan(pageAfterFirstLookSql(query({ pattern })));
    expect(page).toMatch(/Index Scan using users_pkey on users/);
    expect(page).not.toMatch(SEQ_SCAN_OF_USERS);
    // With a filter the count still starts from the trigram indexes.
    expect(await plan(planner.countSql(await planner.prepareQuery(query({ pattern, filter: 'status:active' }))))).toMatch(TRIGRAM_INDEX);
  });

  it('a rare or unmatched 1-2 character pattern takes its first look in the index of short substrings', async () => {
    for (const pattern of ['zq', 'qx', '%', 'ß']) {
      const q = query({ pattern });
      const prepared = await planner.prepareQuery(q);
      expect(prepared.walkFirst).not.toBeNull();
      const settled = await prepared.walkFirst!.afterFirstLook();
      expect(await plan(planner.pageKeysSql(q, settled))).not.toMatch(SEQ_SCAN_OF_USERS);
      expect('inRange' in settled.count).toBe(false);
    }
    const firstLook = await plan(sql`SELECT u.pk FROM users u WHERE users_short_grams(u.email_normalized, u.username_normalized, u.first_name, u.last_name) @> ARRAY['zq']::text[] LIMIT 2001`);
    expect(firstLook).toMatch(/Bitmap Index Scan on users_short_grams_idx/);
  });

  it('1-2 character patterns list exactly the users holding them, common or rare', async () => {
    const everyone = await tools!.rows<{ email: string; fields: string }>(
      sql`SELECT email, email_normalized || '|' || username_normalized || '|' || lower(coalesce(first_name, '') COLLATE "und-x-icu") || '|' || lower(coalesce(last_name, '') COLLATE "und-x-icu") AS fields FROM users`,
    );
    await expectShortPatternsListed(lib, everyone);
  });

  // PostgreSQL stops the whole count at the budget (statement_timeout), then estimates from a chunk.
  for (const raw of SCANNING_COUNTS) {
    it(`${JSON.stringify(raw)}: past the budget an estimate flagged as such, and the exact count is the items' number`, async () => {
      await expectEstimateThenExact(lib, raw);
    });
  }

  it('counts that an index answers at once stay exact whatever the budget', async () => {
    const pattern = await selectivePattern();
    for (const raw of [{ pattern }, { filter: 'scope:tester' }]) await expectExactWithoutBudget(lib, raw);
  });

  it('a count that could scan goes by ranges of the primary key', async () => {
    for (const raw of [{ pattern: 'zq' }, { filter: 'vendor:slack' }, { pattern: 'e', filter: 'status:active' }, { pattern: 'son' }]) {
      const prepared = await planner.prepareQuery(query(raw));
      if (!('inRange' in prepared.count)) throw new Error(`${JSON.stringify(raw)} is not counted in chunks`);
      // A chunk as the count sends it: a share of the key range (the whole range is a table scan, rightly).
      const lines = await plan(prepared.count.inRange({ from: 1000, to: 2000 }));
      expect(lines).toMatch(/users_pkey/);
      expect(lines).not.toMatch(SEQ_SCAN_OF_USERS);
    }
  });

  it('a broad 3+ character pattern walks the sort index for its page, never the whole table', async () => {
    const counted = [];
    for (const p of ['mar', 'son', 'ann', 'ell', 'ari', 'and']) counted.push({ p, n: await countUsers(query({ pattern: p })) });
    const broad = counted.sort((a, b) => b.n - a.n)[0];
    expect(broad.n).toBeGreaterThan(2000);
    for (const [sort, index] of [['created:-1', 'users_created_idx'], ['email:1', 'users_email_normalized_idx'], ['lastName:1', 'users_last_name_sort_idx']]) {
      const page = await plan(firstPageSql(query({ pattern: broad.p, sort })));
      expect(page).toMatch(new RegExp(`Index Scan( Backward)? using ${index} on users`));
      expect(page).not.toMatch(SEQ_SCAN_OF_USERS);
    }
  });

  it('a scope filter starts from the scope index, for pages and counts', async () => {
    for (const statement of [planner.countSql(await planner.prepareQuery(query({ filter: 'scope:beta' }))), firstPageSql(query({ filter: 'scope:beta' }))]) {
      const lines = await plan(statement);
      expect(lines).toMatch(/user_scopes_scope_idx/);
      expect(lines).not.toMatch(SEQ_SCAN_OF_USERS);
    }
  });

  it('a cursor page seeks into the sort index', async () => {
    for (const [sort, index] of [
      ['created:-1', 'users_created_idx'],
      ['email:1', 'users_email_normalized_idx'],
      ['lastName:1', 'users_last_name_sort_idx'],
      ['lastSignIn:-1', 'users_last_sign_in_sort_idx'],
    ]) {
      const first = await listUsers(query({ sort, includeTotal: 'false' }));
      const lines = await plan(firstPageSql(query({ sort, cursor: first.nextCursor })));
      expect(lines).toMatch(new RegExp(`Index (Only )?Scan( Backward)? using ${index} on users u\\s+\\(.*\\)\\n\\s+Index Cond:`));
      expect(lines).not.toMatch(SEQ_SCAN_OF_USERS);
    }
  });
});
