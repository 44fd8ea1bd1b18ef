import { describe, expect, it } from 'vitest';
import { ACCOUNT_LIMIT, SignInThrottle } from '@/lib/auth/throttle';

const MINUTE = 60_000;
const account = [{ key: 'account:ann', limit: ACCOUNT_LIMIT }];

describe('sign-in throttle', () => {
  it('lets five quick failures through, then makes the caller wait', () => {
    const throttle = new SignInThrottle();
    const now = 1_000_000;
    for (let i = 0; i < 4; i++) throttle.recordFailure(account, now);
    expect(throttle.retryAfterSeconds(['account:ann'], now)).toBe(0);
    throttle.recordFailure(account, now);
    expect(throttle.retryAfterSeconds(['account:ann'], now)).toBe(30);
    expect(throttle.retryAfterSeconds(['account:bob'], now)).toBe(0);
  });

  it('doubles the delay with each further failure, up to 15 minutes, and never locks for good', () => {
    const throttle = new SignInThrottle();
    let now = 0;
    const delays: number[] = [];
    for (let i = 0; i < 12; i++) {
      throttle.recordFailure(account, now);
      delays.push(throttle.retryAfterSeconds(['account:ann'], now));
      now += delays.at(-1)! * 1000;
    }
    expect(delays.slice(4, 9)).toEqual([30, 60, 120, 240, 480]);
    expect(Math.max(...delays)).toBe(15 * 60);
    expect(throttle.retryAfterSeconds(['account:ann'], now + 15 * MINUTE)).toBe(0);
  });

  it('forgets old failures and clears an account on success', () => {
    const throttle = new SignInThrottle();
    for (let i = 0; i < 4; i++) throttle.recordFailure(account, 0);
    throttle.recordFailure(account, 31 * MINUTE);
    expect(throttle.retryAfterSeconds(['account:ann'], 31 * MINUTE)).toBe(0);
    for (let i = 0; i < 5; i++) throttle.recordFailure(account, 40 * MINUTE);
    throttle.clear('account:ann');
    expect(throttle.retryAfterSeconds(['account:ann'], 40 * MINUTE)).toBe(0);
  });
});
