// The listing serialiser writes exactly what JSON.stringify of the materialised entries would,
// hostile metadata, arrivals (at the end or in the middle) and filtered pages included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWorld } from './generator.js';
import { startEmulator, type Emulator } from './index.js';
import { entriesJson, warmEntriesJson } from './wire-json.js';
import { NOW } from './test-client.js';

describe('entriesJson', () => {
  it.each([
    ['ordinary', false],
    ['hostile', true],
  ])('matches JSON.stringify of every %s entry', (_name, hostile) => {
    const { store } = generateWorld({ entries: 3000, seed: 7, nowMs: NOW.getTime(), days: 30, hostile });
    const all = Array.from({ length: store.length }, (_, i) => i);
    expect(entriesJson(store, all)).toBe(JSON.stringify(all.map((i) => store.materialise(i))));
    // A second pass reads the cache: still the same text.
    expect(entriesJson(store, all.slice(5, 105))).toBe(JSON.stringify(all.slice(5, 105).map((i) => store.materialise(i))));
  });

  it('follows inserts that shift the entries (a warmed cache included)', () => {
    const world = generateWorld({ entries: 500, seed: 3, nowMs: NOW.getTime(), days: 10, hostile: false });
    const { store } = world;
    warmEntriesJson(store);
    const middle = store.times[250] as number;
    store.insert(world.nextId(), world.makeArrival(middle));
    store.insert(world.nextId(), world.makeArrival(NOW.getTime() * 1000));
    const all = Array.from({ length: store.length }, (_, i) => i);
    expect(entriesJson(store, all)).toBe(JSON.stringify(all.map((i) => store.materialise(i))));
  });

  it('writes [] for no entries', () => {
    const { store } = generateWorld({ entries: 10, seed: 1, nowMs: NOW.getTime(), days: 1, hostile: false });
    expect(entriesJson(store, [])).toBe('[]');
  });
});

describe('GET /api/audit_logs body', () => {
  let em: Emulator;
  beforeAll(async () => {
    em = await startEmulator({ entries: 2000, now: NOW, hostile: true });
  });
  afterAll(() => em.close());

  async function text(params: Record<string, string>): Promise<string> {
    const url = new URL('/api/audit_logs', em.url);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const res = await fetch(url, { headers: { Authorization: `Bearer ${em.keys.full}` } });
    return res.text();
  }

  it.each([
    [{ per_page: '100', page: '3', sort: 'created_at_asc' }],
    [{ per_page: '7', page: '2', q: 'secret' }],
    [{ per_page: '100', resource_type: 'Trick', sort: 'created_at_desc' }],
  ])('is the compact JSON of data and meta for %j', async (params) => {
    em.addEntries(3);
    const body = await text(params);
    const q = { ...params } as Record<string, string>;
    const expected = em.data.query(q);
    const page = Number((params as Record<string, string>).page ?? 1);
    const perPage = Number(params.per_page);
    const data = expected.slice((page - 1) * perPage, page * perPage);
    expect(body).toBe(JSON.stringify({ data, meta: { page, per_page: perPage, total: expected.length } }));
  });
});
