import type { Placeholder, SQL } from 'drizzle-orm';
import type { UserSortField } from '@/lib/users/schemas';

/** A substring pattern's condition, and what its first look at the search index found. */
export type PatternPlan = {
  condition: SQL;
  /** The condition for counting, when it differs: there is no page to fill, so an index may serve it better. */
  countCondition?: SQL;
  /** Many matches: better checked row by row while walking the sort index. */
  broad: boolean;
  /** The pattern's count in the search index alone, when the engine can give it without visiting users. */
  indexCount: SQL | null;
  /** The exact number of matches, when the first look already counted them all. */
  matchCount: number | null;
  /**
   * Set when the first look was put off because a broad pattern would make it the costliest
   * step: a page is then first tried by walking the sort order and testing `condition` row by
   * row over at most `walkBudget` rows, and `firstLook()` gives the plan for a page that does
   * not fill there.
   */
  deferred?: { walkBudget: number; firstLook: () => Promise<PatternPlan> };
};

/** The pieces of an export's line that each engine spells its own way. Values may be null: null stays null. */
export type ExportText = {
  /** A timestamp column as the API writes it: ISO 8601 in UTC, to the millisecond. */
  instant(column: SQL): SQL;
  /** A JSON column as JSON (in an object) and, cast to text, compact JSON text. */
  json(column: SQL): SQL;
  /** Whether the text `haystack` holds the text `needle` (true for an empty needle: callers rule that out). */
  contains(haystack: SQL, needle: SQL): SQL;
  /** An ORDER BY term that orders by bytes, as every engine then agrees. */
  byteOrder(value: SQL): SQL;
  /** The `value` column of an ordered subquery as a JSON array ([] for no rows). */
  listAsJson(values: SQL): SQL;
  /** The `value` column of an ordered subquery as one space-separated text (null or '' for no rows). */
  listAsText(values: SQL): SQL;
  /** One compact JSON object of the named values, in their order. */
  jsonObject(entries: Array<[name: string, value: SQL]>): SQL;
};

/** What the users list says differently on each engine. Queries alias users as `u`. */
export interface SearchDialect {
  /** Each sort field: the expression it sorts by and the index that orders by exactly it (pk breaks ties). */
  sortColumns: Record<UserSortField, { column: string; index: string }>;
  /** The users table as `u`, made to walk `index` when given. */
  usersSource(forcedIndex: string | null): SQL;
  /** Users whose vendor list holds one of the values. */
  vendorCondition(values: string[]): SQL;
  /** Case-insensitive substring match on email, username, first and last name. */
  patternPlan(pattern: string, broadMatches: number): Promise<PatternPlan>;
  /** `column` in a list of keys passed as one parameter (`list`), and that parameter's value: one statement serves every page. */
  keyList: { condition(column: SQL, list: Placeholder): SQL; value(keys: number[]): unknown };
  /**
   * A count statement that the engine itself stops once it runs past `budgetMs`: its count, or
   * null when stopped. Left out where a statement cannot be stopped (SQLite: counts go in chunks).
   */
  countWithin?(statement: SQL, budgetMs: number): Promise<number | null>;
  /** What an export's lines are written with, by the database itself (lib/search/export-lines.ts). */
  exportText: ExportText;
  /** A sort value as read from a page, as a cursor carries it (a JSON string or number). */
  cursorValue?(value: unknown): string | number;
  /**
   * Whether a sort index's range can start right after a (sort value, pk) row value, in one
   * seek. SQLite's cannot on an expression index (it scans from the first entry): a page there
   * starts at the cursor's first tie, and an export's batch with two seeks (afterCursor, BatchStart).
   */
  seeksPastRowValue: boolean;
}
