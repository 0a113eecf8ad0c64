// The contract between commands and the HTTP layer: what a session offers, independent of undici.
import type { Writable } from 'node:stream';
import type { Env } from '../global-options.js';
import type { HttpTuning } from './tuning.js';
import type { ResolvedCredentials } from '../config/credentials.js';

export type QueryValue = string | number | undefined;
export type QueryParams = Record<string, QueryValue>;

export interface RateLimitState {
  limit?: number;
  remaining?: number;
  /** Epoch milliseconds when the budget resets, when known. */
  resetAt?: number;
}

export interface ApiResponse<T> {
  status: number;
  body: T;
  requestId?: string;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface HttpClient {
  /** Origin the API lives under (`<origin>/api/...`). */
  readonly origin: string;
  /** GET `/api/<path>` as JSON; throws typed errors (errors.ts) for every failure. */
  getJson<T>(path: string, query?: QueryParams, opts?: RequestOptions): Promise<ApiResponse<T>>;
  /** DELETE `/api/<path>`. */
  delete(path: string, opts?: RequestOptions): Promise<ApiResponse<unknown>>;
  /** What the last response said of the rate-limit budget. */
  readonly rateLimit: RateLimitState;
  /** How many requests this client has sent (for summaries and benchmarks). */
  readonly requestCount: number;
  close(): Promise<void>;
}

export interface Session {
  http: HttpClient;
  credentials: ResolvedCredentials;
}

/**
 * What the HTTP layer takes from its caller: the narrow slice of a command's context it uses
 * (a verbose log stream, proxies from env, the clock, sleeps, jitter, cancellation, timings).
 */
export interface HttpEnvironment {
  /** stderrIsTTY: a wait notice first clears a spinner's line; errColor: warnings in colour. */
  io: { stderr: Writable; stderrIsTTY?: boolean; errColor?: { yellow(text: string): string } };
  env: Env;
  now(): Date;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** [0, 1) source for backoff jitter. */
  random(): number;
  signal: AbortSignal;
  http: HttpTuning;
}
