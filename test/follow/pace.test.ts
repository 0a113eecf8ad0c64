// The follower's pace: --interval while the budget allows, else 20% of what is left per hour, else the reset.
import { describe, expect, it } from 'vitest';
import { nextPollDelay } from '../../src/follow/pace.js';
import { SeenIds } from '../../src/export/seen-ids.js';

const NOW = 1_800_000_000_000;
const MIN = 60_000;

describe('nextPollDelay', () => {
  it.each([
    ['no rate-limit headers yet', {}, 1, 15_000, false],
    ['plenty left: 5000 of 5000', { remaining: 5000, resetAt: NOW + 60 * MIN }, 1, 15_000, false],
    ['a 20-page poll with 5000 left: 20 * 3600 s / 1000', { remaining: 5000, resetAt: NOW + 60 * MIN }, 20, 72_000, true],
    ['99 left: 3600 s / 19.8 per request', { remaining: 99, resetAt: NOW + 60 * MIN }, 1, 181_819, true],
    ['nothing left: wait for the reset (and a second)', { remaining: 0, resetAt: NOW + 7 * MIN }, 1, 7 * MIN + 1000, true],
    ['little left but the reset is near: the reset decides', { remaining: 3, resetAt: NOW + 2 * MIN }, 1, 2 * MIN + 1000, true],
    ['reset already past: a fresh budget', { remaining: 0, resetAt: NOW - 1000 }, 1, 15_000, false],
    ['no reset header: an hour is assumed', { remaining: 50 }, 1, 360_000, true],
  ])('%s', (_name, rateLimit, requests, delayMs, slowed) => {
    expect(nextPollDelay({ intervalMs: 15_000, requests, rateLimit, nowMs: NOW })).toEqual({ delayMs, slowed });
  });

  it('keeps an hour of polls within 20% of the budget left when it started', () => {
    let remaining = 100;
    let t = 0;
    let used = 0;
    while (t < 60 * MIN) {
      remaining -= 1;
      used += 1;
      t += nextPollDelay({ intervalMs: 15_000, requests: 1, rateLimit: { remaining, resetAt: NOW + 60 * MIN }, nowMs: NOW + t }).delayMs;
    }
    expect(used).toBeLessThanOrEqual(20);
    expect(used).toBeGreaterThan(15);
  });
});

describe('SeenIds', () => {
  it('remembers ids with their instant and forgets those before a new start', () => {
    const seen = new SeenIds(1000);
    seen.add(1, 1000);
    seen.add(2, 5000);
    seen.add(3, 9000);
    expect(seen.has(2)).toBe(true);
    seen.forgetBefore(5000);
    expect([seen.has(1), seen.has(2), seen.has(3)]).toEqual([false, true, true]);
    expect(seen.since).toBe(5000);
    expect(seen.ids()).toEqual([2, 3]);
    seen.forgetBefore(4000); // never moves back
    expect(seen.since).toBe(5000);
  });

  it('re-dates an id added again (checkpoint ids come without their times)', () => {
    const seen = new SeenIds(0);
    seen.add(7, 0);
    seen.add(7, 8000);
    seen.forgetBefore(5000);
    expect(seen.has(7)).toBe(true);
  });
});
