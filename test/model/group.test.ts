import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatDay, formatHour } from '../../src/time/format.js';
import {
  createGrouper,
  dayKeysBetween,
  groupKeyOf,
  hourKeyOf,
  hourKeysBetween,
  type GroupBy,
} from '../../src/model/group.js';
import { makeEntry } from '../render/fixtures.js';
import type { Zone } from '../../src/time/zone.js';
import type { Entry } from '../../src/model/entry.js';

const zone = (name: string): Zone => ({ name, input: name });
const UTC = zone('UTC');
const BERLIN = zone('Europe/Berlin');
const TOKYO = zone('Asia/Tokyo');

describe('groupKeyOf', () => {
  const key = makeEntry();
  const genie = makeEntry({ actor: { kind: 'genie', id: 21, label: 'triage-bot' } });
  const user = makeEntry({ channel: 'ui', actor: { kind: 'user', id: 77, label: null } });
  const bot = makeEntry({ channel: 'system', actor_type: 'Playguard', actor: { kind: 'automation', id: null, label: 'Playguard' } });
  const odd = makeEntry({ actor_type: 'Martian', actor: { kind: 'unknown', id: null, label: 'Martian' }, resource_type: null, resource_id: null, channel: null });
  it.each<[GroupBy, Entry, string | null]>([
    ['action', key, 'trick.destroyed'],
    ['actor', key, 'key:15'],
    ['actor', genie, 'genie:21'],
    ['actor', user, 'user:77'],
    ['actor', bot, 'automation:Playguard'],
    ['actor', odd, 'unknown:Martian'],
    ['actor_type', genie, 'genie'],
    ['actor_type', bot, 'automation'],
    ['resource_type', key, 'Trick'],
    ['resource_type', odd, null],
    ['resource', key, 'Trick:3312'],
    ['resource', makeEntry({ resource_type: 'Subscription', resource_id: null }), 'Subscription'],
    ['resource', odd, null],
    ['channel', key, 'api'],
    ['channel', odd, null],
    ['day', key, '2026-11-26'],
    ['hour', key, '2026-11-26 09:00'],
    ['day', makeEntry({ created_at: 'not a time' }), null],
  ])('--by %s of %#', (by, entry, expected) => {
    expect(groupKeyOf(by, entry, UTC)).toBe(expected);
  });

  it('buckets days and hours in the zone', () => {
    const late = makeEntry({ created_at: '2026-11-25T23:30:00Z' });
    expect(groupKeyOf('day', late, UTC)).toBe('2026-11-25');
    expect(groupKeyOf('day', late, BERLIN)).toBe('2026-11-26');
    expect(groupKeyOf('hour', late, TOKYO)).toBe('2026-11-26 08:00');
  });
});

describe('calendar buckets', () => {
  it('lists every day of the window, first and last partial days included', () => {
    expect(dayKeysBetween(new Date('2026-11-19T12:00:00Z'), new Date('2026-11-26T12:00:00Z'), UTC)).toEqual([
      '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26',
    ]);
    expect(dayKeysBetween(new Date('2026-11-19T20:00:00Z'), new Date('2026-11-20T16:00:00Z'), TOKYO)).toEqual(['2026-11-20', '2026-11-21']);
  });

  it('lists hours in order, a repeated DST hour twice, each key carrying its offset', () => {
    expect(hourKeysBetween(new Date('2026-11-26T09:30:00Z'), new Date('2026-11-26T12:00:00Z'), UTC)).toEqual([
      '2026-11-26 09:00', '2026-11-26 10:00', '2026-11-26 11:00', '2026-11-26 12:00',
    ]);
    // Berlin leaves summer time on 2026-10-25: 02:00-03:00 local happens twice.
    expect(hourKeysBetween(new Date('2026-10-25T00:00:00Z'), new Date('2026-10-25T02:00:00Z'), BERLIN)).toEqual([
      '2026-10-25 02:00+02:00', '2026-10-25 02:00+01:00', '2026-10-25 03:00',
    ]);
    // London and New York: the repeated 01:00 hour, earlier instant (larger offset) first.
    expect(hourKeysBetween(new Date('2026-10-24T23:00:00Z'), new Date('2026-10-25T02:59:00Z'), zone('Europe/London'))).toEqual([
      '2026-10-25 00:00', '2026-10-25 01:00+01:00', '2026-10-25 01:00+00:00', '2026-10-25 02:00',
    ]);
    expect(hourKeysBetween(new Date('2026-11-01T04:00:00Z'), new Date('2026-11-01T07:00:00Z'), zone('America/New_York'))).toEqual([
      '2026-11-01 00:00', '2026-11-01 01:00-04:00', '2026-11-01 01:00-05:00', '2026-11-01 02:00',
    ]);
    // Lord Howe sets clocks back 30 minutes: 01:30-02:00 happens twice, so its 01:00 hour has two buckets.
    expect(hourKeysBetween(new Date('2026-04-04T13:00:00Z'), new Date('2026-04-04T16:00:00Z'), zone('Australia/Lord_Howe'))).toEqual([
      '2026-04-05 00:00', '2026-04-05 01:00+11:00', '2026-04-05 01:00+10:30', '2026-04-05 02:00',
    ]);
    expect(hourKeyOf(Date.parse('2026-03-29T01:00:00Z'), BERLIN)).toBe('2026-03-29 03:00');
  });
});

