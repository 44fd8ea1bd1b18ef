import { expect } from 'vitest';
import type { countUsers as CountUsers, listUsers as ListUsers } from '@/lib/search/user-search';
import type { UserListQuery } from '@/lib/users/schemas';

/**
 * Checks of the users list's answers that the SQLite and PostgreSQL tests share. They take lib's
 * functions from the test, which imports them once DATABASE_URL names its database.
 */
export type ListLib = { listUsers: typeof ListUsers; countUsers: typeof CountUsers; query: (raw: Record<string, unknown>) => UserListQuery };

/** 1- and 2-character patterns from common to unmatched, with the characters LIKE and FTS5 treat specially. */
export const SHORT_PATTERNS = ['a', 'Jo', 'zq', 'qx', 'x7', '%', '_', '7', 'ß', 'Ł', 'ñ'];

/** Every user a query lists, by following nextCursor: the number an exact count must equal. */
export async function itemsOf({ listUsers, query }: ListLib, raw: Record<string, unknown>): Promise<number> {
  let items = 0;
  let cursor: string | undefined;
  do {
    const page = await listUsers(query({ ...raw, limit: '100', includeTotal: 'false', ...(cursor ? { cursor } : {}) }));
    items += page.items.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/**
 * Each short pattern lists exactly the users whose fields (`fields`, joined), lower-cased as
 * JavaScript does, hold it, and counts them exactly: pages followed by nextCursor up to 3,000
 * users, and the total.
 */
export async function expectShortPatternsListed({ listUsers, query }: ListLib, everyone: { email: string; fields: string }[]): Promise<void> {
  for (const pattern of SHORT_PATTERNS) {
    const expected = everyone.filter((user) => user.fields.toLowerCase().includes(pattern.toLowerCase())).map((user) => user.email);
    const found: string[] = [];
    let cursor: string | undefined;
    let total: number | null = null;
    do {
      const page = await listUsers(query({ pattern, limit: '100', sort: 'email:1', ...(cursor ? { cursor } : {}), includeTotal: cursor ? 'false' : 'true' }), null, { countBudgetMs: null });
      total ??= page.total;
      found.push(...page.items.map((item) => item.email));
      cursor = page.nextCursor ?? undefined;
    } while (cursor && found.length < 3000);
    if (expected.length <= 3000) expect(found.sort(), pattern).toEqual(expected.sort());
    expect(total, pattern).toBe(expected.length);
  }
}

/** Queries whose counts could scan: a short pattern, a filter no index counts, and a pattern with a filter. */
export const SCANNING_COUNTS = [{ pattern: 'an' }, { filter: 'vendor:slack' }, { pattern: 'e', filter: 'status:active' }];

/** With no time to count, the total is an estimate flagged as such and near the truth; the exact count is the items' number. */
export async function expectEstimateThenExact(lib: ListLib, raw: Record<string, unknown>): Promise<void> {
  const truth = await itemsOf(lib, raw);
  expect(truth).toBeGreaterThan(1000);
  const estimated = await lib.listUsers(lib.query(raw), null, { countBudgetMs: 0 });
  expect(estimated.totalExact).toBe(false);
  expect(estimated.items).toHaveLength(30);
  expect(estimated.total).toBeGreaterThan(truth * 0.6);
  expect(estimated.total).toBeLessThan(truth * 1.4);
  expect(estimated.total).not.toBe(truth);
  expect(await lib.countUsers(lib.query(raw))).toBe(truth);
  expect(await lib.listUsers(lib.query(raw), null, { countBudgetMs: null })).toMatchObject({ total: truth, totalExact: true });
}

/** Counts an index answers at once are exact even with no time to count. */
export async function expectExactWithoutBudget(lib: ListLib, raw: Record<string, unknown>): Promise<void> {
  const list = await lib.listUsers(lib.query(raw), null, { countBudgetMs: 0 });
  expect(list.totalExact).toBe(true);
  expect(list.total).toBe(await itemsOf(lib, raw));
}
