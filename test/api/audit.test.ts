import { afterEach, describe, expect, it } from 'vitest';
import { oldestEntryTime, walkBatches, walkEntries, type WalkProgress } from '../../src/api/audit.js';
import { createHttpClient } from '../../src/api/http.js';
import { ForbiddenError } from '../../src/api/response-errors.js';
import type { HttpClient } from '../../src/api/types.js';
import type { AuditEntry } from '../../src/model/entry.js';
import { testContext } from '../helpers/run-cli.js';
import { json, startRouteServer, type RouteServer } from '../helpers/route-server.js';
import { makeEntry, stamp, startAuditServer } from './audit-server.js';

const BASE = Date.parse('2026-11-01T00:00:00.000Z');
const END = new Date('2026-11-26T12:00:00.000Z');

let servers: RouteServer[] = [];
let clients: HttpClient[] = [];
afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all(servers.map((s) => s.close()));
  for (const s of servers) expect(s.errors).toEqual([]);
  servers = [];
  clients = [];
});

async function serve(entries: AuditEntry[], omitTotal = false) {
  const server = await startAuditServer(entries, { omitTotal });
  servers.push(server);
  const { ctx } = testContext();
  const http = await createHttpClient(ctx, { origin: server.url, apiKey: 'fibe_test_walkwalkwalk', verbose: false, maxWaitMs: 60_000 });
  clients.push(http);
  return { server, http };
}

async function collect(gen: AsyncGenerator<AuditEntry>): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for await (const e of gen) out.push(e);
  return out;
}

/** n entries, three per millisecond, some with microseconds, ids ascending with time. */
function entries(n: number, perMs = 3): AuditEntry[] {
  return Array.from({ length: n }, (_, i) => makeEntry(i + 1, stamp(BASE, Math.floor(i / perMs), (i % perMs) * 250)));
}

function expectOrdered(list: AuditEntry[], order: 'asc' | 'desc') {
  const ids = list.map((e) => e.id);
  const sorted = [...ids].sort((a, b) => (order === 'asc' ? a - b : b - a));
  expect(ids).toEqual(sorted);
  expect(new Set(ids).size).toBe(ids.length);
}

