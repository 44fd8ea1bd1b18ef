import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const folder = mkdtempSync(path.join(tmpdir(), 'gatehouse-plan-'));
process.env.DATABASE_URL = `file:${path.join(folder, 'plan.db')}`;

const { getDb, migrateDatabase } = await import('@/db/client');
const { seedDemoData, seedLargeUserSet } = await import('@/db/seed');
const { countSql, countUsers, listUsers, pageKeysSql } = await import('@/lib/search/user-search');
const { userListQuerySchema } = await import('@/lib/users/schemas');

const query = (raw: Record<string, unknown>) => userListQuerySchema.parse(raw);

beforeAll(() => {
  const db = getDb();
  migrateDatabase(db);
  seedDemoData(db);
  seedLargeUserSet(db, 30_000);
  db.$client.exec('ANALYZE');
}, 120_000);
afterAll(() => {
  getDb().$client.close();
  rmSync(folder, { recursive: true, force: true });
});

function plan(statement: SQL): string[] {
  return getDb()
    .all<{ detail: string }>(sql`EXPLAIN QUERY PLAN ${statement}`)
    .map((row) => row.detail);
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
  const broadPattern = () => ['mar', 'son', 'ann', 'ell', 'ari', 'and'].map((p) => ({ p, n: countUsers(query({ pattern: p })) })).sort((a, b) => b.n - a.n)[0];
  const selectivePattern = () => listUsers(query({ limit: '1', offset: '20000', includeTotal: 'false' })).items[0].email.split('@')[0];

  it('a selective 3+ character pattern looks rows up by key', () => {
    const pattern = selectivePattern();
    const page = plan(pageKeysSql(query({ pattern })));
    expect(page.join('\n')).toMatch(/SEARCH u USING INTEGER PRIMARY KEY/);
    expect(scansUsers(page, { orderedWalkAllowed: false })).toBe(false);
    expect(plan(countSql(query({ pattern }))).join('\n')).toMatch(/users_search VIRTUAL TABLE INDEX/);
  });

  it('a broad 3+ character pattern walks the sort index and uses the search index, never a table scan', () => {
    const broad = broadPattern();
    expect(broad.n).toBeGreaterThan(2000);
    for (const sort of ['created:-1', 'email:1', 'lastName:1']) {
      const page = plan(pageKeysSql(query({ pattern: broad.p, sort })));
      expect(page.join('\n')).toMatch(/users_search VIRTUAL TABLE INDEX/);
      expect(scansUsers(page, { orderedWalkAllowed: true })).toBe(false);
    }
    const withFilter = plan(countSql(query({ pattern: broad.p, filter: 'status:active' })));
    expect(scansUsers(withFilter, { orderedWalkAllowed: false })).toBe(false);
  });

  it('a scope filter starts from the scope index, for pages and counts', () => {
    for (const statement of [countSql(query({ filter: 'scope:beta' })), pageKeysSql(query({ filter: 'scope:beta' }))]) {
      const lines = plan(statement);
      expect(lines.join('\n')).toMatch(/user_scopes_scope_idx/);
      expect(scansUsers(lines, { orderedWalkAllowed: false })).toBe(false);
    }
  });

  it('a cursor page seeks into the sort index', () => {
    for (const sort of ['created:-1', 'email:1', 'lastName:1', 'lastSignIn:-1']) {
      const first = listUsers(query({ sort, includeTotal: 'false' }));
      const lines = plan(pageKeysSql(query({ sort, cursor: first.nextCursor })));
      expect(lines.join('\n')).toMatch(/SEARCH u USING (COVERING )?INDEX users_\w+_idx \(/);
      expect(scansUsers(lines, { orderedWalkAllowed: false })).toBe(false);
    }
  });
});
