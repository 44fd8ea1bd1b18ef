import { inArray } from 'drizzle-orm';
import { getDb, inSearchLane } from '@/db/client';
import { users } from '@/db/schema';
import { encodeCursor } from '@/lib/search/cursor';
import { searchDialect } from '@/lib/search/dialects';
import { pageKeys, prepareQuery, type TenantRestriction } from '@/lib/search/planner';

/** Oldest first: users created while the job gathers land at the end, past the cursor, rather than shifting it. */
const GATHER_SORT = 'created:1';

export type SelectionPage = { users: { id: string; email: string }[]; nextCursor: string | null };

/**
 * The next users of a list selection (the list's pattern and filters, within `restriction`)
 * after `cursor`, by keyset: as fast at the ten-thousandth user as at the first. Read in the
 * search lane, like the list itself.
 */
export function selectionPage(selection: { pattern: string | null; filter: string[] }, restriction: TenantRestriction, cursor: string | null, limit: number): Promise<SelectionPage> {
  return inSearchLane(async () => {
    const query = { pattern: selection.pattern ?? undefined, filter: selection.filter, sort: GATHER_SORT, cursor: cursor ?? undefined, limit, offset: 0 };
    const { keys, prepared } = await pageKeys(query, await prepareQuery(query, restriction));
    const page = keys.slice(0, limit);
    const rows = page.length ? await getDb().select({ pk: users.pk, id: users.id, email: users.email }).from(users).where(inArray(users.pk, page.map((key) => Number(key.pk)))) : [];
    const byPk = new Map(rows.map((row) => [Number(row.pk), row]));
    const last = page.at(-1);
    const toCursorValue = searchDialect().cursorValue ?? ((value: unknown) => value as string | number);
    return {
      // A user deleted between the two reads is simply not selected.
      users: page.flatMap((key) => byPk.get(Number(key.pk)) ?? []).map(({ id, email }) => ({ id, email })),
      nextCursor: keys.length > limit && last ? encodeCursor(prepared.sort, { value: toCursorValue(last.sortValue), pk: Number(last.pk) }) : null,
    };
  });
}
