// How long a follower waits before its next poll: --interval, or longer so that it spends at most
// 20% of the rate-limit budget left (X-RateLimit-Remaining), so other tools on the key still have room.
import type { RateLimitState } from '../api/types.js';

/** The share of the requests left that a follower may use per hour. */
export const BUDGET_SHARE = 0.2;
const HOUR_MS = 3_600_000;

export interface PaceInput {
  intervalMs: number;
  /** Requests the last poll took (pages and retries); a poll costs at least one. */
  requests: number;
  rateLimit: RateLimitState;
  nowMs: number;
}

export interface Pace {
  delayMs: number;
  /** True when the budget, not --interval, decided the delay. */
  slowed: boolean;
}

/**
 * The budget is hourly: at a rate of 20% of the remaining requests per hour, a follower uses at most
 * 20% of what was left at any moment before the window resets (less, as the remainder shrinks with
 * it). With nothing left, or when the paced wait would outlast the window, it waits for the reset,
 * after which the next answer reports a fresh budget.
 */
export function nextPollDelay(p: PaceInput): Pace {
  const { remaining, resetAt } = p.rateLimit;
  if (remaining === undefined) return { delayMs: p.intervalMs, slowed: false };
  const toReset = resetAt === undefined ? HOUR_MS : resetAt - p.nowMs;
  if (toReset <= 0) return { delayMs: p.intervalMs, slowed: false };
  const cost = Math.max(1, p.requests);
  const paced = remaining > 0 ? Math.ceil((cost * HOUR_MS) / (BUDGET_SHARE * remaining)) : Number.POSITIVE_INFINITY;
  // A second past the reset, so the next request is counted in the new window.
  const delay = Math.min(paced, toReset + 1000);
  return delay > p.intervalMs ? { delayMs: delay, slowed: true } : { delayMs: p.intervalMs, slowed: false };
}
