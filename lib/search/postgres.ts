import { sql, type SQL } from 'drizzle-orm';
import { executeStatement, queryRows, transaction } from '@/db/client';
import { countStatement } from './count';
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

/**
 * Names lower-cased as their trigram indexes hold them (db/schema/pg.ts): by ICU's root locale,
 * like JS's toLowerCase() on the pattern, whatever the database's own collation.
 */
const firstName = sql.raw('lower(u.first_name COLLATE "und-x-icu")');
const lastName = sql.raw('lower(u.last_name COLLATE "und-x-icu")');

/** The four fields as the trigram indexes hold them, so a LIKE on them can use the indexes. */
const indexedMatch = (like: string) =>
  sql`(u.email_normalized LIKE ${like} OR u.username_normalized LIKE ${like} OR ${firstName} LIKE ${like} OR ${lastName} LIKE ${like})`;

/**
 * A name lower-cased as `firstName`/`lastName` are, for the row-by-row test: ICU costs ~0.25 µs
 * a call, which a 4,000-row walk pays 8,000 times, so an all-ASCII name (most of them; its bytes
 * are its characters) takes the "C" collation's lower(), which gives the same text.
 */
const rowLowered = (column: string) =>
  // Each branch's text is put back under the default collation: CASE refuses two explicit ones.
  sql.raw(
    `CASE WHEN octet_length(${column}) = length(${column}) THEN lower(${column} COLLATE "C") COLLATE "default" ELSE lower(${column} COLLATE "und-x-icu") COLLATE "default" END`,
  );

/**
 * The same test in a form no index serves, for a broad pattern: the planner then walks the sort
 * index and checks row by row until the page is full, rather than fetch and sort every match.
 */
const rowByRowMatch = (needle: string) =>
  sql`(strpos(u.email_normalized, ${needle}) > 0 OR strpos(u.username_normalized, ${needle}) > 0 OR strpos(${rowLowered('u.first_name')}, ${needle}) > 0 OR strpos(${rowLowered('u.last_name')}, ${needle}) > 0)`;

/**
 * Rows a page may walk before the first look is taken instead: about 2 ms, and enough to fill
 * a first page for any pattern that matches more than 1 user in 130.
 */
const WALK_BUDGET = 4000;

/**
 * Three or more characters have trigrams. The first look (the matches up to a limit, from the
 * trigram indexes) costs in proportion to the matches: a few milliseconds for a selective
 * pattern, fifteen or more for one matching 5% of a million users, which must also fetch
 * and recheck every row it returns. So it is put off: a page first walks the sort order
 * within WALK_BUDGET rows, which fills at once for a broad pattern; only a page that does not
 * fill takes the first look, whose few matches then become a list of keys (and their count
 * the total). Other counts go to the trigram indexes, chunk by chunk (lib/search/count.ts).
 */
async function patternPlan(pattern: string, broadMatches: number): Promise<PatternPlan> {
  const needle = pattern.toLowerCase();
  if ([...pattern].length < 3) return shortPatternPlan(needle, broadMatches);
  const like = likeContaining(pattern);
  // No count from the indexes alone: each match is fetched and rechecked, so a broad pattern's
  // count could take as long as a scan and goes under the budget (countWithin).
  const broad: PatternPlan = { condition: rowByRowMatch(needle), countCondition: indexedMatch(like), broad: true, indexCount: null, matchCount: null };
  return { ...broad, deferred: { walkBudget: WALK_BUDGET, firstLook: () => firstLook(indexedMatch(like), broadMatches, broad) } };
}

/** The first look: the matches up to a limit, from an index. A few become a list of keys (their count the total); many leave `broad` the plan. */
async function firstLook(indexed: SQL, broadMatches: number, broad: PatternPlan): Promise<PatternPlan> {
  const matches = (await queryRows<{ pk: number }>(sql`SELECT u.pk FROM users u WHERE ${indexed} LIMIT ${broadMatches + 1}`)).map((row) => row.pk);
  if (matches.length === 0) return { condition: sql`false`, broad: false, indexCount: null, matchCount: 0 };
  if (matches.length <= broadMatches) return { condition: sql`u.pk IN ${matches}`, broad: false, indexCount: null, matchCount: matches.length };
  return broad;
}

/** Users holding a 1- or 2-character needle, from the GIN index of their short substrings (migrations 0005, 0006). */
const shortGramMatch = (needle: string) =>
  sql`users_short_grams(u.email_normalized, u.username_normalized, u.first_name, u.last_name) @> ARRAY[${needle}]::text[]`;

/**
 * One or two characters hold no trigram. As for longer patterns, a page first walks the sort
 * order within WALK_BUDGET rows, which fills at once for a common needle; the first look, for a
 * rare one, takes its matches from the index of short substrings.
 */
function shortPatternPlan(needle: string, broadMatches: number): PatternPlan {
  // Many matches are counted row by row: a common needle's entry in the index is most of the
  // table, and a count would read all of it again for each chunk.
  const rowByRow: PatternPlan = { condition: rowByRowMatch(needle), broad: true, indexCount: null, matchCount: null };
  return { ...rowByRow, deferred: { walkBudget: WALK_BUDGET, firstLook: () => firstLook(shortGramMatch(needle), broadMatches, rowByRow) } };
}

/** PostgreSQL's code for a statement cancelled by statement_timeout. */
const QUERY_CANCELED = '57014';

function wasCancelled(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if ((cause as { code?: unknown }).code === QUERY_CANCELED) return true;
  }
  return false;
}

/** The count under statement_timeout, in a transaction of its own so the limit ends with it. */
async function countWithin(statement: SQL, budgetMs: number): Promise<number | null> {
  try {
    return await transaction(async () => {
      await executeStatement(sql.raw(`SET LOCAL statement_timeout = ${Math.max(1, Math.round(budgetMs))}`));
      return await countStatement(statement);
    });
  } catch (error) {
    if (wasCancelled(error)) return null;
    throw error;
  }
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
  countWithin,
  keyList: { condition: (column, list) => sql`${column} = ANY(${list})`, value: (keys) => keys },
  exportText: {
    instant: (column) => sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
    json: (column) => column,
    contains: (haystack, needle) => sql`strpos(${haystack}, ${needle}) > 0`,
    byteOrder: (value) => sql`${value} COLLATE "C"`,
    listAsJson: (values) => sql`array_to_json(ARRAY(${values}))`,
    listAsText: (values) => sql`array_to_string(ARRAY(${values}), ' ')`,
    // row_to_json writes compact JSON (json_build_object puts spaces around every colon).
    jsonObject: (entries) => sql`(SELECT row_to_json(line) FROM (SELECT ${sql.join(
      entries.map(([name, value]) => sql`${value} AS ${sql.identifier(name)}`),
      sql`, `,
    )}) AS line)`,
  },
  // Timestamps come back as Dates (-Infinity for "never"): the cursor carries the text PostgreSQL reads back.
  cursorValue: (value) => (value instanceof Date ? value.toISOString() : value === -Infinity ? '-infinity' : (value as string | number)),
  seeksPastRowValue: true,
};
