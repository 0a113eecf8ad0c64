// The seeded generator: deterministic, realistic (both wire styles, every actor kind and action
// family, the demo's guarantees), hostile on request, and cheap at a million entries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type AuditEntryWire, type Emulator } from './index.js';
import { NOW, NOW_US, get, timeUs } from './test-client.js';

const HOUR_US = 3600e6;
const DAY_US = 24 * HOUR_US;

let em: Emulator;
let all: AuditEntryWire[];
beforeAll(async () => {
  em = await startEmulator({ entries: 5000, now: NOW });
  all = [...em.data.entries()];
});
afterAll(() => em.close());

const meta = (e: AuditEntryWire): Record<string, unknown> => e.metadata ?? {};
/** The key behind an entry, read straight off the wire in either style. */
function keyIdOf(e: AuditEntryWire): number | undefined {
  if (['ApiKey', 'api_key', 'Genie', 'Agent'].includes(e.actor_type ?? '')) return e.actor_id ?? undefined;
  if (e.actor_type === 'Player' && e.channel === 'api') return meta(e).api_key_id as number | undefined;
  return undefined;
}

describe('determinism', () => {
  it('same seed and now give identical data, keys and tokens; another seed differs', async () => {
    const again = await startEmulator({ entries: 5000, now: NOW });
    const other = await startEmulator({ entries: 5000, now: NOW, seed: 2 });
    try {
      expect(JSON.stringify([...again.data.entries()])).toBe(JSON.stringify(all));
      expect(again.keys).toEqual(em.keys);
      expect(again.data.apiKeys).toEqual(em.data.apiKeys);
      expect(again.data.users).toEqual(em.data.users);
      expect(JSON.stringify([...other.data.entries()])).not.toBe(JSON.stringify(all));
      expect(other.keys.full).not.toBe(em.keys.full);
    } finally {
      await Promise.all([again.close(), other.close()]);
    }
  });
});

