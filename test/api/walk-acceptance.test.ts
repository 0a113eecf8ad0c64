// walkEntries and the HTTP layer against the emulator: big complete walks, arrivals, faults, early stop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkEntries, type WalkOptions } from '../../src/api/audit.js';
import { createHttpClient } from '../../src/api/http.js';
import type { HttpClient } from '../../src/api/types.js';
import type { HttpTuning } from '../../src/api/tuning.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, testContext } from '../helpers/run-cli.js';

async function clientFor(em: Emulator, http: Partial<HttpTuning> = {}) {
  const { ctx, sleeps } = testContext({ http });
  const client = await createHttpClient(ctx, { origin: em.url, apiKey: em.keys.full, verbose: false, maxWaitMs: 60_000 });
  return { client, sleeps };
}

async function ids(client: HttpClient, opts: WalkOptions): Promise<number[]> {
  const out: number[] = [];
  for await (const e of walkEntries(client, {}, opts)) out.push(e.id);
  return out;
}

const auditRequests = (em: Emulator) => em.requests.filter((r) => r.path === '/api/audit_logs');

describe('a 250,000-entry log', () => {
  let em: Emulator;
  let clock = FIXED_NOW.getTime();
  const end = FIXED_NOW;
  beforeAll(async () => {
    em = await startEmulator({ entries: 250_000, seed: 7, now: () => new Date(clock), rateLimitPerHour: 10_000_000 });
  }, 60_000);
  afterAll(() => em.close());

  it('asc, concurrency 4: every id exactly once, in order, no page above 1000', async () => {
    const { client } = await clientFor(em);
    try {
      const got = await ids(client, { start: null, end, order: 'asc', concurrency: 4 });
      const expected = em.data.queryIds({ sort: 'created_at_asc', created_before: end.toISOString() });
      expect(expected).toHaveLength(250_000);
      expect(got).toEqual(expected);
      const pages = auditRequests(em).map((r) => Number(r.query.page ?? 1));
      expect(Math.max(...pages)).toBeLessThanOrEqual(1000);
      // the window had to be split: more than one distinct window end was asked for
      expect(new Set(auditRequests(em).map((r) => r.query.created_before)).size).toBeGreaterThan(1);
    } finally {
      await client.close();
    }
  }, 120_000);

  it('entries arriving during the walk do not disturb the fixed window', async () => {
    em.requests.length = 0;
    clock = FIXED_NOW.getTime() + 1_000; // arrivals are stamped after the window's fixed end
    em.setFaults({ arrivalsPerRequest: 5 });
    const { client } = await clientFor(em);
    try {
      const start = new Date(FIXED_NOW.getTime() - 40 * 86_400_000);
      const got = await ids(client, { start, end, order: 'desc', concurrency: 4 });
      em.setFaults({ arrivalsPerRequest: 0 });
      expect(em.data.count).toBeGreaterThan(250_000);
      const window = { created_after: start.toISOString(), created_before: end.toISOString() };
      expect(got).toEqual(em.data.queryIds({ ...window, sort: 'created_at_desc' }));
      expect(Math.max(...auditRequests(em).map((r) => Number(r.query.page ?? 1)))).toBeLessThanOrEqual(1000);
    } finally {
      await client.close();
    }
  }, 120_000);
});

describe('faults and early stops', () => {
  let em: Emulator;
  beforeAll(async () => {
    em = await startEmulator({ entries: 3_000, seed: 3, now: FIXED_NOW, rateLimitPerHour: 1_000_000 });
  });
  afterAll(() => em.close());

  it('503s, dropped connections, truncated and malformed bodies are retried and the walk completes', async () => {
    em.requests.length = 0;
    // four in a row on the first request (the fifth attempt succeeds), then random faults throughout
    em.failNext(1, 'error', { status: 503 });
    em.failNext(1, 'reset');
    em.failNext(1, 'truncate');
    em.failNext(1, 'malformed');
    em.setFaults({ errorRate: 0.1, resetRate: 0.05, truncateRate: 0.05, malformedRate: 0.05 });
    const { client, sleeps } = await clientFor(em);
    try {
      const got = await ids(client, { start: null, end: FIXED_NOW, order: 'asc', perPage: 100, concurrency: 2 });
      em.setFaults({ errorRate: 0, resetRate: 0, truncateRate: 0, malformedRate: 0 });
      expect(got).toEqual(em.data.queryIds({ sort: 'created_at_asc', created_before: FIXED_NOW.toISOString() }));
      // every failed attempt was followed by one backoff sleep, and there were more than the queued four
      expect(sleeps.length).toBeGreaterThan(4);
      expect(client.requestCount).toBe(em.requests.length);
    } finally {
      await client.close();
    }
  });

  it('a stall past the headers timeout is retried', async () => {
    em.failNext(1, 'stall');
    const { client } = await clientFor(em, { headersTimeoutMs: 200 });
    try {
      const got = await ids(client, { start: new Date(FIXED_NOW.getTime() - 86_400_000), end: FIXED_NOW, order: 'desc' });
      expect(got).toEqual(em.data.queryIds({ created_after: new Date(FIXED_NOW.getTime() - 86_400_000).toISOString(), created_before: FIXED_NOW.toISOString() }));
    } finally {
      await client.close();
    }
  });

  it.each([1, 4])('a desc listing that stops early sends no request after the consumer stops (concurrency %i)', async (concurrency) => {
    em.requests.length = 0;
    const { client } = await clientFor(em);
    try {
      const got: number[] = [];
      for await (const e of walkEntries(client, {}, { start: new Date(FIXED_NOW.getTime() - 90 * 86_400_000), end: FIXED_NOW, order: 'desc', perPage: 50, concurrency })) {
        got.push(e.id);
        if (got.length === 120) break;
      }
      const sentAtStop = client.requestCount;
      // concurrency 1 fetches only what it yields (pages 1..3); 4 keeps up to 3 pages ahead (pages 1..6)
      expect(sentAtStop).toBe(concurrency === 1 ? 3 : 6);
      await new Promise((r) => setTimeout(r, 100));
      expect(client.requestCount).toBe(sentAtStop);
      expect(em.requests.length).toBeLessThanOrEqual(sentAtStop);
      expect(got).toEqual(em.data.queryIds({ created_before: FIXED_NOW.toISOString() }).slice(0, 120));
    } finally {
      await client.close();
    }
  });
});