describe('day and hour keys agree with the zone formatter', () => {
  it.each(['Europe/Berlin', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'America/St_Johns', 'Pacific/Chatham', 'UTC'])(
    '%s, at any instant (one lookup per quarter-hour is cached)',
    (name) => {
      const z = zone(name);
      fc.assert(
        fc.property(fc.integer({ min: Date.parse('1850-01-01T00:00:00Z'), max: Date.parse('2040-01-01T00:00:00Z') }), (ms) => {
          expect(hourKeyOf(ms, z)).toBe(formatHour(new Date(ms), z));
          expect(groupKeyOf('day', makeEntry({ created_at: new Date(ms).toISOString() }), z)).toBe(formatDay(new Date(ms), z));
        }),
        { numRuns: 300 },
      );
    },
  );
});

describe('createGrouper', () => {
  const window = { start: new Date('2026-11-24T00:00:00Z'), end: new Date('2026-11-26T12:00:00Z') };
  const entries = [
    makeEntry({ id: 1, action: 'a.created', created_at: '2026-11-26T10:00:00Z' }),
    makeEntry({ id: 2, action: 'b.created', created_at: '2026-11-26T09:00:00Z' }),
    makeEntry({ id: 3, action: 'a.created', created_at: '2026-11-24T09:00:00Z' }),
    makeEntry({ id: 4, action: 'c.created', created_at: '2026-11-24T08:00:00Z' }),
    makeEntry({ id: 5, action: 'a.created', created_at: '2026-11-24T07:00:00Z' }),
    makeEntry({ id: 6, action: 'b.created', created_at: '2026-11-24T06:00:00Z' }),
  ];
  const run = (by: GroupBy, top: number) => {
    const g = createGrouper(by, UTC);
    entries.forEach((e) => g.add(e));
    return g.finish({ top, window });
  };

  it('sorts by count, then key, and keeps the newest entry as the sample', () => {
    const r = run('action', 20);
    expect(r.groups.map((g) => [g.key, g.count])).toEqual([['a.created', 3], ['b.created', 2], ['c.created', 1]]);
    expect(r.groups[0]?.sample?.id).toBe(1);
    expect(r.total).toBe(6);
    expect([r.cutGroups, r.cutEntries]).toEqual([0, 0]);
  });

  it('cuts to --top but counts the cut entries in the total', () => {
    const r = run('action', 1);
    expect(r.groups.map((g) => g.key)).toEqual(['a.created']);
    expect(r).toMatchObject({ total: 6, cutGroups: 2, cutEntries: 3 });
  });

  it('never cuts day buckets and zero-fills the window, in time order', () => {
    const r = run('day', 1);
    expect(r.groups.map((g) => [g.key, g.count])).toEqual([['2026-11-24', 4], ['2026-11-25', 0], ['2026-11-26', 2]]);
    expect(r.groups[1]?.sample).toBeNull();
    expect(r).toMatchObject({ total: 6, cutGroups: 0, cutEntries: 0 });
  });

  it('keeps buckets of entries outside the computed range rather than dropping them', () => {
    const g = createGrouper('day', UTC);
    g.add(makeEntry({ created_at: '2026-11-01T00:00:00Z' }));
    const r = g.finish({ top: 20, window: { start: new Date('2026-11-26T00:00:00Z'), end: new Date('2026-11-26T12:00:00Z') } });
    expect(r.groups.map((x) => [x.key, x.count])).toEqual([['2026-11-01', 1], ['2026-11-26', 0]]);
  });
});
