// When to retry and how long to wait: retryable statuses, backoff with full jitter, Retry-After,
// and the X-RateLimit-* headers (whose reset is either epoch seconds or seconds from now).
import type { HttpTuning } from '../api/tuning.js';
import type { RateLimitState } from './types.js';

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

export type Headers = Record<string, string | string[] | undefined>;

export function headerValue(headers: Headers, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  const first = Array.isArray(v) ? v[0] : v;
  return first === undefined ? undefined : first.trim();
}

/** Full jitter: random * min(cap, base * 2^(attempt-1)), attempt counting from 1. */
export function backoffDelay(attempt: number, tuning: Pick<HttpTuning, 'backoffBaseMs' | 'backoffCapMs'>, random: number): number {
  const ceiling = Math.min(tuning.backoffCapMs, tuning.backoffBaseMs * 2 ** (attempt - 1));
  return Math.round(random * ceiling);
}

/** Retry-After as milliseconds from now: delta seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

function intHeader(headers: Headers, name: string): number | undefined {
  const v = headerValue(headers, name);
  if (v === undefined || !/^\d+(\.\d+)?$/.test(v)) return undefined;
  return Number(v);
}

/**
 * The rate-limit budget a response reports. The reset is documented as seconds until reset, but the
 * official SDK reads it as a Unix time: values above 10^9 are epoch seconds, smaller ones a delta.
 */
export function parseRateLimit(headers: Headers, nowMs: number): RateLimitState {
  const state: RateLimitState = {};
  const limit = intHeader(headers, 'x-ratelimit-limit');
  const remaining = intHeader(headers, 'x-ratelimit-remaining');
  const reset = intHeader(headers, 'x-ratelimit-reset');
  if (limit !== undefined) state.limit = limit;
  if (remaining !== undefined) state.remaining = remaining;
  if (reset !== undefined) state.resetAt = reset > 1e9 ? Math.round(reset * 1000) : nowMs + Math.round(reset * 1000);
  return state;
}

const NETWORK_CODES: Record<string, string> = {
  UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers in time',
  UND_ERR_BODY_TIMEOUT: 'response body stalled',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'truncated response body',
  UND_ERR_CLOSED: 'connection closed',
  ECONNRESET: 'connection reset',
  ECONNREFUSED: 'connection refused',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection broken',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

/** Further socket-level errno codes that mean "the network failed", not "the request was wrong". */
const SYSTEM_NETWORK_CODES: ReadonlySet<string> = new Set(['ECONNABORTED', 'ENETDOWN', 'EHOSTDOWN', 'ESOCKETTIMEDOUT', 'EPROTO']);

function codeOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  if (typeof e?.code === 'string') return e.code;
  if (typeof e?.cause?.code === 'string') return e.cause.code;
  return undefined;
}

// undici aborts a request itself when a proxy refuses the tunnel ("Proxy response (403) !== 200").
// Only checked once the caller's own signal is known not to be the cause: then it is the network's
// doing, not a Ctrl-C, and must not be reported as an interrupt.
const ABORTED_BY_DISPATCHER = 'UND_ERR_ABORTED';

/** Connection-level failures and timeouts: worth another attempt. Programming errors are not. */
export function isNetworkError(err: unknown): boolean {
  const code = codeOf(err);
  if (code === undefined) return false;
  return code in NETWORK_CODES || code.startsWith('HPE_') || SYSTEM_NETWORK_CODES.has(code) || code === ABORTED_BY_DISPATCHER;
}

/** `connection reset (ECONNRESET)`: short words plus the code for searching. */
export function describeNetworkError(err: unknown): string {
  const code = codeOf(err);
  const firstLine = (err as Error)?.message?.split('\n')[0];
  if (code === ABORTED_BY_DISPATCHER && firstLine) return `${firstLine} (${code})`;
  if (!code) return firstLine || 'network error';
  return `${NETWORK_CODES[code] ?? 'network error'} (${code})`;
}
