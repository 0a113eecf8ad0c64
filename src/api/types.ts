// The contract between commands and the HTTP layer: what a session offers, independent of undici.

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

export type KeySource = 'flag-profile' | 'env' | 'profile' | 'fibe-cli';

export interface ResolvedCredentials {
  apiKey: string;
  /** Origin, e.g. `https://fibe.gg` or `http://127.0.0.1:4010`. */
  origin: string;
  source: KeySource;
  /** Profile name when the key came from a stored (or fibe CLI) profile. */
  profile?: string;
}

export interface Session {
  http: HttpClient;
  credentials: ResolvedCredentials;
}
