/**
 * The users list at scale on SQLite: 30,000 generated users in a real file, the plans of the
 * statements the planner builds, short patterns' answers, and totals under a time budget (past
 * it an estimate flagged as such; the exact count is the true number of matching users).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectEstimateThenExact, expectExactWithoutBudget, expectShortPatternsListed, SCANNING_COUNTS } from '../support/user-list-checks';

const folder = mkdtempSync(path.join(tmpdir(), 'gatehouse-plan-'));
process.env.DATABASE_URL = `file:${path.join(folder, 'plan.db')}`;

const { closeDatabase, getEngine } = await import('@/db/client');
const { seedDemoData, seedLargeUserSet } = await import('@/db/seed');
const { openDatabaseTools } = await import('@/db/tools');
const { countUsers, listUsers } = await import('@/lib/search/user-search');
const planner = await import('@/lib/search/planner');
const { userListQuerySchema } = await import('@/lib/users/schemas');

const query = (raw: Record<string, unknown>) => userListQuerySchema.parse(raw);
const lib = { listUsers, countUsers, query };

const tools = openDatabaseTools(process.env.DATABASE_URL);
type ListQuery = Parameters<typeof listUsers>[0];
const pageKeysSql = async (q: ListQuery) => planner.pageKeysSql(q, await planner.prepareQuery(q));
const countSql = async (q: ListQuery) => planner.countSql(await planner.prepareQuery(q));

beforeAll(async () => {
  await getEngine().migrate();
  await seedDemoData();
  await seedLargeUserSet(tools, 30_000);
}, 120_000);
afterAll(async () => {
  await closeDatabase();
  await tools.close();
  rmSync(folder, { recursive: true, force: true });
});

async function plan(statement: SQL | Promise<SQL>): Promise<string[]> {
  return (await tools.explain(await statement)).map((line) => line.trim());
}

/** A full pass over users, as opposed to a lookup by key or an ordered index walk that LIMIT stops. */
function scansUsers(lines: string[], { orderedWalkAllowed }: { orderedWalkAllowed: boolean }): boolean {
  return lines.some((line) => {
    if (!/^SCAN u\b/.test(line)) return false;
    return !(orderedWalkAllowed && /^SCAN u USING (COVERING )?INDEX users_\w+_idx$/.test(line));
  });
}

