import { createHmac, hkdfSync } from 'node:crypto';
import { and, eq, gt, inArray, lt, lte, or, isNull, sql } from 'drizzle-orm';
import { getDb, transaction } from '@/db/client';
import { rateLimitWindows, signInFailures } from '@/db/schema';
import { getAuthSecret } from '@/lib/server/config';

/**
 * Sign-in throttling and request rate limits, kept in the database so that every instance
 * counts the same failures and requests: a guesser spread over several instances behind a
 * load balancer is slowed down as if there were one.
 *
 * Keys name people (an email typed at sign-in, a client address), so the tables hold an HMAC
 * of each key under a key derived from AUTH_SECRET, never the key itself. A plain SHA-256
 * would not do: every IPv4 address, and most emails, can be hashed and looked up in seconds.
 * AUTH_SECRET is the same on every instance (required with PostgreSQL), so they all compute
 * the same HMACs. The prefix before the HMAC (`address:`, `forgot-password:account:`) stays
 * readable, so an operator can still tell what kind of counter a row is.
 *
 * Each update is one transaction whose first statement is an upsert on the key
 * (`INSERT … ON CONFLICT … DO UPDATE … RETURNING`), which takes the row's lock: racing
 * requests on one key are counted one after another, on SQLite and PostgreSQL alike. Callers
 * call these outside their own transactions, so a count is never rolled back with a refusal.
 */

type Limit = { freeFailures: number };

export const ACCOUNT_LIMIT: Limit = { freeFailures: 5 };
// Higher: many people can share one address (an office, a NAT).
export const ADDRESS_LIMIT: Limit = { freeFailures: 20 };

const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 15 * 60_000;
// A key with no failure for this long starts from zero again (and its row may be swept away).
// Longer than MAX_DELAY_MS, so a row past it is never still blocking.
const FORGET_AFTER_MS = 30 * 60_000;
/** Expired rows removed per transaction by the sweep, so it never holds the SQLite writer for long. */
const SWEEP_BATCH = 1_000;

let hmacKey: Buffer | undefined;

/** The stored form of a key: its kind in clear, then an HMAC of the whole key. */
function storedKey(kind: string, key: string): string {
  hmacKey ??= Buffer.from(hkdfSync('sha256', getAuthSecret(), 'gatehouse', 'throttle keys', 32));
  return `${kind}:${createHmac('sha256', hmacKey).update(key).digest('base64url')}`;
}

/** `account:usr_1` is stored as `account:<hmac of account:usr_1>`. */
const storedSignInKey = (key: string) => storedKey(key.slice(0, Math.max(0, key.indexOf(':'))), key);

const delayAfter = (over: number) => Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** over);

/**
 * After a few quick failures a key (an account, a device cookie or a client address;
 * lib/auth/credentials.ts picks them) must wait, with delays doubling up to 15 minutes. It
 * never locks anyone out for good and never blocks password recovery.
 */