describe('realism (seed 1)', () => {
  it('orders entries by (created_at, id) with strictly increasing ids, ties and mixed precision', () => {
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1] as AuditEntryWire, all[i] as AuditEntryWire];
      expect(b.id).toBeGreaterThan(a.id);
      expect(timeUs(b)).toBeGreaterThanOrEqual(timeUs(a));
    }
    const stamps = all.map((e) => e.created_at);
    expect(stamps.length - new Set(stamps).size).toBeGreaterThanOrEqual(20);
    expect(stamps.some((s) => /:\d{2}Z$/.test(s))).toBe(true);
    expect(stamps.some((s) => /\.\d{3}Z$/.test(s))).toBe(true);
    expect(stamps.some((s) => /\.\d{6}Z$/.test(s))).toBe(true);
  });

  it('spreads entries over 90 days up to now, denser recently', () => {
    const first = timeUs(all[0] as AuditEntryWire);
    const last = timeUs(all[all.length - 1] as AuditEntryWire);
    expect(first).toBeGreaterThanOrEqual(NOW_US - 91 * DAY_US);
    expect(first).toBeLessThan(NOW_US - 85 * DAY_US);
    expect(last).toBeLessThanOrEqual(NOW_US);
    expect(last).toBeGreaterThan(NOW_US - HOUR_US);
    const inLast30 = all.filter((e) => timeUs(e) > NOW_US - 30 * DAY_US).length;
    expect(inLast30).toBeGreaterThan(2 * all.filter((e) => timeUs(e) < NOW_US - 60 * DAY_US).length);
  });

  it('has every actor kind in both wire styles', () => {
    const has = (pred: (e: AuditEntryWire) => boolean) => all.some(pred);
    expect(has((e) => e.actor_type === 'Player' && e.channel === 'api' && meta(e).api_key_id === 15 && meta(e).agent_accessible === false)).toBe(true);
    expect(has((e) => e.actor_type === 'Player' && e.channel === 'api' && meta(e).agent_accessible === true && meta(e).api_key_label === 'triage-bot')).toBe(true);
    for (const type of ['ApiKey', 'api_key', 'Genie', 'Agent']) {
      expect(has((e) => e.actor_type === type && e.channel === 'api' && typeof e.actor_id === 'number')).toBe(true);
    }
    expect(has((e) => e.actor_type === 'User' && e.channel === 'ui')).toBe(true);
    expect(has((e) => e.actor_type === 'Player' && e.channel === 'ui' && e.actor_id === em.data.player.id)).toBe(true);
    expect(has((e) => e.channel === 'ui' && e.actor_id !== em.data.player.id)).toBe(true);
    for (const [type, channel] of [['Playguard', 'system'], ['System', 'system'], ['Stripe', 'webhook'], ['Automation', 'system']]) {
      expect(has((e) => e.actor_type === type && e.channel === channel && e.actor_id === null)).toBe(true);
    }
  });

  it('has every action family of FIBE-API.md, with names and changes', () => {
    const actions = new Set(all.map((e) => e.action));
    const known = [
      ...['marquee', 'prop', 'template', 'playspec', 'playground', 'trick', 'agent', 'webhook_endpoint'].flatMap((f) => [`${f}.created`, `${f}.updated`, `${f}.destroyed`]),
      'api_key.created', 'api_key.rotated', 'api_key.destroyed', 'secret.created', 'secret.updated', 'secret.rotated', 'secret.destroyed',
      'job_env.updated', 'two_factor.enabled', 'two_factor.disabled', 'security_key.registered', 'security_key.removed',
      'recovery_codes.regenerated', 'session.revoked', 'playground.player.deleted', 'playground.expired', 'playground.playguard.recovered',
    ];
    expect(known.filter((a) => !actions.has(a))).toEqual([]);
    const updates = all.filter((e) => e.action.endsWith('.updated'));
    expect(updates.filter((e) => meta(e).changes !== undefined).length).toBeGreaterThan(updates.length / 2);
    const change = updates.map((e) => meta(e).changes as Record<string, unknown[]> | undefined).find(Boolean) as Record<string, unknown[]>;
    expect(Object.values(change).every((v) => Array.isArray(v) && v.length === 2)).toBe(true);
    expect(all.filter((e) => typeof meta(e).resource_name === 'string').length).toBeGreaterThan(all.length * 0.9);
  });

  it('has partial and missing metadata and null resource ids', () => {
    expect(all.some((e) => e.metadata === null)).toBe(true);
    expect(all.some((e) => e.metadata !== null && Object.keys(e.metadata).length === 0)).toBe(true);
    expect(all.some((e) => e.actor_type === 'Player' && e.channel === 'api' && meta(e).api_key_id !== undefined && meta(e).api_key_label === undefined)).toBe(true);
    expect(all.some((e) => e.resource_id === null)).toBe(true);
  });

  it('keeps the guarantees the demo and investigations rely on', () => {
    const recent = (e: AuditEntryWire, hours: number) => timeUs(e) >= NOW_US - hours * HOUR_US;
    const ciDestroys = all.filter((e) => e.action === 'trick.destroyed' && keyIdOf(e) === 15 && recent(e, 24));
    expect(ciDestroys.length).toBeGreaterThanOrEqual(3);
    expect(all.some((e) => [21, 23].includes(keyIdOf(e) ?? -1) && recent(e, 48))).toBe(true);
    expect(all.some((e) => ['Playguard', 'System', 'Stripe', 'Automation'].includes(e.actor_type ?? '') && recent(e, 24))).toBe(true);
    for (const key of em.data.apiKeys) {
      const used = all.filter((e) => keyIdOf(e) === key.id);
      if (key.label === 'old laptop') {
        const expiry = Date.parse(key.expires_at as string) * 1000;
        expect(expiry).toBeLessThan(NOW_US);
        expect(used.length).toBeGreaterThan(0);
        expect(used.every((e) => timeUs(e) < expiry)).toBe(true);
      } else {
        expect(used.some((e) => recent(e, 30 * 24)), key.label).toBe(true);
      }
    }
  });

  it('describes 4-6 users and 8 keys; some keys report last_used_at, some do not', () => {
    expect(em.data.users.length).toBeGreaterThanOrEqual(4);
    expect(em.data.users.length).toBeLessThanOrEqual(6);
    expect(em.data.users[0]).toEqual(em.data.player);
    const keys = em.data.apiKeys;
    expect(keys).toHaveLength(8);
    expect(keys.filter((k) => typeof k.last_used_at === 'string').length).toBeGreaterThanOrEqual(4);
    expect(keys.some((k) => !('last_used_at' in k))).toBe(true);
    expect(keys.some((k) => k.masked_token.startsWith('fibe_test_'))).toBe(true);
  });
});

