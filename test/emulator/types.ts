// The emulator's public shapes: options, fault knobs, wire records and the handle tests hold.
// Wire types mirror FIBE-API.md exactly; they are what the HTTP API serialises.

import type { LiveControl, LiveOptions } from './live.js';

export interface EmulatorOptions {
  /** Generated entries; default 5000. 10..1_000_000 work; 1M generates in a few seconds. */
  entries?: number;
  /** Default 1; same seed + same now => same data. */
  seed?: number;
  /** The instant data is generated up to; also the clock of arrivals and the rate-limit window. Default: real clock. */
  now?: Date | (() => Date);
  /** Span of history in days; default 90. */
  days?: number;
  /** Default 0 (a free port); the host is always 127.0.0.1. */
  port?: number;
  /** Requests per hour per player (all its keys share it); default 5000. */
  rateLimitPerHour?: number;
  /** How X-RateLimit-Reset is written: seconds until reset (default) or Unix epoch seconds. */
  resetHeader?: 'delta' | 'epoch';
  /** Also plant entries full of terminal escapes, formulas, huge and deeply nested values. */
  hostile?: boolean;
  /** Serialise every entry at start (benchmarks: listings then cost the emulator little while measured). */
  warmJson?: boolean;
  faults?: Partial<Faults>;
  /** Keep adding new entries stamped now (see live.ts), driven by `now`: `{perMinute: 30}`. */
  live?: LiveOptions;
}

export interface Faults {
  /** 0..1 probability a request gets a 5xx (seeded RNG). */
  errorRate: number;
  /** Statuses drawn for errorRate faults; default [500, 502, 503]. */
  errorStatuses: number[];
  /** Added before answering, on fault paths. */
  latencyMs: number;
  /** 0..1: never send response headers (the client must time out). */
  stallRate: number;
  /** 0..1: send headers + half the JSON body, then destroy the socket. */
  truncateRate: number;
  /** 0..1: 200 with a non-JSON / broken JSON body. */
  malformedRate: number;
  /** 0..1: destroy the socket without any response. */
  resetRate: number;
  /** New entries appended (created_at = now) on every /api/audit_logs request. */
  arrivalsPerRequest: number;
  /** Paths the fault knobs and failNext apply to; default ['/api/audit_logs']. */
  paths: string[];
}

export type FaultKind = 'error' | 'stall' | 'truncate' | 'malformed' | 'reset' | 'rate_limited';

/** One entry of GET /api/audit_logs, exactly as served. */
export interface AuditEntryWire {
  id: number;
  resource_type: string | null;
  resource_id: number | null;
  action: string;
  channel: string | null;
  actor_type: string | null;
  actor_id: number | null;
  metadata: Record<string, unknown> | null;
  created_at: string;
}

/** One item of GET /api/api_keys. `last_used_at` is absent on keys that never report it. */
export interface ApiKeyWire {
  id: number;
  label: string;
  scopes: string[];
  expires_at: string | null;
  created_at: string;
  masked_token: string;
  agent_accessible: boolean;
  rate_limit_rph_override: number | null;
  source: string;
  last_used_at?: string | null;
}

/** A person in the generated world; the first one is the player who owns every key. */
export interface UserWire {
  id: number;
  username: string;
  email: string | null;
  github_handle: string | null;
  avatar_url: string | null;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  rawUrl: string;
  headers: Record<string, string>;
  /** 0 while pending, and for stalls and resets (no status line was ever sent). */
  status: number;
}

/** Query parameters as tests pass them to `data.query`. */
export type QueryInput = URLSearchParams | Record<string, string | number | undefined>;

export interface EmulatorData {
  /** Every entry, ascending (created_at, id), as fresh wire objects. */
  entries(): Iterable<AuditEntryWire>;
  readonly count: number;
  /** Current /api/api_keys records (deleted keys disappear). */
  readonly apiKeys: ApiKeyWire[];
  readonly users: UserWire[];
  /** The player every key belongs to (what /api/me returns, without scopes). */
  readonly player: UserWire;
  /** Raw token of a key record (also of deleted ones). */
  tokenFor(id: number): string;
  /** Key id behind a name of `Emulator.keys` (`full`, `ci`, `triage_bot`, ...). */
  keyId(name: string): number;
  /** The full ordered match list for audit_logs parameters (page/per_page ignored); throws EmulatorApiError like the server. */
  query(params?: QueryInput): AuditEntryWire[];
  /** Same as query, ids only (cheap). */
  queryIds(params?: QueryInput): number[];
  /** The newest entry, or undefined when empty. */
  newest(): AuditEntryWire | undefined;
}

export interface Emulator {
  /** http://127.0.0.1:<port> */
  url: string;
  keys: { full: string; no_audit: string; no_keys: string; expired: string; [name: string]: string };
  data: EmulatorData;
  requests: RecordedRequest[];
  setFaults(f: Partial<Faults>): void;
  /** Deterministic queue on fault paths, consumed before any rate. */
  failNext(count: number, kind: FaultKind, opts?: { status?: number; retryAfter?: string }): void;
  /** New arrivals with increasing ids; created_at = opts.at, the newest entry's instant, or now. */
  addEntries(count: number, opts?: { at?: Date; sameTimestampAs?: 'newest' }): AuditEntryWire[];
  /** A fresh hourly budget of perHour requests, starting now. */
  setRateLimit(perHour: number): void;
  /** Refill the budget. */
  resetRateLimit(): void;
  /** The live stream when started with `live` (null otherwise). */
  live: LiveControl | null;
  close(): Promise<void>;
}
