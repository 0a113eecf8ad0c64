// GET /api/audit_logs against FIBE-API.md: filters, inclusive windows, sorts with id tie-break,
// paging caps and clamping, validation errors, and entries arriving while a client reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type AuditEntryWire, type Emulator } from './index.js';
import { NOW, get, oracle, walk, type OracleFilter } from './test-client.js';

let em: Emulator;
let all: AuditEntryWire[];

beforeAll(async () => {
  em = await startEmulator({ entries: 5000, now: NOW });
  all = [...em.data.entries()];
});
afterAll(() => em.close());

function tieGroups(entries: readonly AuditEntryWire[]): AuditEntryWire[][] {
  const by = new Map<string, AuditEntryWire[]>();
  for (const e of entries) by.set(e.created_at, [...(by.get(e.created_at) ?? []), e]);
  return [...by.values()].filter((g) => g.length > 1);
}

describe('filters', () => {
  it.each<[string, OracleFilter]>([
    ['q (substring of action)', { q: 'destroy' }],
    ['q is case-insensitive', { q: 'PLAYGUARD' }],
    ['action_prefix', { action_prefix: 'playground.' }],
    ['action_prefix as an exact action', { action_prefix: 'trick.destroyed' }],
    ['resource_type', { resource_type: 'Trick' }],
    ['resource_type is exact (case matters)', { resource_type: 'trick' }],
    ['channel', { channel: 'webhook' }],
    ['a one-day window', { created_after: '2026-11-20T00:00:00Z', created_before: '2026-11-21T00:00:00Z' }],
    ['everything combined', { action_prefix: 'playground.', channel: 'system', resource_type: 'Playground', created_after: '2026-11-01T00:00:00Z', created_before: '2026-11-25T12:00:00Z' }],
  ])('%s: every page of both sorts matches an independent oracle', async (_name, filter) => {
    for (const sort of ['created_at_desc', 'created_at_asc'] as const) {
      const expected = oracle(all, { ...filter, sort });
      const got = await walk(em, { ...(filter as Record<string, string>), sort });
      expect(got.ids).toEqual(expected);
      expect(got.total).toBe(expected.length);
    }
  });

  it('walks the whole log both ways, each entry exactly the data object', async () => {
    const desc = await walk(em, {});
    expect(desc.ids).toEqual(oracle(all, {}));
    expect(desc.pages).toBe(50);
    const asc = await walk(em, { sort: 'created_at_asc' });
    expect(asc.ids).toEqual(all.map((e) => e.id));
    const page = await get(em, '/api/audit_logs', { sort: 'created_at_asc', per_page: 100, page: 7 });
    expect(page.body.data).toEqual(all.slice(600, 700));
  });

  it('matches data.query, the list tests compute expectations from', () => {
    const params = { action_prefix: 'trick.', sort: 'created_at_asc' };
    expect(em.data.queryIds(params)).toEqual(oracle(all, params as OracleFilter));
    expect(em.data.query(params).map((e) => e.id)).toEqual(em.data.queryIds(params));
  });

  it('ignores unknown parameters (there is no server-side actor filter)', async () => {
    const plain = await get(em, '/api/audit_logs');
    const extra = await get(em, '/api/audit_logs', { actor_id: 15, actor_type: 'ApiKey', foo: 'bar' });
    expect(extra.status).toBe(200);
    expect(extra.body).toEqual(plain.body);
  });
});

describe('time windows and ties', () => {
  it('created_after / created_before are inclusive: both at one instant give exactly its tie group', async () => {
    const group = tieGroups(all).find((g) => g.length >= 3) as AuditEntryWire[];
    expect(group).toBeDefined();
    const at = (group[0] as AuditEntryWire).created_at;
    const r = await get(em, '/api/audit_logs', { created_after: at, created_before: at });
    expect(r.body.data.map((e: AuditEntryWire) => e.id)).toEqual(group.map((e) => e.id).reverse());
    const asc = await get(em, '/api/audit_logs', { created_after: at, created_before: at, sort: 'created_at_asc' });
    expect(asc.body.data.map((e: AuditEntryWire) => e.id)).toEqual(group.map((e) => e.id));
  });

  it('compares at microsecond precision', async () => {
    const micro = all.find((e) => /\.\d{6}Z$/.test(e.created_at)) as AuditEntryWire;
    const ms = micro.created_at.replace(/(\.\d{3})\d{3}Z$/, '$1Z');
    const ids = async (p: Record<string, string>) => (await get(em, '/api/audit_logs', { ...p, per_page: 100 })).body.data.map((e: AuditEntryWire) => e.id);
    expect(await ids({ created_after: micro.created_at, created_before: micro.created_at })).toContain(micro.id);
    expect(await ids({ created_after: ms, created_before: ms })).not.toContain(micro.id);
    expect(await ids({ created_after: ms, created_before: micro.created_at })).toContain(micro.id);
  });

  it('reads offsets and whole seconds as the same instants', async () => {
    const utc = await get(em, '/api/audit_logs', { created_after: '2026-11-25T10:00:00Z', created_before: '2026-11-25T18:00:00.000Z' });
    const offset = await get(em, '/api/audit_logs', { created_after: '2026-11-25T12:00:00+02:00', created_before: '2026-11-25T13:00:00-05:00' });
    expect(offset.body.meta.total).toBe(utc.body.meta.total);
    expect(utc.body.meta.total).toBe(oracle(all, { created_after: '2026-11-25T10:00:00Z', created_before: '2026-11-25T18:00:00Z' }).length);
  });
});