describe('sizes and spans', () => {
  it.each([0, 10, 137])('%i entries work', async (entries) => {
    const small = await startEmulator({ entries, now: NOW });
    try {
      expect(small.data.count).toBe(entries);
      const r = await get(small, '/api/audit_logs', { per_page: 100 });
      expect(r.body.meta.total).toBe(entries);
    } finally {
      await small.close();
    }
  });

  it('days narrows the span', async () => {
    const week = await startEmulator({ entries: 300, now: NOW, days: 7 });
    try {
      expect(timeUs([...week.data.entries()][0] as AuditEntryWire)).toBeGreaterThanOrEqual(NOW_US - 7 * DAY_US - 120e6);
    } finally {
      await week.close();
    }
  });

  it('generates a million entries cheaply (time printed, not asserted)', async () => {
    const t0 = performance.now();
    const big = await startEmulator({ entries: 1_000_000, now: NOW });
    const ms = performance.now() - t0;
    try {
      const heapMb = Math.round(process.memoryUsage().rss / 1e6);
      console.log(`emulator: 1,000,000 entries generated in ${Math.round(ms)} ms (process rss ${heapMb} MB)`);
      expect(big.data.count).toBe(1_000_000);
      const r = await get(big, '/api/audit_logs', { action_prefix: 'trick.', per_page: 100, page: 1000 });
      expect(r.body.data).toHaveLength(100);
    } finally {
      await big.close();
    }
  }, 60_000);
});

describe('hostile entries', () => {
  function depth(v: unknown): number {
    return v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v).map(depth)) : 0;
  }

  it('plants terminal escapes, formulas, huge and deep values, lone surrogates; still valid JSON on the wire', async () => {
    const bad = await startEmulator({ entries: 1500, now: NOW, hostile: true });
    try {
      const served: AuditEntryWire[] = [];
      for (let page = 1; page <= 15; page++) {
        const res = await fetch(`${bad.url}/api/audit_logs?per_page=100&sort=created_at_asc&page=${page}`, { headers: { Authorization: `Bearer ${bad.keys.full}` } });
        served.push(...((await res.json()) as { data: AuditEntryWire[] }).data);
      }
      expect(served).toEqual([...bad.data.entries()]);
      const texts = served.flatMap((e) => [e.action, e.actor_type ?? '', JSON.stringify(e.metadata) ?? '']);
      const wire = served.map((e) => JSON.stringify(e)).join('\n');
      expect(served.some((e) => e.action.includes('\u001b[31m'))).toBe(true);
      expect(served.some((e) => String(meta(e).resource_name).includes('\u001b]8;;'))).toBe(true);
      for (const needle of ['\\u0007', '\\r', '\\u0000', '\u202e', "=cmd|' /C calc'!A0", '\u009b', '\\ud800', '\\udc00']) {
        expect(texts.some((t) => t.includes(needle)), needle).toBe(true);
      }
      expect(wire.length).toBeGreaterThan(1024 * 1024);
      expect(Math.max(...served.map((e) => depth(e.metadata)))).toBeGreaterThanOrEqual(200);
      expect(served.some((e) => /[\ud800-\udbff](?![\udc00-\udfff])/.test(String(meta(e).resource_name)))).toBe(true);
    } finally {
      await bad.close();
    }
  });
});
