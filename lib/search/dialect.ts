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
  /** The aggregate of a subquery's `value`s as one text, space-separated, in byte order (null for none): a user's scopes or tenant slugs in the row itself. */
  spaceSeparated(value: SQL): SQL;
  /** A sort value as read from a page, as a cursor carries it (a JSON string or number). */
  cursorValue?(value: unknown): string | number;
}
