// Fault injection as a client sees it through fetch: 5xx, stalls, truncated and malformed bodies,
// resets, latency, 429s; the failNext queue; fault paths; seeded, and silent at rate 0.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator, type FaultKind, type Faults } from './index.js';
import { NOW } from './test-client.js';

let em: Emulator;
beforeAll(async () => {
  em = await startEmulator({ entries: 400, now: NOW });
});
afterAll(() => em.close());
afterEach(() => em.setFaults({ errorRate: 0, stallRate: 0, truncateRate: 0, malformedRate: 0, resetRate: 0, latencyMs: 0, paths: ['/api/audit_logs'] }));

const auth = () => ({ Authorization: `Bearer ${em.keys.full}` });
const logs = (signal?: AbortSignal) => fetch(`${em.url}/api/audit_logs?per_page=50`, { headers: auth(), signal });

/** What a client observes: a status and whether the body parsed, or how the request failed. */
async function observe(path = '/api/audit_logs?per_page=50', target: Emulator = em): Promise<string> {
  try {
    const res = await fetch(`${target.url}${path}`, { headers: { Authorization: `Bearer ${target.keys.full}` }, signal: AbortSignal.timeout(400) });
    let text: string;
    try {
      text = await res.text();
    } catch {
      return `${res.status} truncated`;
    }
    try {
      JSON.parse(text);
      return `${res.status} json`;
    } catch {
      return `${res.status} not-json`;
    }
  } catch (err) {
    return (err as Error).name === 'TimeoutError' ? 'timeout' : 'network-error';
  }
}

describe('fault rates', () => {
  it.each<[Partial<Faults>, string]>([
    [{ errorRate: 1, errorStatuses: [500] }, '500 json'],
    [{ errorRate: 1, errorStatuses: [502] }, '502 not-json'],
    [{ errorRate: 1, errorStatuses: [503] }, '503 not-json'],
    [{ stallRate: 1 }, 'timeout'],
    [{ truncateRate: 1 }, '200 truncated'],
    [{ malformedRate: 1 }, '200 not-json'],
    [{ resetRate: 1 }, 'network-error'],
  ])('%j -> %s', async (faults, seen) => {
    em.setFaults(faults);
    expect(await observe()).toBe(seen);
    expect(await observe('/api/me')).toBe('200 json');
  });

  it('a 500 keeps the error envelope and every injected error has a request id', async () => {
    em.setFaults({ errorRate: 1, errorStatuses: [500, 502] });
    for (let i = 0; i < 6; i++) {
      const res = await logs();
      expect([500, 502]).toContain(res.status);
      expect(res.headers.get('x-request-id')).toMatch(/^req_/);
      if (res.status === 500) expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INTERNAL_ERROR');
      else expect(res.headers.get('content-type')).toContain('text/html');
    }
  });

  it('malformed bodies come in both forms: cut JSON and an HTML page', async () => {
    em.setFaults({ malformedRate: 1 });
    const bodies = [await (await logs()).text(), await (await logs()).text()];
    expect(bodies.some((b) => b.startsWith('{"data":'))).toBe(true);
    expect(bodies.some((b) => b.startsWith('<!DOCTYPE html>'))).toBe(true);
  });

  it('latencyMs delays answers on fault paths only', async () => {
    em.setFaults({ latencyMs: 200 });
    let t = performance.now();
    expect((await logs()).status).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(190);
    t = performance.now();
    await fetch(`${em.url}/api/me`, { headers: auth() });
    expect(performance.now() - t).toBeLessThan(150);
  });

  it('faults follow `paths`', async () => {
    em.setFaults({ errorRate: 1, errorStatuses: [500], paths: ['/api/me'] });
    expect(await observe('/api/me')).toBe('500 json');
    expect(await observe()).toBe('200 json');
  });

  it('never fires at rate 0', async () => {
    em.setFaults({ errorRate: 0, stallRate: 0, truncateRate: 0, malformedRate: 0, resetRate: 0 });
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) seen.add(await observe());
    expect([...seen]).toEqual(['200 json']);
  });

  it('is seeded: the same seed gives the same fault sequence, a mix of faults and successes', async () => {
    const sequence = async (seed: number): Promise<string[]> => {
      const own = await startEmulator({ entries: 50, now: NOW, seed, faults: { errorRate: 0.3, malformedRate: 0.2 } });
      try {
        const out: string[] = [];
        for (let i = 0; i < 30; i++) out.push(await observe('/api/audit_logs', own));
        return out;
      } finally {
        await own.close();
      }
    };
    const a = await sequence(9);
    expect(await sequence(9)).toEqual(a);
    expect(new Set(a).size).toBeGreaterThanOrEqual(3);
  });
});

describe('failNext', () => {
  it('queues exact failures before any rate, then recovers', async () => {
    em.failNext(2, 'error', { status: 503, retryAfter: '2' });
    const first = await logs();
    const second = await logs();
    expect([first.status, second.status]).toEqual([503, 503]);
    expect(second.headers.get('retry-after')).toBe('2');
    expect((await logs()).status).toBe(200);
  });

  it('rate_limited answers 429 RATE_LIMITED with the given Retry-After', async () => {
    em.failNext(1, 'rate_limited', { retryAfter: '7' });
    const res = await logs();
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
  });

  it.each<[FaultKind, string]>([
    ['stall', 'timeout'],
    ['reset', 'network-error'],
    ['truncate', '200 truncated'],
    ['malformed', '200 not-json'],
    ['error', '500 json'],
  ])('%s -> %s, once', async (kind, seen) => {
    em.failNext(1, kind, kind === 'error' ? { status: 500 } : {});
    expect(await observe()).toBe(seen);
    expect(await observe()).toBe('200 json');
  });

  it('records every request, stalled ones with status 0', async () => {
    const before = em.requests.length;
    em.failNext(1, 'stall');
    await observe('/api/audit_logs?sort=created_at_asc&per_page=3');
    const rec = em.requests[before];
    expect(rec).toMatchObject({ method: 'GET', path: '/api/audit_logs', query: { sort: 'created_at_asc', per_page: '3' }, status: 0 });
    expect(rec?.rawUrl).toBe('/api/audit_logs?sort=created_at_asc&per_page=3');
    expect(rec?.headers.authorization).toBe(`Bearer ${em.keys.full}`);
  });
});
