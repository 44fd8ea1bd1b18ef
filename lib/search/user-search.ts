import { inSearchLane } from '@/db/client';
import type { UserListQuery } from '@/lib/users/schemas';
import { DEFAULT_COUNT_BUDGET_MS } from './count';
import { encodeCursor } from './cursor';
import { searchDialect } from './dialects';
import { countPrepared, pageKeys, prepareQuery, type TenantRestriction } from './planner';
import { loadListItems, type UserListItem } from './rows';

/**
 * Listing and counting users: the filter grammar (sort-and-filters.ts), the planner
 * (planner.ts, with each engine's dialect), keyset cursors (cursor.ts) and row loading (rows.ts).
 */

export type { TenantRestriction } from './planner';
export type { UserListItem, UserTenant } from './rows';
export { loadListItems } from './rows';
export { parseSort } from './sort-and-filters';

export type UserList = {
  items: UserListItem[];
  total: number | null;
  /** false when the total is an estimate: counting went past the budget (countUsers gives the exact number). */
  totalExact: boolean | null;
  limit: number;
  offset: number;
  nextCursor: string | null;
};

/** The exact count, however long it takes: in short statements, so it holds up no one else's queries. */
export function countUsers(query: Pick<UserListQuery, 'pattern' | 'filter'>, restriction: TenantRestriction = null): Promise<number> {
  return inSearchLane(async () => {
    const prepared = await prepareQuery(query, restriction);
    // No page to walk for: a pattern's first look, put off for pages, serves the count better.
    return (await countPrepared(prepared.walkFirst ? await prepared.walkFirst.afterFirstLook() : prepared, null)).total;
  });
}

type ListOptions = { countBudgetMs?: number | null };

/**
 * A page of users, and with `includeTotal` their total: exact when counting fits
 * `countBudgetMs`, otherwise an estimate (`totalExact: false`); null counts exactly, however
 * long. Its reads run in the search lane, apart from quick reads (db/client.ts).
 */
export function listUsers(query: UserListQuery, restriction: TenantRestriction = null, options: ListOptions = {}): Promise<UserList> {
  return inSearchLane(() => listPage(query, restriction, options));
}

async function listPage(query: UserListQuery, restriction: TenantRestriction, { countBudgetMs = DEFAULT_COUNT_BUDGET_MS }: ListOptions): Promise<UserList> {
  const { keys, prepared } = await pageKeys(query, await prepareQuery(query, restriction));
  const page = keys.slice(0, query.limit);
  const last = page.at(-1);
  const toCursorValue = searchDialect().cursorValue ?? ((value: unknown) => value as string | number);
  const nextCursor = keys.length > query.limit && last ? encodeCursor(prepared.sort, { value: toCursorValue(last.sortValue), pk: Number(last.pk) }) : null;
  const total = query.includeTotal ? await countPrepared(prepared, countBudgetMs) : null;
  return {
    items: await loadListItems(page.map((key) => key.pk)),
    total: total?.total ?? null,
    totalExact: total?.exact ?? null,
    limit: query.limit,
    offset: query.cursor ? 0 : query.offset,
    nextCursor,
  };
}
