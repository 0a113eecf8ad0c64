import { describe, expect, it } from 'vitest';
import { RecentEntries, createActorSummary } from '../../src/model/actor-summary.js';
import { riskOf } from '../../src/model/action-risk.js';
import { makeEntry } from '../render/fixtures.js';
import type { Entry } from '../../src/model/entry.js';
import type { Zone } from '../../src/time/zone.js';

const UTC: Zone = { name: 'UTC', input: 'UTC' };
const window = { start: new Date('2026-11-22T12:00:00Z'), end: new Date('2026-11-26T12:00:00Z') };

/** Newest first, as the API walk gives them. */
const ENTRIES: Entry[] = [
  makeEntry({ id: 6, action: 'trick.destroyed', created_at: '2026-11-26T11:00:00Z', metadata: { resource_name: 'renamed-seed' } }),
  makeEntry({ id: 5, action: 'api_key.rotated', resource_type: 'ApiKey', resource_id: 30, created_at: '2026-11-26T10:00:00Z', metadata: { resource_name: 'new key' } }),
  makeEntry({ id: 4, action: 'trick.updated', created_at: '2026-11-25T10:00:00Z', metadata: {} }),
  makeEntry({ id: 3, action: 'trick.updated', created_at: '2026-11-24T10:00:00.5Z' }),
  makeEntry({ id: 2, action: 'session.revoked', resource_type: null, resource_id: null, created_at: '2026-11-24T09:00:00Z', metadata: null }),
  makeEntry({ id: 1, action: 'trick.created', created_at: '2026-11-23T00:00:00Z', actor: { kind: 'api_key', id: 15, label: 'old label' } }),
];

function summarise(entries: Entry[], keep: number | null, order: 'asc' | 'desc') {
  const b = createActorSummary({ zone: UTC, window, keep, order });
  entries.forEach((e) => b.add(e));
  return b.finish();
}

describe('createActorSummary', () => {
  const s = summarise(ENTRIES, 2, 'desc');

  it('counts totals, first and last seen, and actions by count then name', () => {
    expect(s.total).toBe(6);
    expect(s.firstSeen).toBe('2026-11-23T00:00:00Z');
    expect(s.lastSeen).toBe('2026-11-26T11:00:00Z');
    expect(s.byAction).toEqual([
      ['trick.updated', 2],
      ['api_key.rotated', 1],
      ['session.revoked', 1],
      ['trick.created', 1],
      ['trick.destroyed', 1],
    ]);
  });

  it('counts resources with the newest name, skipping entries about no resource', () => {
    expect(s.resources).toEqual([
      { resource_type: 'Trick', resource_id: 3312, resource_name: 'renamed-seed', count: 4 },
      { resource_type: 'ApiKey', resource_id: 30, resource_name: 'new key', count: 1 },
    ]);
  });

  it('fills every day of the window in the zone', () => {
    expect(s.perDay).toEqual([
      ['2026-11-22', 0],
      ['2026-11-23', 1],
      ['2026-11-24', 2],
      ['2026-11-25', 1],
      ['2026-11-26', 2],
    ]);
  });

  it('calls out destructive and security-sensitive actions', () => {
    expect(s.destructive).toBe(3);
    expect(s.calledOut).toEqual([
      { action: 'api_key.rotated', risk: 'security', count: 1 },
      { action: 'session.revoked', risk: 'destructive', count: 1 },
      { action: 'trick.destroyed', risk: 'destructive', count: 1 },
    ]);
  });

  it('keeps only the recent N and the newest actor', () => {
    expect(s.recent.map((e) => e.id)).toEqual([6, 5]);
    expect(s.latestActor).toEqual({ kind: 'api_key', id: 15, label: 'GitHub Actions CI' });
  });

  it('gives the same figures reading oldest first, recent entries through the ring buffer', () => {
    const asc = summarise([...ENTRIES].reverse(), 2, 'asc');
    expect({ ...asc, recent: asc.recent.map((e) => e.id) }).toEqual({ ...s, recent: [6, 5] });
  });

  it('keeps everything with keep = null, and reports an empty actor plainly', () => {
    expect(summarise(ENTRIES, null, 'desc').recent).toHaveLength(6);
    const none = summarise([], 20, 'desc');
    expect(none).toMatchObject({ total: 0, firstSeen: null, lastSeen: null, byAction: [], resources: [], destructive: 0, recent: [], latestActor: null });
    expect(none.perDay.every(([, n]) => n === 0)).toBe(true);
  });
});

describe('RecentEntries', () => {
  const e = (id: number) => makeEntry({ id });
  it.each<[number | null, 'asc' | 'desc', number[], number[]]>([
    [3, 'desc', [9, 8, 7, 6, 5], [9, 8, 7]],
    [3, 'asc', [1, 2, 3, 4, 5], [5, 4, 3]],
    [3, 'asc', [1, 2], [2, 1]],
    [1, 'asc', [1, 2, 3, 4], [4]],
    [0, 'asc', [1, 2], []],
    [null, 'asc', [1, 2, 3], [3, 2, 1]],
  ])('keep %s reading %s %j -> %j', (keep, order, input, expected) => {
    const r = new RecentEntries(keep, order);
    input.forEach((id) => r.push(e(id)));
    expect(r.list().map((x) => x.id)).toEqual(expected);
  });
});

describe('riskOf', () => {
  it.each([
    ['trick.destroyed', 'destructive'],
    ['playground.player.deleted', 'destructive'],
    ['session.revoked', 'destructive'],
    ['security_key.removed', 'destructive'],
    ['two_factor.disabled', 'destructive'],
    ['api_key.destroyed', 'destructive'],
    ['api_key.created', 'security'],
    ['secret.updated', 'security'],
    ['webhook_endpoint.created', 'security'],
    ['job_env.updated', 'security'],
    ['recovery_codes.regenerated', 'security'],
    ['two_factor.enabled', null],
    ['trick.created', null],
    ['playground.expired', null],
    ['', null],
    [undefined, null],
  ])('%s -> %s', (action, risk) => {
    expect(riskOf(action)).toBe(risk);
  });
});