export const signInThrottle = {
  /** Seconds the caller must wait before trying again under any of the keys; 0 when free. */
  async retryAfterSeconds(keys: string[], now = Date.now()): Promise<number> {
    if (keys.length === 0) return 0;
    const blocked = await getDb()
      .select({ until: signInFailures.blockedUntil })
      .from(signInFailures)
      .where(and(inArray(signInFailures.key, keys.map(storedSignInKey)), gt(signInFailures.blockedUntil, new Date(now))));
    const until = Math.max(0, ...blocked.map((row) => row.until!.getTime()));
    return until > now ? Math.ceil((until - now) / 1000) : 0;
  },

  /**
   * Counts one failure under each key; past a key's free failures, it is blocked for a doubling
   * delay. Answers the longest block this failure set, in seconds (0: none).
   */
  async recordFailure(keyed: Array<{ key: string; limit: Limit }>, now = Date.now()): Promise<number> {
    const at = new Date(now);
    // Rows locked in one order by every caller: two failures sharing keys cannot deadlock.
    const rows = keyed.map(({ key, limit }) => ({ key: storedSignInKey(key), limit })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    let longestBlockMs = 0;
    await transaction(async (tx) => {
      for (const { key, limit } of rows) {
        const t = signInFailures;
        // Forgotten: no failure for FORGET_AFTER_MS and no block left. It counts from zero again.
        const forgotten = and(lt(t.lastFailureAt, new Date(now - FORGET_AFTER_MS)), or(isNull(t.blockedUntil), lte(t.blockedUntil, at)));
        const [{ failures }] = await tx
          .insert(t)
          .values({ key, failures: 1, lastFailureAt: at, blockedUntil: null })
          .onConflictDoUpdate({
            target: t.key,
            set: {
              failures: sql`CASE WHEN ${forgotten} THEN 1 ELSE ${t.failures} + 1 END`,
              blockedUntil: sql`CASE WHEN ${forgotten} THEN NULL ELSE ${t.blockedUntil} END`,
              lastFailureAt: at,
            },
          })
          .returning({ failures: t.failures });
        const over = failures - limit.freeFailures;
        // The row is locked by the upsert until commit: nobody counts in between.
        if (over >= 0) {
          await tx.update(t).set({ blockedUntil: new Date(now + delayAfter(over)) }).where(eq(t.key, key));
          longestBlockMs = Math.max(longestBlockMs, delayAfter(over));
        }
      }
    });
    return Math.ceil(longestBlockMs / 1000);
  },

  /** Forgets every failure counted under the keys. */
  async clear(...keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await transaction((tx) => tx.delete(signInFailures).where(inArray(signInFailures.key, keys.map(storedSignInKey))));
  },
};

/**
 * A plain rate limit: at most `max` requests per key in each window, which starts with the
 * key's first request. For requests that cost something or send mail (forgot-password, reset
 * attempts, sign-up), where failures alone are not the signal.
 */
export class RequestRateLimit {
  constructor(
    private readonly name: string,
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one request; returns 0 when allowed, else the seconds until the key may try again. */
  async take(key: string, now = Date.now()): Promise<number> {
    const t = rateLimitWindows;
    const at = new Date(now);
    const ended = lte(t.windowEndsAt, at);
    const [window] = await transaction((tx) =>
      tx
        .insert(t)
        .values({ key: storedKey(this.name, `${this.name}:${key}`), count: 1, windowEndsAt: new Date(now + this.windowMs) })
        .onConflictDoUpdate({
          target: t.key,
          set: {
            // A refused request is counted too (up to max + 1, which marks the window full): one statement decides and counts.
            count: sql`CASE WHEN ${ended} THEN 1 WHEN ${t.count} > ${this.max} THEN ${t.count} ELSE ${t.count} + 1 END`,
            windowEndsAt: sql`CASE WHEN ${ended} THEN excluded.window_ends_at ELSE ${t.windowEndsAt} END`,
          },
        })
        .returning({ count: t.count, windowEndsAt: t.windowEndsAt }),
    );
    return window.count <= this.max ? 0 : Math.ceil((window.windowEndsAt.getTime() - now) / 1000);
  }
}

/** A rate limit by name; its counts live in the database, shared by every instance. */
export function rateLimit(name: string, max: number, windowMs: number): RequestRateLimit {
  return new RequestRateLimit(name, max, windowMs);
}

/**
 * Removes counters nobody needs any more (failures forgotten, windows ended), a batch per
 * transaction, so the tables hold only the last half hour's keys. A scheduled task
 * (lib/server/scheduled-tasks.ts) runs it on one instance at a time; returns how many went.
 */
export async function sweepExpiredThrottleRows(now = new Date()): Promise<number> {
  const sweep = async (table: typeof signInFailures | typeof rateLimitWindows, expired: ReturnType<typeof lt>) => {
    let removed = 0;
    for (;;) {
      const batch = await transaction(async (tx) => {
        const keys = tx.select({ key: table.key }).from(table).where(expired).limit(SWEEP_BATCH);
        return (await tx.delete(table).where(inArray(table.key, keys)).returning({ key: table.key })).length;
      });
      removed += batch;
      if (batch < SWEEP_BATCH) return removed;
    }
  };
  return (
    (await sweep(signInFailures, lt(signInFailures.lastFailureAt, new Date(now.getTime() - FORGET_AFTER_MS)))) +
    (await sweep(rateLimitWindows, lte(rateLimitWindows.windowEndsAt, now)))
  );
}