describe('walkEntries', () => {
  it('sends the window as full UTC RFC 3339 with ms (the end through its last µs), the sort and page size; params pass through', async () => {
    const { server, http } = await serve(entries(5));
    const start = new Date('2026-10-31T23:00:00Z');
    const got = await collect(
      walkEntries(http, { action_prefix: 'trick.', created_after: '1999-01-01T00:00:00Z' }, { start, end: END, order: 'asc', perPage: 2 }),
    );
    expect(got.map((e) => e.id)).toEqual([1, 2, 3, 4, 5]);
    expect(server.requests.map((r) => r.query)).toEqual([1, 2, 3].map((page) => ({
      action_prefix: 'trick.',
      created_after: '2026-10-31T23:00:00.000Z',
      created_before: '2026-11-26T12:00:00.000999Z',
      sort: 'created_at_asc',
      per_page: '2',
      page: String(page),
    })));
  });

  it('with start null, finds the oldest matching entry first (sort asc, per_page 1) and starts there', async () => {
    const { server, http } = await serve(entries(4));
    const got = await collect(walkEntries(http, {}, { start: null, end: END, order: 'desc' }));
    expect(got.map((e) => e.id)).toEqual([4, 3, 2, 1]);
    expect(server.requests[0]?.query).toEqual({ created_before: '2026-11-26T12:00:00.000999Z', sort: 'created_at_asc', page: '1', per_page: '1' });
    expect(server.requests[1]?.query.created_after).toBe('2026-11-01T00:00:00.000Z');
  });

  it('with start null and nothing matching, yields nothing after one request', async () => {
    const { server, http } = await serve([]);
    expect(await collect(walkEntries(http, {}, { start: null, end: END, order: 'asc' }))).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it.each(['asc', 'desc'] as const)(
    'splits a window too big for page 1000 and emits every id once, in %s order, never past page 1000',
    async (order) => {
      const all = entries(2_600);
      const { server, http } = await serve(all);
      const progress: WalkProgress[] = [];
      const got = await collect(
        walkEntries(http, {}, { start: new Date(BASE), end: END, order, perPage: 2, concurrency: 4, onProgress: (p) => progress.push(p) }),
      );
      expect(got).toHaveLength(2_600);
      expectOrdered(got, order);
      expect(Math.max(...server.pages())).toBeLessThanOrEqual(1000);
      // the window was split: more than one distinct window end was asked for
      expect(new Set(server.requests.map((r) => r.query.created_before)).size).toBeGreaterThan(1);
      expect(progress[0]?.total).toBe(2_600);
      expect(progress.at(-1)).toMatchObject({ fetched: 2_600, total: 2_600 });
      expect(progress.at(-1)?.requests).toBe(server.requests.length);
    },
  );

  it('without meta.total, continues past page 1000 from the last instant instead of asking for page 1001', async () => {
    const { server, http } = await serve(entries(2_100), true);
    const got = await collect(walkEntries(http, {}, { start: new Date(BASE), end: END, order: 'asc', perPage: 2 }));
    expect(got).toHaveLength(2_100);
    expectOrdered(got, 'asc');
    expect(Math.max(...server.pages())).toBe(1000);
  });

  it('parallel page fetches still emit strictly in order', async () => {
    const { http } = await serve(entries(300));
    const got = await collect(walkEntries(http, {}, { start: new Date(BASE), end: END, order: 'desc', perPage: 7, concurrency: 4 }));
    expect(got).toHaveLength(300);
    expectOrdered(got, 'desc');
  });

  it('stops requesting when the consumer stops (concurrency 1: no page fetched ahead)', async () => {
    const { server, http } = await serve(entries(100));
    const got: AuditEntry[] = [];
    for await (const e of walkEntries(http, {}, { start: new Date(BASE), end: END, order: 'desc', perPage: 10 })) {
      got.push(e);
      if (got.length === 15) break;
    }
    expect(got.map((e) => e.id)).toEqual(Array.from({ length: 15 }, (_, i) => 100 - i));
    expect(server.pages()).toEqual([1, 2]);
    await new Promise((r) => setTimeout(r, 50));
    expect(server.requests).toHaveLength(2);
  });

  it('drops ids repeated across a page edge (pages shifted by arrivals)', async () => {
    const server = await startRouteServer();
    servers.push(server);
    const e = (id: number, ms: number) => makeEntry(id, stamp(BASE, ms));
    server.on('GET /api/audit_logs',
      json(200, { data: [e(9, 9), e(8, 8), e(7, 7)], meta: { total: 9 } }),
      // two newer entries arrived: page 2 repeats 8 and 7
      json(200, { data: [e(8, 8), e(7, 7), e(6, 6)], meta: { total: 11 } }),
      json(200, { data: [e(5, 5), e(4, 4)], meta: { total: 11 } }),
    );
    const { ctx } = testContext();
    const http = await createHttpClient(ctx, { origin: server.url, apiKey: 'fibe_test_walkwalkwalk', verbose: false, maxWaitMs: 0 });
    clients.push(http);
    const got = await collect(walkEntries(http, {}, { start: new Date(BASE), end: END, order: 'desc', perPage: 3 }));
    expect(got.map((x) => x.id)).toEqual([9, 8, 7, 6, 5, 4]);
  });

  it('403 means the key may not read the audit log (exit 4, scope hint)', async () => {
    const server = await startRouteServer();
    servers.push(server);
    server.on('GET /api/audit_logs', json(403, { error: { code: 'FORBIDDEN', message: 'nope' } }, { 'x-request-id': 'f-9' }));
    const { ctx } = testContext();
    const http = await createHttpClient(ctx, { origin: server.url, apiKey: 'fibe_test_walkwalkwalk', verbose: false, maxWaitMs: 0 });
    clients.push(http);
    let err: unknown;
    try {
      await collect(walkEntries(http, {}, { start: new Date(BASE), end: END, order: 'desc' }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ForbiddenError);
    expect((err as ForbiddenError).message).toBe('this key may not read the audit log (403 FORBIDDEN)');
    expect((err as ForbiddenError).exitCode).toBe(4);
    expect((err as ForbiddenError).hint).toContain('audit_logs:read');
    expect((err as ForbiddenError).requestId).toBe('f-9');
  });

  it('a start after the end yields nothing without a request', async () => {
    const { server, http } = await serve(entries(3));
    expect(await collect(walkEntries(http, {}, { start: new Date(END.getTime() + 1), end: END, order: 'asc' }))).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });
});

describe('oldestEntryTime', () => {
  it('returns the oldest created_at (to the ms) or null', async () => {
    const { http } = await serve([makeEntry(2, stamp(BASE, 5, 999)), makeEntry(1, stamp(BASE, 3, 400))]);
    expect((await oldestEntryTime(http, {}))?.toISOString()).toBe('2026-11-01T00:00:00.003Z');
    expect(await oldestEntryTime(http, { action_prefix: 'none.' })).toBeNull();
  });
});

describe('walkBatches', () => {
  it('gives the walk as non-empty runs of at most a page, split edges deduplicated, same entries as walkEntries', async () => {
    // Four entries share each millisecond, so split halves overlap and pages repeat ids at their edges.
    const all = entries(2_300, 4);
    const { http } = await serve(all);
    const runs: AuditEntry[][] = [];
    for await (const run of walkBatches(http, {}, { start: new Date(BASE), end: END, order: 'asc', perPage: 2, concurrency: 3 })) runs.push(run);
    expect(runs.every((r) => r.length >= 1 && r.length <= 2)).toBe(true);
    const flat = runs.flat();
    expect(flat).toHaveLength(2_300);
    expectOrdered(flat, 'asc');
    const single = await collect(walkEntries(http, {}, { start: new Date(BASE), end: END, order: 'asc', perPage: 2, concurrency: 3 }));
    expectOrdered(single, 'asc');
    expect(single.map((e) => e.id)).toEqual(flat.map((e) => e.id));
  });
});
