/**
 * Sign-in throttling and rate limits against a real database, run once per engine
 * (throttle.test.ts, throttle.postgres.test.ts): the semantics the in-memory throttle had,
 * counts shared by two instances, racing requests counted exactly, no key stored in clear,
 * and expired rows swept. Imported after DATABASE_URL names the database.
 */
import { like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, getDb, getEngine, withEngine } from '@/db/client';
import type { Engine } from '@/db/engine';
import { rateLimitWindows, signInFailures } from '@/db/schema';
import { ACCOUNT_LIMIT, ADDRESS_LIMIT, rateLimit, signInThrottle, sweepExpiredThrottleRows } from '@/lib/auth/throttle';
import type { SharedStateTarget } from './instances';

const MINUTE = 60_000;
// A fixed clock, passed in: the tests never wait.
const START = Date.UTC(2030, 0, 1);

let nextKey = 0;
/** A key no other test uses. */
const freshKey = (kind: string) => `${kind}:${++nextKey}-${Math.random().toString(36).slice(2)}`;

export function describeThrottle(target: SharedStateTarget) {
  const title = `throttling in the database (${target.engine})`;
  describe.skipIf(Boolean(target.skipped))(target.skipped ? `${title} (skipped: ${target.skipped})` : title, () => {
    let second: Engine;
    const onSecond = <T>(work: () => Promise<T>) => withEngine(second, work);

    beforeAll(async () => {
      await getEngine().migrate();
      second = target.openSecondInstance();
    }, 30_000);

    afterAll(async () => {
      await second?.close();
      await closeDatabase();
      await target.cleanUp();
    });

    describe('sign-in failures', () => {
      it('lets five quick failures through, then makes the caller wait', async () => {
        const ann = freshKey('account');
        for (let i = 0; i < 4; i++) await signInThrottle.recordFailure([{ key: ann, limit: ACCOUNT_LIMIT }], START);
        expect(await signInThrottle.retryAfterSeconds([ann], START)).toBe(0);
        await signInThrottle.recordFailure([{ key: ann, limit: ACCOUNT_LIMIT }], START);
        expect(await signInThrottle.retryAfterSeconds([ann], START)).toBe(30);
        expect(await signInThrottle.retryAfterSeconds([freshKey('account')], START)).toBe(0);
        // Any blocked key among several blocks the attempt.
        expect(await signInThrottle.retryAfterSeconds([freshKey('address'), ann], START + 10_000)).toBe(20);
      });

      it('doubles the delay with each further failure, up to 15 minutes, and never locks for good', async () => {
        const ann = freshKey('account');
        let now = START;
        const delays: number[] = [];
        for (let i = 0; i < 12; i++) {
          await signInThrottle.recordFailure([{ key: ann, limit: ACCOUNT_LIMIT }], now);
          delays.push(await signInThrottle.retryAfterSeconds([ann], now));
          now += delays.at(-1)! * 1000;
        }
        expect(delays.slice(0, 4)).toEqual([0, 0, 0, 0]);
        expect(delays.slice(4, 9)).toEqual([30, 60, 120, 240, 480]);
        expect(Math.max(...delays)).toBe(15 * 60);
        expect(await signInThrottle.retryAfterSeconds([ann], now + 15 * MINUTE)).toBe(0);
      });

      it('forgets old failures and clears an account on success', async () => {
        const ann = freshKey('account');
        const failAt = (now: number) => signInThrottle.recordFailure([{ key: ann, limit: ACCOUNT_LIMIT }], now);
        for (let i = 0; i < 4; i++) await failAt(START);
        await failAt(START + 31 * MINUTE);
        expect(await signInThrottle.retryAfterSeconds([ann], START + 31 * MINUTE)).toBe(0);
        for (let i = 0; i < 5; i++) await failAt(START + 40 * MINUTE);
        // Six failures since the count started again (not ten): the second delay.
        expect(await signInThrottle.retryAfterSeconds([ann], START + 40 * MINUTE)).toBe(60);
        await signInThrottle.clear(ann);
        expect(await signInThrottle.retryAfterSeconds([ann], START + 40 * MINUTE)).toBe(0);
      });

      it('counts one failure under each of its keys, each with its own limit', async () => {
        const account = freshKey('account');
        const address = freshKey('address');
        const keyed = [
          { key: account, limit: ACCOUNT_LIMIT },
          { key: address, limit: ADDRESS_LIMIT },
        ];
        for (let i = 0; i < 5; i++) await signInThrottle.recordFailure(keyed, START);
        expect(await signInThrottle.retryAfterSeconds([account], START)).toBe(30);
        expect(await signInThrottle.retryAfterSeconds([address], START)).toBe(0);
        await signInThrottle.clear(account);
        for (let i = 0; i < 15; i++) await signInThrottle.recordFailure([{ key: address, limit: ADDRESS_LIMIT }], START);
        expect(await signInThrottle.retryAfterSeconds([address], START)).toBe(30);
      });
    });

    describe('rate limits', () => {
      it('allow `max` requests per window, answer the seconds left, and start again once the window ends', async () => {
        const limit = rateLimit(freshKey('test-limit'), 3, 15 * MINUTE);
        const takes = [];
        for (let i = 0; i < 5; i++) takes.push(await limit.take('203.0.113.1', START + i * MINUTE));
        expect(takes).toEqual([0, 0, 0, 12 * 60, 11 * 60]);
        // Another key, and another limit with the same key, count apart.
        expect(await limit.take('203.0.113.2', START + 4 * MINUTE)).toBe(0);
        expect(await rateLimit(freshKey('test-limit'), 3, 15 * MINUTE).take('203.0.113.1', START + 4 * MINUTE)).toBe(0);
        // Refused requests do not stretch the window.
        expect(await limit.take('203.0.113.1', START + 15 * MINUTE - 1_000)).toBe(1);
        expect(await limit.take('203.0.113.1', START + 15 * MINUTE)).toBe(0);
        expect(await limit.take('203.0.113.1', START + 16 * MINUTE)).toBe(0);
        expect(await limit.take('203.0.113.1', START + 17 * MINUTE)).toBe(0);
        expect(await limit.take('203.0.113.1', START + 18 * MINUTE)).toBe(12 * 60);
      });
    });

    describe('shared by every instance', () => {
      it('counts failures and requests made on two instances together, and a clear on one holds on both', async () => {
        const ann = freshKey('account');
        const fail = () => signInThrottle.recordFailure([{ key: ann, limit: ACCOUNT_LIMIT }], START);
        for (let i = 0; i < 3; i++) await fail();
        for (let i = 0; i < 2; i++) await onSecond(fail);
        expect(await signInThrottle.retryAfterSeconds([ann], START)).toBe(30);
        expect(await onSecond(() => signInThrottle.retryAfterSeconds([ann], START))).toBe(30);
        await onSecond(() => signInThrottle.clear(ann));
        expect(await signInThrottle.retryAfterSeconds([ann], START)).toBe(0);

        const name = freshKey('test-limit');
        const limit = rateLimit(name, 3, 15 * MINUTE);
        expect(await limit.take('ann@example.com', START)).toBe(0);
        expect(await onSecond(() => rateLimit(name, 3, 15 * MINUTE).take('ann@example.com', START))).toBe(0);
        expect(await limit.take('ann@example.com', START)).toBe(0);
        expect(await onSecond(() => rateLimit(name, 3, 15 * MINUTE).take('ann@example.com', START))).toBe(15 * 60);
        expect(await limit.take('ann@example.com', START)).toBe(15 * 60);
      });

      it('never lets racing requests on one key past the limit, nor loses a failure', async () => {
        const name = freshKey('race-limit');
        const limit = rateLimit(name, 10, 15 * MINUTE);
        // Half on each instance where writers really run at once (PostgreSQL). SQLite's writers
        // take turns; two writer connections in one process would block each other's event loop.
        const take = (i: number) => (target.concurrentWriters && i % 2 ? onSecond(() => limit.take('198.51.100.7', START)) : limit.take('198.51.100.7', START));
        const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => take(i)));
        expect(answers.filter((retryAfter) => retryAfter === 0)).toHaveLength(10);
        expect(answers.filter((retryAfter) => retryAfter === 15 * 60)).toHaveLength(30);

        const kind = freshKey('race').replace(':', '-');
        const key = `${kind}:198.51.100.8`;
        const fail = (i: number) => {
          const record = () => signInThrottle.recordFailure([{ key, limit: ADDRESS_LIMIT }], START);
          return target.concurrentWriters && i % 2 ? onSecond(record) : record();
        };
        await Promise.all(Array.from({ length: 25 }, (_, i) => fail(i)));
        const rows = await getDb().select().from(signInFailures).where(like(signInFailures.key, `${kind}:%`));
        expect(rows.map((row) => row.failures)).toEqual([25]);
        // 25 failures with 20 free: blocked for 30 s * 2^5, capped at 15 minutes.
        expect(await signInThrottle.retryAfterSeconds([key], START)).toBe(15 * 60);
      });

      it('keeps no key in clear: only its kind, then an HMAC', async () => {
        await signInThrottle.recordFailure([{ key: 'address:192.0.2.77', limit: ADDRESS_LIMIT }, { key: 'account-name:carol@example.com', limit: ACCOUNT_LIMIT }], START);
        await rateLimit('forgot-password:account', 3, 15 * MINUTE).take('carol@example.com', START);
        const failures = (await getDb().select({ key: signInFailures.key }).from(signInFailures)).map((row) => row.key);
        const windows = (await getDb().select({ key: rateLimitWindows.key }).from(rateLimitWindows)).map((row) => row.key);
        const stored = [...failures, ...windows].join('\n');
        expect(stored).not.toContain('192.0.2.77');
        expect(stored).not.toContain('carol');
        expect(failures.some((key) => /^address:[\w-]{43}$/.test(key))).toBe(true);
        expect(failures.some((key) => /^account-name:[\w-]{43}$/.test(key))).toBe(true);
        expect(windows.some((key) => /^forgot-password:account:[\w-]{43}$/.test(key))).toBe(true);
      });
    });

    describe('sweeping', () => {
      it('removes forgotten failures and ended windows, and nothing still in use', async () => {
        // Far later than every other test's clock, so their rows are all past and go too.
        const t0 = START + 365 * 24 * 60 * MINUTE;
        const old = freshKey('account');
        const recent = freshKey('account');
        await signInThrottle.recordFailure([{ key: old, limit: ACCOUNT_LIMIT }], t0);
        for (let i = 0; i < 5; i++) await signInThrottle.recordFailure([{ key: recent, limit: ACCOUNT_LIMIT }], t0 + 20 * MINUTE);
        const ended = rateLimit(freshKey('test-limit'), 1, 10 * MINUTE);
        const running = rateLimit(freshKey('test-limit'), 1, 60 * MINUTE);
        await ended.take('a', t0);
        await running.take('a', t0);

        const removed = await sweepExpiredThrottleRows(new Date(t0 + 31 * MINUTE));
        expect(removed).toBeGreaterThanOrEqual(2);
        expect(await getDb().select().from(signInFailures)).toHaveLength(1);
        expect(await getDb().select().from(rateLimitWindows)).toHaveLength(1);
        // What is left still counts.
        expect(await signInThrottle.retryAfterSeconds([recent], t0 + 20 * MINUTE)).toBe(30);
        expect(await running.take('a', t0 + 31 * MINUTE)).toBe(29 * 60);
        expect(await ended.take('a', t0 + 31 * MINUTE)).toBe(0);
      });
    });
  });
}
