import { sql } from 'drizzle-orm';
import { queryRows } from '@/db/client';
import type { PatternPlan, SearchDialect } from './dialect';

/**
 * The users list on SQLite: an FTS5 trigram table (users_search, migration 0001) for 3+
 * character patterns, expression indexes for nullable sort keys, INDEXED BY to walk a sort
 * index, json_each over the vendor list.
 */

/** An FTS5 phrase: every character literal (`%`, `_`, `*` included), quotes doubled. */
function ftsPhrase(pattern: string): string {
  return `"${pattern.replaceAll('"', '""')}"`;
}

/**
 * Three or more characters use the trigram index: a first look counts the matches up to a
 * limit; a few matches are then used as a list of keys (and their count is the total), many
 * are checked while walking the sort index. One or two characters are too short for
 * trigrams and are checked row by row along the sort index, which fills a page quickly
 * because such short patterns match many users.
 */
async function patternPlan(pattern: string, broadMatches: number): Promise<PatternPlan> {
  if ([...pattern].length >= 3) {
    const phrase = ftsPhrase(pattern);
    const indexCount = sql`SELECT count(*) AS n FROM users_search WHERE users_search MATCH ${phrase}`;
    const matches = (await queryRows<{ pk: number }>(sql`SELECT rowid AS pk FROM users_search WHERE users_search MATCH ${phrase} LIMIT ${broadMatches + 1}`)).map((row) => row.pk);
    if (matches.length <= broadMatches) {
      return { condition: sql`u.pk IN (SELECT value FROM json_each(${JSON.stringify(matches)}))`, broad: false, indexCount, matchCount: matches.length };
    }
    return { condition: sql`u.pk IN (SELECT rowid FROM users_search WHERE users_search MATCH ${phrase})`, broad: true, indexCount, matchCount: null };
  }
  const needle = pattern.toLowerCase();
  return {
    condition: sql`(instr(u.email_normalized, ${needle}) > 0 OR instr(u.username_normalized, ${needle}) > 0 OR instr(lower(u.first_name), ${needle}) > 0 OR instr(lower(u.last_name), ${needle}) > 0)`,
    broad: true,
    indexCount: null,
    matchCount: null,
  };
}

export const sqliteSearch: SearchDialect = {
  // Nullable columns sort as '' or 0, never NULL, so a cursor is a single range seek; users
  // without a last name or a sign-in come first ascending.
  sortColumns: {
    created: { column: 'u.created_at', index: 'users_created_idx' },
    email: { column: 'u.email_normalized', index: 'users_email_normalized_idx' },
    username: { column: 'u.username_normalized', index: 'users_username_normalized_idx' },
    lastName: { column: "ifnull(u.last_name, '')", index: 'users_last_name_sort_idx' },
    lastSignIn: { column: 'ifnull(u.last_sign_in_at, 0)', index: 'users_last_sign_in_sort_idx' },
  },
  usersSource: (forcedIndex) => sql.raw(forcedIndex ? `users u INDEXED BY ${forcedIndex}` : 'users u'),
  vendorCondition: (values) => sql`EXISTS (SELECT 1 FROM json_each(u.vendor) v WHERE v.value IN ${values})`,
  patternPlan,
  keyList: { condition: (column, list) => sql`${column} IN (SELECT value FROM json_each(${list}))`, value: (keys) => JSON.stringify(keys) },
};