describe('users list query plans at scale', () => {
  // The most common of a few name fragments: well over the broad-pattern threshold.
  const broadPattern = async () => {
    const counted = [];
    for (const p of ['mar', 'son', 'ann', 'ell', 'ari', 'and']) counted.push({ p, n: await countUsers(query({ pattern: p })) });
    return counted.sort((a, b) => b.n - a.n)[0];
  };
  const selectivePattern = async () => (await listUsers(query({ limit: '1', offset: '20000', includeTotal: 'false' }))).items[0].email.split('@')[0];

  it('a selective 3+ character pattern looks rows up by key', async () => {
    const pattern = await selectivePattern();
    const page = await plan(pageKeysSql(query({ pattern })));
    expect(page.join('\n')).toMatch(/SEARCH u USING INTEGER PRIMARY KEY/);
    expect(scansUsers(page, { orderedWalkAllowed: false })).toBe(false);
    // The first look counted its few matches: the total needs no statement.
    expect((await planner.prepareQuery(query({ pattern }))).count).toEqual({ known: await countUsers(query({ pattern })) });
  });

  it('a count that could scan goes by ranges of the primary key, each a seek', async () => {
    for (const raw of [{ pattern: 'zq' }, { filter: 'vendor:slack' }, { pattern: 'e', filter: 'status:active' }]) {
      const prepared = await planner.prepareQuery(query(raw));
      if (!('inRange' in prepared.count)) throw new Error(`${JSON.stringify(raw)} is not counted in chunks`);
      expect((await plan(prepared.count.inRange({ from: 1000, to: 2000 }))).join('\n')).toMatch(/SEARCH u USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/);
    }
  });

  it('a broad 3+ character pattern walks the sort index and uses the search index, never a table scan', async () => {
    const broad = await broadPattern();
    expect(broad.n).toBeGreaterThan(2000);
    for (const sort of ['created:-1', 'email:1', 'lastName:1']) {
      const page = await plan(pageKeysSql(query({ pattern: broad.p, sort })));
      expect(page.join('\n')).toMatch(/users_search VIRTUAL TABLE INDEX/);
      expect(scansUsers(page, { orderedWalkAllowed: true })).toBe(false);
    }
    const withFilter = await plan(countSql(query({ pattern: broad.p, filter: 'status:active' })));
    expect(scansUsers(withFilter, { orderedWalkAllowed: false })).toBe(false);
  });

  it('a rare or unmatched 1-2 character pattern is found in the search index, after a short walk', async () => {
    for (const pattern of ['zq', 'qx', '%', 'ß']) {
      const q = query({ pattern });
      const prepared = await planner.prepareQuery(q);
      // The walk is bounded (LIMIT), and the first look then reads a range of the vocabulary.
      // An ASCII needle is tried by a bounded walk first; others go to the index at once (SQLite's lower() folds ASCII only).
      expect(planner.walkedPageKeysSql(q, prepared) !== null).toBe(/^[a-z%_]+$/.test(pattern));
      const settled = prepared.walkFirst ? await prepared.walkFirst.afterFirstLook() : prepared;
      const page = await plan(planner.pageKeysSql(q, settled));
      expect(scansUsers(page, { orderedWalkAllowed: false })).toBe(false);
      expect('inRange' in settled.count).toBe(false);
    }
    const vocabulary = (await plan(sql`SELECT term FROM users_search_terms WHERE term >= 'zq' AND term < 'zr'`)).join('\n');
    expect(vocabulary).toMatch(/SCAN users_search_terms VIRTUAL TABLE INDEX [1-9]\d*:/);
  });

  it('1-2 character patterns list exactly the users holding them, common or rare', async () => {
    const everyone = await tools.rows<{ email: string; fields: string }>(
      sql`SELECT email, email_normalized || '|' || username_normalized || '|' || coalesce(first_name, '') || '|' || coalesce(last_name, '') AS fields FROM users`,
    );
    await expectShortPatternsListed(lib, everyone);
  });

  it('a scope filter starts from the scope index, for pages and counts', async () => {
    for (const statement of [countSql(query({ filter: 'scope:beta' })), pageKeysSql(query({ filter: 'scope:beta' }))]) {
      const lines = await plan(statement);
      expect(lines.join('\n')).toMatch(/user_scopes_scope_idx/);
      expect(scansUsers(lines, { orderedWalkAllowed: false })).toBe(false);
    }
  });

  it('a cursor page seeks into the sort index', async () => {
    for (const sort of ['created:-1', 'email:1', 'lastName:1', 'lastSignIn:-1']) {
      const first = await listUsers(query({ sort, includeTotal: 'false' }));
      const lines = await plan(pageKeysSql(query({ sort, cursor: first.nextCursor })));
      expect(lines.join('\n')).toMatch(/SEARCH u USING (COVERING )?INDEX users_\w+_idx \(/);
      expect(scansUsers(lines, { orderedWalkAllowed: false })).toBe(false);
    }
  });
});

describe('users list totals under a time budget', () => {
  for (const raw of SCANNING_COUNTS) {
    it(`${JSON.stringify(raw)}: past the budget an estimate flagged as such, and the exact count is the items' number`, async () => {
      await expectEstimateThenExact(lib, raw);
    });
  }

  it('counts that an index answers at once stay exact whatever the budget', async () => {
    const selective = (await listUsers(query({ limit: '1', offset: '20000', includeTotal: 'false' }))).items[0].email.split('@')[0];
    // No condition too: SQLite counts a table without reading its rows.
    for (const raw of [{ pattern: selective }, { filter: 'scope:tester' }, {}]) await expectExactWithoutBudget(lib, raw);
  });
});