describe('paging', () => {
  it('defaults to page 1 of 25, newest first, with meta', async () => {
    const r = await get(em, '/api/audit_logs');
    expect(r.status).toBe(200);
    expect(r.body.meta).toEqual({ page: 1, per_page: 25, total: 5000 });
    expect(r.body.data).toHaveLength(25);
    expect(r.body.data[0]).toEqual(all[all.length - 1]);
  });

  it('clamps per_page above 100 to 100 and says so in meta', async () => {
    const r = await get(em, '/api/audit_logs', { per_page: 500 });
    expect(r.body.meta).toEqual({ page: 1, per_page: 100, total: 5000 });
    expect(r.body.data).toHaveLength(100);
  });

  it.each([51, 1000])('page %i past the end is 200 with no data and the real total', async (page) => {
    const r = await get(em, '/api/audit_logs', { per_page: 100, page });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ data: [], meta: { page, per_page: 100, total: 5000 } });
  });

  it.each<[Record<string, string>]>([
    [{ page: '1001' }], [{ page: '0' }], [{ page: '-1' }], [{ page: 'abc' }], [{ page: '1.5' }], [{ page: '' }],
    [{ per_page: '0' }], [{ per_page: 'ten' }], [{ per_page: '-5' }],
    [{ created_after: 'yesterday' }], [{ created_after: '1700000000' }], [{ created_before: '2026-13-01T00:00:00Z' }],
    [{ created_after: '2026-11-25T25:00:00Z' }], [{ created_before: '2026-02-30' }], [{ created_after: '2026-11-25T10:00:00 02:00' }],
  ])('%j -> 400 BAD_REQUEST in the error envelope', async (params) => {
    const r = await get(em, '/api/audit_logs', params);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('BAD_REQUEST');
    expect(typeof r.body.error.message).toBe('string');
    expect(r.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it.each(['newest', 'created_at', 'CREATED_AT_DESC', 'id_desc'])('sort=%s -> 400 INVALID_SORT', async (sort) => {
    const r = await get(em, '/api/audit_logs', { sort });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('INVALID_SORT');
  });

  it('reading the audit log creates no entries', async () => {
    const before = em.data.count;
    for (let i = 0; i < 5; i++) await get(em, '/api/audit_logs', { page: i + 1 });
    await get(em, '/api/me');
    await get(em, '/api/api_keys');
    expect(em.data.count).toBe(before);
  });
});

describe('entries arriving', () => {
  let live: Emulator;
  beforeAll(async () => {
    live = await startEmulator({ entries: 500, now: NOW, seed: 5 });
  });
  afterAll(() => live.close());
  const current = () => [...live.data.entries()];

  it('arrivalsPerRequest appends entries at now on every audit_logs request', async () => {
    const newest = live.data.newest() as AuditEntryWire;
    live.setFaults({ arrivalsPerRequest: 3 });
    const r = await get(live, '/api/audit_logs', { per_page: 5 });
    await get(live, '/api/me');
    live.setFaults({ arrivalsPerRequest: 0 });
    expect(live.data.count).toBe(503);
    const arrived = r.body.data.slice(0, 3) as AuditEntryWire[];
    expect(arrived.map((e) => e.created_at)).toEqual(['2026-11-26T12:00:00Z', '2026-11-26T12:00:00Z', '2026-11-26T12:00:00Z']);
    expect(arrived.every((e) => e.id > newest.id)).toBe(true);
    expect(r.body.data[3]).toEqual(newest);
  });

  it('addEntries with sameTimestampAs newest makes a tie ordered by id', async () => {
    const newest = live.data.newest() as AuditEntryWire;
    const added = live.addEntries(2, { sameTimestampAs: 'newest' });
    expect(added.map((e) => e.created_at)).toEqual([newest.created_at, newest.created_at]);
    expect((added[0] as AuditEntryWire).id).toBeGreaterThan(newest.id);
    const r = await get(live, '/api/audit_logs', { created_after: newest.created_at, sort: 'created_at_asc', per_page: 100 });
    expect(r.body.data.map((e: AuditEntryWire) => e.id).slice(-2)).toEqual(added.map((e) => e.id));
  });

  it('keeps cached filter lists exact as entries arrive at the end and in the middle', async () => {
    const filter = { channel: 'api', sort: 'created_at_asc' } as const;
    expect((await walk(live, filter)).ids).toEqual(oracle(current(), filter));
    live.addEntries(40);
    expect((await walk(live, filter)).ids).toEqual(oracle(current(), filter));
    const late = live.addEntries(1, { at: new Date('2026-11-20T08:00:00.000Z') })[0] as AuditEntryWire;
    expect(late.id).toBe(Math.max(...current().map((e) => e.id)));
    expect((await walk(live, filter)).ids).toEqual(oracle(current(), filter));
    const around = await get(live, '/api/audit_logs', { created_after: late.created_at, created_before: late.created_at });
    expect(around.body.data.map((e: AuditEntryWire) => e.id)).toContain(late.id);
  });
});
