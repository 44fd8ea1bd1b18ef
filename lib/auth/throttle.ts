/**
 * Sign-in throttling: after a few quick failures a key (an account, a device cookie or a
 * client address; lib/auth/credentials.ts picks them) must wait, with delays doubling up to
 * 15 minutes. It never locks anyone out for good and never blocks password recovery. Kept in
 * memory: one server process owns the SQLite file, and a restart forgiving old failures is
 * acceptable.
 */

type Limit = { freeFailures: number };

export const ACCOUNT_LIMIT: Limit = { freeFailures: 5 };
// Higher: many people can share one address (an office, a NAT).
export const ADDRESS_LIMIT: Limit = { freeFailures: 20 };

const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 15 * 60_000;
// A key with no failure for this long starts from zero again.
const FORGET_AFTER_MS = 30 * 60_000;
const MAX_KEYS = 100_000;

type Entry = { failures: number; lastFailureAt: number; blockedUntil: number };

export class SignInThrottle {
  private entries = new Map<string, Entry>();

  /** Seconds the caller must wait before trying again under any of the keys; 0 when free. */
  retryAfterSeconds(keys: string[], now = Date.now()): number {
    let until = 0;
    for (const key of keys) {
      const entry = this.current(key, now);
      if (entry && entry.blockedUntil > now) until = Math.max(until, entry.blockedUntil);
    }
    return until > now ? Math.ceil((until - now) / 1000) : 0;
  }

  recordFailure(keyed: Array<{ key: string; limit: Limit }>, now = Date.now()): void {
    if (this.entries.size > MAX_KEYS) this.prune(now);
    for (const { key, limit } of keyed) {
      const entry = this.current(key, now) ?? { failures: 0, lastFailureAt: now, blockedUntil: 0 };
      entry.failures += 1;
      entry.lastFailureAt = now;
      const over = entry.failures - limit.freeFailures;
      if (over >= 0) entry.blockedUntil = now + Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** over);
      this.entries.set(key, entry);
    }
  }

  clear(key: string): void {
    this.entries.delete(key);
  }

  private current(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && now - entry.lastFailureAt > FORGET_AFTER_MS && entry.blockedUntil <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private prune(now: number): void {
    for (const key of this.entries.keys()) this.current(key, now);
  }
}

const holder = globalThis as typeof globalThis & { gatehouseSignInThrottle?: SignInThrottle };

export function getSignInThrottle(): SignInThrottle {
  holder.gatehouseSignInThrottle ??= new SignInThrottle();
  return holder.gatehouseSignInThrottle;
}

/**
 * A plain rate limit: at most `max` requests per key in each window. For requests that cost
 * something or send mail (forgot-password, reset attempts), where failures alone are not the
 * signal. In memory, like the sign-in throttle.
 */
export class RequestRateLimit {
  private windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one request; returns 0 when allowed, else the seconds until the key may try again. */
  take(key: string, now = Date.now()): number {
    if (this.windows.size > MAX_KEYS) {
      for (const [k, w] of this.windows) if (now - w.startedAt >= this.windowMs) this.windows.delete(k);
    }
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.windowMs) {
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= this.max) return Math.ceil((window.startedAt + this.windowMs - now) / 1000);
    window.count += 1;
    return 0;
  }
}

const limits = globalThis as typeof globalThis & { gatehouseRateLimits?: Map<string, RequestRateLimit> };

/** One shared limit per name, created on first use. */
export function getRateLimit(name: string, max: number, windowMs: number): RequestRateLimit {
  limits.gatehouseRateLimits ??= new Map();
  let limit = limits.gatehouseRateLimits.get(name);
  if (!limit) {
    limit = new RequestRateLimit(max, windowMs);
    limits.gatehouseRateLimits.set(name, limit);
  }
  return limit;
}
