import { describe, expect, it } from 'vitest';
import {
  RETRYABLE_STATUSES,
  backoffDelay,
  describeNetworkError,
  isNetworkError,
  parseRateLimit,
  parseRetryAfter,
} from '../../src/api/retry-policy.js';

const NOW = Date.parse('2026-11-26T12:00:00.000Z');
const tuning = { backoffBaseMs: 500, backoffCapMs: 20_000 };

describe('backoffDelay: random * min(cap, base * 2^(attempt-1))', () => {
  it.each([
    [1, 1, 500],
    [2, 1, 1000],
    [3, 1, 2000],
    [4, 0.5, 2000],
    [6, 1, 16_000],
    [7, 1, 20_000],
    [12, 0.25, 5000],
    [3, 0, 0],
  ])('attempt %i, random %f -> %i ms', (attempt, random, expected) => {
    expect(backoffDelay(attempt, tuning, random)).toBe(expected);
  });
});

describe('parseRetryAfter', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['2', 2000],
    ['0', 0],
    ['1.5', 1500],
    [new Date(NOW + 90_000).toUTCString(), 90_000],
    [new Date(NOW - 5_000).toUTCString(), 0],
    ['soon', undefined],
  ])('%j -> %j', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});

describe('parseRateLimit', () => {
  it.each([
    [{}, {}],
    [{ 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4998' }, { limit: 5000, remaining: 4998 }],
    [{ 'x-ratelimit-reset': '60' }, { resetAt: NOW + 60_000 }],
    [{ 'x-ratelimit-reset': String(NOW / 1000 + 120) }, { resetAt: NOW + 120_000 }],
    [{ 'x-ratelimit-reset': '1000000000' }, { resetAt: NOW + 1_000_000_000_000 }],
    [{ 'x-ratelimit-reset': '1000000001' }, { resetAt: 1_000_000_001_000 }],
    [{ 'x-ratelimit-remaining': 'lots' }, {}],
  ])('%j -> %j', (headers, expected) => {
    expect(parseRateLimit(headers, NOW)).toEqual(expected);
  });
});

describe('what counts as retryable', () => {
  it.each([408, 429, 500, 502, 503, 504])('%i is retried', (s) => expect(RETRYABLE_STATUSES.has(s)).toBe(true));
  it.each([400, 401, 403, 404, 409, 422, 501, 505])('%i is not', (s) => expect(RETRYABLE_STATUSES.has(s)).toBe(false));

  const withCode = (code: string) => Object.assign(new Error('x'), { code });
  it.each([
    ['UND_ERR_CONNECT_TIMEOUT', true, 'connect timed out (UND_ERR_CONNECT_TIMEOUT)'],
    ['UND_ERR_HEADERS_TIMEOUT', true, 'no response headers in time (UND_ERR_HEADERS_TIMEOUT)'],
    ['UND_ERR_BODY_TIMEOUT', true, 'response body stalled (UND_ERR_BODY_TIMEOUT)'],
    ['UND_ERR_SOCKET', true, 'connection closed by the server (UND_ERR_SOCKET)'],
    ['ECONNRESET', true, 'connection reset (ECONNRESET)'],
    ['ECONNREFUSED', true, 'connection refused (ECONNREFUSED)'],
    ['HPE_INVALID_CONSTANT', true, 'network error (HPE_INVALID_CONSTANT)'],
    ['UND_ERR_INVALID_ARG', false, 'network error (UND_ERR_INVALID_ARG)'],
    ['ERR_INVALID_URL', false, 'network error (ERR_INVALID_URL)'],
    ['EXPIRED_KEY', false, 'network error (EXPIRED_KEY)'],
  ])('%s: retry %s, described as %j', (code, retry, words) => {
    expect(isNetworkError(withCode(code))).toBe(retry);
    expect(describeNetworkError(withCode(code))).toBe(words);
  });

  it('looks at the cause too', () => {
    const err = new TypeError('fetch failed', { cause: withCode('ECONNRESET') });
    expect(isNetworkError(err)).toBe(true);
  });
  it('an error without a code is not a network error', () => {
    expect(isNetworkError(new Error('boom'))).toBe(false);
  });
});
