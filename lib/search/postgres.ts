import { sql } from 'drizzle-orm';
import { queryRows } from '@/db/client';
import type { PatternPlan, SearchDialect } from './dialect';

/**
 * The users list on PostgreSQL: pg_trgm GIN indexes on the lower-cased email, username, first
 * and last name (db/schema/pg.ts) for 3+ character patterns, coalesce() sort indexes ending
 * in pk, and jsonb for the vendor list.
 */

/** `%`, `_` and the escape character itself stay literal in a LIKE pattern. */
function likeContaining(pattern: string): string {
  return `%${pattern.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The four fields as the trigram indexes hold them, so a LIKE on them can use the indexes. */
const indexedMatch = (like: string) =>
  sql`(u.email_normalized LIKE ${like} OR u.username_normalized LIKE ${like} OR lower(u.first_name) LIKE ${like} OR lower(u.last_name) LIKE ${like})`;

/**
 * The same test in a form no index serves, for a broad pattern: the planner then walks the sort
 * index and checks row by row until the page is full, rather than fetch and sort every match.
 */
const rowByRowMatch = (needle: string) =>
  sql`(strpos(u.email_normalized, ${needle}) > 0 OR strpos(u.username_normalized, ${needle}) > 0 OR strpos(lower(u.first_name), ${needle}) > 0 OR strpos(lower(u.last_name), ${needle}) > 0)`;

async function patternPlan(pattern: string, broadMatches: number): Promise<PatternPlan> {
  const needle = pattern.toLowerCase();
  if ([...pattern].length >= 3) {
    const like = likeContaining(pattern);
    const indexCount = sql`SELECT count(*) AS n FROM users u WHERE ${indexedMatch(like)}`;
    const matches = (await queryRows<{ pk: number }>(sql`SELECT u.pk FROM users u WHERE ${indexedMatch(like)} LIMIT ${broadMatches + 1}`)).map((row) => row.pk);
    if (matches.length === 0) return { condition: sql`false`, broad: false, indexCount, matchCount: 0 };
    if (matches.length <= broadMatches) return { condition: sql`u.pk IN ${matches}`, broad: false, indexCount, matchCount: matches.length };
    return { condition: rowByRowMatch(needle), countCondition: indexedMatch(like), broad: true, indexCount, matchCount: null };
  }
  // One or two characters hold no trigram: checked row by row along the sort index.
  return { condition: rowByRowMatch(needle), broad: true, indexCount: null, matchCount: null };
}

export const postgresSearch: SearchDialect = {
  // The expressions of the sort indexes exactly, so ORDER BY and cursor seeks use them.
  sortColumns: {
    created: { column: 'u.created_at', index: 'users_created_idx' },
    email: { column: 'u.email_normalized', index: 'users_email_normalized_idx' },
    username: { column: 'u.username_normalized', index: 'users_username_normalized_idx' },
    lastName: { column: `(coalesce(u.last_name, '') COLLATE "C")`, index: 'users_last_name_sort_idx' },
    lastSignIn: { column: "coalesce(u.last_sign_in_at, '-infinity'::timestamptz)", index: 'users_last_sign_in_sort_idx' },
  },
  // No index hints in PostgreSQL: a broad pattern's row-by-row form leaves the sort index the only fast plan.
  usersSource: () => sql.raw('users u'),
  vendorCondition: (values) => sql`EXISTS (SELECT 1 FROM jsonb_array_elements_text(u.vendor) v WHERE v IN ${values})`,
  patternPlan,
  // Timestamps come back as Dates (-Infinity for "never"): the cursor carries the text PostgreSQL reads back.
  cursorValue: (value) => (value instanceof Date ? value.toISOString() : value === -Infinity ? '-infinity' : (value as string | number)),
};
