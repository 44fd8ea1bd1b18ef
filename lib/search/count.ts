import type { SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { queryRows } from '@/db/client';

/**
 * Counting users without holding a connection (or SQLite's thread) for long: a count that could
 * scan runs as short statements over ranges of users.pk, and past a time budget stops and
 * extrapolates from the share of the key range it covered.
 */

/** How long a list's total may take before it is answered as an estimate (USER_COUNT_BUDGET_MS overrides it). */
export const DEFAULT_COUNT_BUDGET_MS = 150;

/** A total, and whether it was counted to the end or extrapolated past the budget. */
export type Total = { total: number; exact: boolean };

/** users.pk from `from` (included) to `to` (excluded). */
export type PkRange = { from: number; to: number };

/**
 * The key range is cut into this many strata, visited in turn (in bit-reversed order) one chunk
 * at a time: a count stopped early has then sampled the whole table evenly, not only its oldest
 * rows, which may differ (generated users, an old import).
 */
const STRATA = 16;
const STRATUM_ORDER = [0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15];
/** What one chunk should take: short enough for other queries to slip in between chunks. */
const CHUNK_MS = 10;
const FIRST_CHUNK_SHARE = 1 / 64;
const MIN_CHUNK = 256;

const toNumber = (n: number | string | null) => Number(n ?? 0);

export async function countStatement(statement: SQL): Promise<number> {
  const [{ n }] = await queryRows<{ n: number | string }>(statement);
  // PostgreSQL counts in bigint, which its driver hands over as a string.
  return toNumber(n);
}

/**
 * Counts `inRange` chunk by chunk over every user key. With a budget (ms) it stops once the next
 * chunk would end past it, and answers the count so far scaled by the key range not yet
 * covered; with `null` it counts every chunk (exact, still in short statements).
 */
export async function countInChunks(inRange: (range: PkRange) => SQL, budgetMs: number | null): Promise<Total> {
  const started = performance.now();
  const [keys] = await queryRows<{ low: number | string | null; high: number | string | null }>(sql`SELECT min(pk) AS low, max(pk) AS high FROM users`);
  if (keys.low === null) return { total: 0, exact: true };
  const low = toNumber(keys.low);
  const span = toNumber(keys.high) + 1 - low;
  const strata = STRATUM_ORDER.map((i) => ({ next: low + Math.floor((i * span) / STRATA), end: low + Math.floor(((i + 1) * span) / STRATA) })).filter((s) => s.end > s.next);
  let chunk = Math.max(MIN_CHUNK, Math.ceil(span * FIRST_CHUNK_SHARE));
  let counted = 0;
  let covered = 0;
  let lastTook = 0;
  while (covered < span) {
    for (const stratum of strata) {
      if (stratum.next >= stratum.end) continue;
      if (budgetMs !== null && covered > 0 && performance.now() - started + lastTook > budgetMs) {
        return { total: Math.round((counted * span) / covered), exact: false };
      }
      const range = { from: stratum.next, to: Math.min(stratum.end, stratum.next + chunk) };
      const chunkStarted = performance.now();
      counted += await countStatement(inRange(range));
      lastTook = performance.now() - chunkStarted;
      covered += range.to - range.from;
      stratum.next = range.to;
      // Aim the next chunk at CHUNK_MS, changing its size at most fourfold a step.
      chunk = Math.max(MIN_CHUNK, Math.round(chunk * Math.min(4, Math.max(0.25, CHUNK_MS / Math.max(lastTook, 0.1)))));
    }
  }
  return { total: counted, exact: true };
}
