import { expect } from 'vitest';
import type { listUsers as ListUsers } from '@/lib/search/user-search';
import type { UserListQuery } from '@/lib/users/schemas';

/** 1- and 2-character patterns from common to unmatched, with the characters LIKE and FTS5 treat specially. */
export const SHORT_PATTERNS = ['a', 'Jo', 'zq', 'qx', 'x7', '%', '_', '7', 'ß'];

/**
 * Each short pattern lists exactly the users whose lower-cased fields (`fields`, as the engine
 * lower-cases them, joined) hold it, and counts them exactly: pages followed by nextCursor up to
 * 3,000 users, and the total. Takes lib's functions from the test, which imports them once
 * DATABASE_URL names its database.
 */
export async function expectShortPatternsListed(listUsers: typeof ListUsers, query: (raw: Record<string, unknown>) => UserListQuery, everyone: { email: string; fields: string }[]): Promise<void> {
  for (const pattern of SHORT_PATTERNS) {
    const expected = everyone.filter((user) => user.fields.includes(pattern.toLowerCase())).map((user) => user.email);
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
