import { inSearchLane } from '@/db/client';
import type { UserListQuery } from '@/lib/users/schemas';
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

export type UserList = { items: UserListItem[]; total: number | null; limit: number; offset: number; nextCursor: string | null };

export function countUsers(query: Pick<UserListQuery, 'pattern' | 'filter'>, restriction: TenantRestriction = null): Promise<number> {
  return inSearchLane(async () => await countPrepared(await prepareQuery(query, restriction)));
}

/** One page of users; its reads run in the search lane, apart from quick reads (db/client.ts). */
export function listUsers(query: UserListQuery, restriction: TenantRestriction = null): Promise<UserList> {
  return inSearchLane(() => listPage(query, restriction));
}

async function listPage(query: UserListQuery, restriction: TenantRestriction): Promise<UserList> {
  const { keys, prepared } = await pageKeys(query, await prepareQuery(query, restriction));
  const page = keys.slice(0, query.limit);
  const last = page.at(-1);
  const toCursorValue = searchDialect().cursorValue ?? ((value: unknown) => value as string | number);
  const nextCursor = keys.length > query.limit && last ? encodeCursor(prepared.sort, { value: toCursorValue(last.sortValue), pk: Number(last.pk) }) : null;
  return {
    items: await loadListItems(page.map((key) => key.pk)),
    total: query.includeTotal ? await countPrepared(prepared) : null,
    limit: query.limit,
    offset: query.cursor ? 0 : query.offset,
    nextCursor,
  };
}
