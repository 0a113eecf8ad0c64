// Walks GET /api/audit_logs as one ordered stream of entries (or runs of them); callers never see pages. The window end
// is fixed at call time, windows too big for page 1000 are split by time, pages may be fetched in
// parallel but are emitted in order, and ids repeated at page or split edges are dropped.
import { ApiError } from '../errors.js';
import type { AuditEntry } from '../model/entry.js';
import { EdgeDedup } from './edge-dedup.js';
import { ForbiddenError } from './response-errors.js';
import type { HttpClient, QueryParams } from './types.js';
import { windowEndParam } from './window-end.js';

/** The API refuses pages above 1000 and clamps per_page to 100. */
export const MAX_PAGE = 1000;
export const MAX_PER_PAGE = 100;

export interface WalkProgress {
  fetched: number;
  total: number | null;
  requests: number;
}

export interface WalkOptions {
  /** null: start at the oldest entry matching the filters. */
  start: Date | null;
  end: Date;
  order: 'asc' | 'desc';
  /** Default 100. */
  perPage?: number;
  /** Parallel page requests; default 1 (a listing that may stop early should not fetch ahead). */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (p: WalkProgress) => void;
}

interface AuditPage {
  data: AuditEntry[];
  total: number | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** 403 on the audit log means a missing scope, said in the words SPEC/FIBE-API use. */
function auditAccessError(err: unknown): unknown {
  if (!(err instanceof ForbiddenError)) return err;
  return new ForbiddenError(
    'this key may not read the audit log (403 FORBIDDEN)',
    { ...(err.code ? { code: err.code } : {}), ...(err.apiMessage ? { apiMessage: err.apiMessage } : {}), ...(err.requestId ? { requestId: err.requestId } : {}) },
    "use a key with the audit_logs:read scope (or *); 'fibe-audit auth status' shows this key's scopes",
  );
}

function readPage(body: unknown): AuditPage {
  const b = body as { data?: unknown; meta?: { total?: unknown } } | null;
  if (!b || !Array.isArray(b.data)) {
    throw new ApiError('unexpected answer from GET /api/audit_logs: no data array');
  }
  const total = typeof b.meta?.total === 'number' && Number.isFinite(b.meta.total) ? b.meta.total : null;
  return { data: b.data as AuditEntry[], total };
}

async function getAuditPage(http: HttpClient, query: QueryParams, signal?: AbortSignal): Promise<AuditPage> {
  try {
    const res = await http.getJson<unknown>('audit_logs', query, signal ? { signal } : {});
    return readPage(res.body);
  } catch (err) {
    throw auditAccessError(err);
  }
}

/** The created_at of the oldest entry matching params (sort asc, one entry), or null when none match. */
export async function oldestEntryTime(http: HttpClient, params: QueryParams): Promise<Date | null> {
  const page = await getAuditPage(http, { ...params, sort: 'created_at_asc', page: 1, per_page: 1 });
  const first = page.data[0];
  if (!first) return null;
  const t = Date.parse(String(first.created_at));
  return Number.isNaN(t) ? null : new Date(t);
}

/** The walk one entry at a time (see walkBatches). */
export async function* walkEntries(http: HttpClient, params: QueryParams, opts: WalkOptions): AsyncGenerator<AuditEntry> {
  for await (const batch of walkBatches(http, params, opts)) {
    for (const entry of batch) yield entry;
  }
}

/**
 * The walk as runs of entries in order, one non-empty run per page received (repeats already
 * dropped). Exports take these: an async step per entry costs more than the entry's own work.
 */
export async function* walkBatches(http: HttpClient, params: QueryParams, opts: WalkOptions): AsyncGenerator<AuditEntry[]> {
  const perPage = Math.max(1, Math.min(MAX_PER_PAGE, Math.floor(opts.perPage ?? MAX_PER_PAGE)));
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? 1));
  const asc = opts.order === 'asc';
  const end = opts.end.getTime();
  // Stopping early (break/return) aborts whatever is still in flight.
  const stop = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal;
  const base: QueryParams = { ...params, sort: asc ? 'created_at_asc' : 'created_at_desc', per_page: perPage };
  delete base.created_after;
  delete base.created_before;
  const dedup = new EdgeDedup(opts.order);
  const progress: WalkProgress = { fetched: 0, total: null, requests: 0 };

  const fetchPage = (lo: number, hi: number, page: number): Promise<AuditPage> => {
    progress.requests += 1;
    // Split points are exact instants (entries at one are read on both sides, then dropped once); the
    // window's own end takes in its whole millisecond.
    return getAuditPage(http, { ...base, created_after: iso(lo), created_before: hi === end ? windowEndParam(hi) : iso(hi), page }, signal);
  };

  /**
   * Parallel requests are answered in any order, so a page fetched ahead may come from an older state
   * of the log than the page before it. Arrivals push entries to later offsets: such a page would
   * skip the entries pushed over the boundary between the two. Entries are never removed and the
   * window is fixed, so the API's total tells the states apart; an older page is fetched again.
   */
  async function answeredNoEarlier(previous: AuditPage, page: AuditPage, lo: number, hi: number, n: number): Promise<AuditPage> {
    for (let tries = 0; tries < 3 && previous.total !== null && page.total !== null && page.total < previous.total; tries++) {
      page = await fetchPage(lo, hi, n);
    }
    return page;
  }

  /** Pages of one window, in order; splits or continues the window where page 1000 would not suffice. */
  async function* walkWindow(lo: number, hi: number): AsyncGenerator<AuditEntry[]> {
    const first = await fetchPage(lo, hi, 1);
    if (progress.total === null) progress.total = first.total;
    if (first.total !== null && first.total > MAX_PAGE * perPage && hi - lo >= 2) {
      // Page 1 already holds the window's first entries in order: hand them over before splitting, so
      // a listing that needs no more (a small --limit) stops here. The halves fetch them again, and
      // EdgeDedup drops the repeats, as it does at the split instant (inclusive bounds on both halves).
      const mid = lo + Math.floor((hi - lo) / 2);
      yield first.data;
      const halves: Array<[number, number]> = asc ? [[lo, mid], [mid, hi]] : [[mid, hi], [lo, mid]];
      for (const [a, b] of halves) yield* walkWindow(a, b);
      return;
    }
    const planned = first.total === null ? MAX_PAGE : Math.min(MAX_PAGE, Math.ceil(first.total / perPage));
    const queue: Array<Promise<AuditPage>> = [];
    let next = 2;
    let received = 1;
    let page = first;
    for (;;) {
      yield page.data;
      if (page.data.length < perPage) return;
      if (received >= MAX_PAGE) break;
      // Parallel only within the planned pages; past them (entries arrived meanwhile) one at a time.
      const upTo = received + 1 > planned ? received + 1 : Math.min(planned, received + concurrency);
      while (next <= upTo) {
        const p = fetchPage(lo, hi, next++);
        p.catch(() => undefined); // awaited below, or abandoned after an early stop
        queue.push(p);
      }
      const previous = page;
      received += 1;
      page = await answeredNoEarlier(previous, await (queue.shift() as Promise<AuditPage>), lo, hi, received);
    }
    // Page 1000 was full and more remain (the window grew): go on from the last instant seen.
    const last = dedup.lastInstant;
    const progressed = last !== null && (asc ? last > lo : last < hi);
    if (!progressed) {
      throw new ApiError(`more than ${MAX_PAGE * perPage} entries share the instant ${iso(asc ? lo : hi)}; they cannot all be paged`);
    }
    yield* asc ? walkWindow(last, hi) : walkWindow(lo, last);
  }

  try {
    let start = opts.start?.getTime() ?? null;
    if (start === null) {
      progress.requests += 1;
      const oldest = await oldestEntryTime(http, { ...params, created_before: windowEndParam(end) });
      if (!oldest) return;
      start = oldest.getTime();
    }
    if (start > end) return;
    for await (const data of walkWindow(start, end)) {
      const fresh = data.filter((e) => dedup.admit(e));
      progress.fetched += fresh.length;
      opts.onProgress?.({ ...progress });
      if (fresh.length > 0) yield fresh;
    }
  } finally {
    stop.abort();
  }
}
