import { sql } from 'drizzle-orm';
import { queryRows } from '@/db/client';
import type { PatternPlan, SearchDialect } from './dialect';

/**
 * The users list on SQLite: an FTS5 trigram table (users_search, migrations 0001 and 0008) for
 * substring patterns, expression indexes for nullable sort keys, INDEXED BY to walk a sort
 * index, json_each over the vendor list.
 */

/** An FTS5 phrase: every character literal (`%`, `_`, `*` included), quotes doubled. */
function ftsPhrase(pattern: string): string {
  return `"${pattern.replaceAll('"', '""')}"`;
}

/** Rows a short pattern's page may walk before its first look is taken: a few milliseconds. */
const WALK_BUDGET = 4000;

/**
 * Above this many rows under a short pattern's terms (the vocabulary's `doc`, summed), a MATCH
 * of all of them costs more than testing rows: at a million users "jo" (67,000) counts in 5 ms,
 * "a" (3.5 million) in 1.9 s.
 */
const SHORT_MATCH_ROWS = 200_000;

/**
 * The first text after every text that starts with `prefix` (UTF-8 orders as code points), or
 * null when no text is: a last character of U+10FFFF, the last code point, has no next one, so
 * the one before it moves up instead (a pattern of it alone answered 500). The next after U+D7FF
 * is U+E000: surrogates are no characters.
 */
function afterPrefix(prefix: string): string | null {
  const chars = [...prefix];
  while (chars.length > 0) {
    const next = chars.pop()!.codePointAt(0)! + 1;
    if (next <= 0x10ffff) return chars.join('') + String.fromCodePoint(next === 0xd800 ? 0xe000 : next);
  }
  return null;
}

/** The first look's few matches as a list of keys: their count is the total. */
function keyList(matches: number[]): PatternPlan {
  return { condition: sql`u.pk IN (SELECT value FROM json_each(${JSON.stringify(matches)}))`, broad: false, indexCount: null, matchCount: matches.length };
}

/** A key list of a MATCH's rows when they are few; null when there are more than `broadMatches`. */
async function fewMatches(match: string, broadMatches: number): Promise<PatternPlan | null> {
  const matches = (await queryRows<{ pk: number }>(sql`SELECT rowid AS pk FROM users_search WHERE users_search MATCH ${match} LIMIT ${broadMatches + 1}`)).map((row) => row.pk);
  return matches.length > broadMatches ? null : keyList(matches);
}

/** Many matches of a MATCH expression: checked while walking the sort index, counted in the search index alone. */
function manyMatches(match: string): PatternPlan {
  return {
    condition: sql`u.pk IN (SELECT rowid FROM users_search WHERE users_search MATCH ${match})`,
    broad: true,
    indexCount: sql`SELECT count(*) AS n FROM users_search WHERE users_search MATCH ${match}`,
    matchCount: null,
  };
}

/**
 * Three or more characters use the trigram index: a first look counts the matches up to a
 * limit; a few matches are then used as a list of keys (and their count is the total), many
 * are checked while walking the sort index.
 *
 * One or two characters are no trigram, but every field is indexed followed by two sentinel
 * characters (migration 0008), so they are a prefix of the trigrams of the fields holding them.
 * A common one fills a page at once by walking the sort order and testing each row, so that
 * is tried first, within WALK_BUDGET rows; a page that does not fill takes the first look:
 * the terms with the pattern as prefix, read by range from the vocabulary (costly in
 * proportion to their rows, which are few when the walk came back short), and a MATCH of any
 * of them.
 */
async function patternPlan(pattern: string, broadMatches: number): Promise<PatternPlan> {
  if ([...pattern].length >= 3) {
    const phrase = ftsPhrase(pattern);
    return (await fewMatches(phrase, broadMatches)) ?? manyMatches(phrase);
  }
  const needle = pattern.toLowerCase();
  const rowByRow: PatternPlan = {
    condition: sql`(instr(u.email_normalized, ${needle}) > 0 OR instr(u.username_normalized, ${needle}) > 0 OR instr(lower(u.first_name), ${needle}) > 0 OR instr(lower(u.last_name), ${needle}) > 0)`,
    broad: true,
    indexCount: null,
    matchCount: null,
  };
  // SQLite's lower() folds ASCII letters only ("Ł" stays "Ł"): a needle with other characters is
  // matched in the search index alone, which folds them all, or rows would be missed.
  const rowTestable = /^[\x00-\x7f]*$/.test(needle);
  const firstLook = async (): Promise<PatternPlan> => {
    const upTo = afterPrefix(needle);
    const terms = await queryRows<{ term: string; doc: number }>(sql`SELECT term, doc FROM users_search_terms WHERE term >= ${needle}${upTo === null ? sql`` : sql` AND term < ${upTo}`}`);
    if (terms.length === 0) return keyList([]);
    if (rowTestable && terms.reduce((rows, term) => rows + term.doc, 0) > SHORT_MATCH_ROWS) return rowByRow;
    const anyTerm = terms.map((row) => ftsPhrase(row.term)).join(' OR ');
    const many = manyMatches(anyTerm);
    // Counted with other conditions row by row where that is exact: each chunk would run the whole MATCH again.
    return (await fewMatches(anyTerm, broadMatches)) ?? (rowTestable ? { ...many, countCondition: rowByRow.condition } : many);
  };
  return rowTestable ? { ...rowByRow, deferred: { walkBudget: WALK_BUDGET, firstLook } } : await firstLook();
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
  exportText: {
    instant: (column) => sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${column} / 1000.0, 'unixepoch')`,
    json: (column) => sql`json(${column})`,
    contains: (haystack, needle) => sql`instr(${haystack}, ${needle}) > 0`,
    // BINARY collation compares bytes.
    byteOrder: (value) => value,
    // The aggregates take the subquery's rows in its order: an ORDER BY inside the aggregate
    // would sort every user's few values again (a third of a million-row export's time).
    // json() keeps the array JSON rather than text once it leaves the subquery.
    listAsJson: (values) => sql`json((SELECT json_group_array(value) FROM (${values})))`,
    listAsText: (values) => sql`(SELECT group_concat(value, ' ') FROM (${values}))`,
    jsonObject: (entries) => sql`json_object(${sql.join(
      entries.map(([name, value]) => sql`${name}, ${value}`),
      sql`, `,
    )})`,
  },
  seeksPastRowValue: false,
};
