import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { UsageError } from '../../src/errors.js';
import { formatOffset, offsetAt, wallTimeAt } from '../../src/time/calendar.js';
import {
  ACCEPTED_TIME_FORMS,
  parseTimeExpression,
  parseTimestamp,
  parseTimestampFully,
  readUtcStamp,
  resolveWindow,
  type TimeFlag,
} from '../../src/time/parse.js';
import type { Zone } from '../../src/time/zone.js';
import { formatAbsolute } from '../../src/time/format.js';

const NOW = new Date('2026-11-26T12:00:00.000Z');
const zone = (name: string): Zone => ({ name, input: name });
const UTC = zone('UTC');
const BERLIN = zone('Europe/Berlin');
const NEW_YORK = zone('America/New_York');
const KOLKATA = zone('Asia/Kolkata');
const CHATHAM = zone('Pacific/Chatham');
const ZONES = [UTC, BERLIN, NEW_YORK, KOLKATA, CHATHAM];

const parse = (text: string, z: Zone = UTC, flag: TimeFlag = '--since') =>
  parseTimeExpression(text, { flag, now: NOW, zone: z }).toISOString();

describe('durations: always back from now, whatever the zone', () => {
  it.each([
    ['90s', '2026-11-26T11:58:30.000Z'],
    ['15m', '2026-11-26T11:45:00.000Z'],
    ['24h', '2026-11-25T12:00:00.000Z'],
    ['7d', '2026-11-19T12:00:00.000Z'],
    ['2w', '2026-11-12T12:00:00.000Z'],
    ['1d12h', '2026-11-25T00:00:00.000Z'],
    ['1D12H', '2026-11-25T00:00:00.000Z'],
    ['1h30m15s', '2026-11-26T10:29:45.000Z'],
    [' 7d ', '2026-11-19T12:00:00.000Z'],
    ['0s', '2026-11-26T12:00:00.000Z'],
    // Relative times as the tables print them, pasted back.
    ['6m ago', '2026-11-26T11:54:00.000Z'],
    ['1d 2h ago', '2026-11-25T10:00:00.000Z'],
    ['12h AGO', '2026-11-26T00:00:00.000Z'],
  ])('%s -> %s', (text, expected) => {
    for (const z of ZONES) {
      expect(parse(text, z, '--since')).toBe(expected);
      expect(parse(text, z, '--until')).toBe(expected);
    }
  });
});

describe('keywords: whole days in the zone (start in --since, last instant in --until)', () => {
  it.each([
    ['now', UTC, '2026-11-26T12:00:00.000Z', '2026-11-26T12:00:00.000Z'],
    ['NOW', CHATHAM, '2026-11-26T12:00:00.000Z', '2026-11-26T12:00:00.000Z'],
    ['today', UTC, '2026-11-26T00:00:00.000Z', '2026-11-26T23:59:59.999Z'],
    ['today', BERLIN, '2026-11-25T23:00:00.000Z', '2026-11-26T22:59:59.999Z'],
    ['today', NEW_YORK, '2026-11-26T05:00:00.000Z', '2026-11-27T04:59:59.999Z'],
    ['today', KOLKATA, '2026-11-25T18:30:00.000Z', '2026-11-26T18:29:59.999Z'],
    // 12:00Z is already 01:45 on the 27th in Chatham (+13:45 in its summer).
    ['today', CHATHAM, '2026-11-26T10:15:00.000Z', '2026-11-27T10:14:59.999Z'],
    ['Today', UTC, '2026-11-26T00:00:00.000Z', '2026-11-26T23:59:59.999Z'],
    ['yesterday', UTC, '2026-11-25T00:00:00.000Z', '2026-11-25T23:59:59.999Z'],
    ['yesterday', BERLIN, '2026-11-24T23:00:00.000Z', '2026-11-25T22:59:59.999Z'],
    ['yesterday', NEW_YORK, '2026-11-25T05:00:00.000Z', '2026-11-26T04:59:59.999Z'],
    ['yesterday', KOLKATA, '2026-11-24T18:30:00.000Z', '2026-11-25T18:29:59.999Z'],
    ['yesterday', CHATHAM, '2026-11-25T10:15:00.000Z', '2026-11-26T10:14:59.999Z'],
  ])('%s in %s', (text, z, since, until) => {
    expect(parse(text, z, '--since')).toBe(since);
    expect(parse(text, z, '--until')).toBe(until);
  });
});

describe('bare dates: the day in the zone', () => {
  it.each([
    ['2026-11-25', UTC, '2026-11-25T00:00:00.000Z', '2026-11-25T23:59:59.999Z'],
    ['2026-11-25', BERLIN, '2026-11-24T23:00:00.000Z', '2026-11-25T22:59:59.999Z'],
    ['2026-11-25', NEW_YORK, '2026-11-25T05:00:00.000Z', '2026-11-26T04:59:59.999Z'],
    ['2026-11-25', KOLKATA, '2026-11-24T18:30:00.000Z', '2026-11-25T18:29:59.999Z'],
    ['2026-11-25', CHATHAM, '2026-11-24T10:15:00.000Z', '2026-11-25T10:14:59.999Z'],
    // Berlin's spring-forward day has 23 hours, its fall-back day 25.
    ['2026-03-29', BERLIN, '2026-03-28T23:00:00.000Z', '2026-03-29T21:59:59.999Z'],
    ['2026-10-25', BERLIN, '2026-10-24T22:00:00.000Z', '2026-10-25T22:59:59.999Z'],
    ['2024-02-29', UTC, '2024-02-29T00:00:00.000Z', '2024-02-29T23:59:59.999Z'],
    ['2026-12-31', UTC, '2026-12-31T00:00:00.000Z', '2026-12-31T23:59:59.999Z'],
  ])('%s in %s', (text, z, since, until) => {
    expect(parse(text, z, '--since')).toBe(since);
    expect(parse(text, z, '--until')).toBe(until);
  });
});

describe('date-times: one instant in both flags', () => {
  it.each([
    ['2026-11-25T14:00', UTC, '2026-11-25T14:00:00.000Z'],
    ['2026-11-25T14:00', BERLIN, '2026-11-25T13:00:00.000Z'],
    ['2026-11-25T14:00', NEW_YORK, '2026-11-25T19:00:00.000Z'],
    ['2026-11-25T14:00', KOLKATA, '2026-11-25T08:30:00.000Z'],
    ['2026-11-25T14:00', CHATHAM, '2026-11-25T00:15:00.000Z'],
    ['2026-11-25 14:00:30', KOLKATA, '2026-11-25T08:30:30.000Z'],
    ['2026-11-25T14:00:00.25', UTC, '2026-11-25T14:00:00.250Z'],
    // Explicit Z or offset: the zone does not matter.
    ['2026-11-25T14:00:00Z', CHATHAM, '2026-11-25T14:00:00.000Z'],
    ['2026-11-25t14:00z', BERLIN, '2026-11-25T14:00:00.000Z'],
    ['2026-11-25T14:00:00.5+01:00', NEW_YORK, '2026-11-25T13:00:00.500Z'],
    ['2026-11-25T14:00:00.123456789-05:00', BERLIN, '2026-11-25T19:00:00.123Z'],
    ['2026-11-25T14:00+0530', UTC, '2026-11-25T08:30:00.000Z'],
    ['2026-11-25T14:00+13:45', UTC, '2026-11-25T00:15:00.000Z'],
    ['2026-11-25T14:00-03', UTC, '2026-11-25T17:00:00.000Z'],
    // DST edges. Berlin 02:30 on 2026-03-29 does not exist: it moves forward to 03:30 CEST.
    ['2026-03-29T02:30', BERLIN, '2026-03-29T01:30:00.000Z'],
    ['2026-03-29T01:59:59', BERLIN, '2026-03-29T00:59:59.000Z'],
    ['2026-03-29T03:00', BERLIN, '2026-03-29T01:00:00.000Z'],
    // Berlin 02:30 on 2026-10-25 happens twice: the earlier (CEST) one is taken.
    ['2026-10-25T02:30', BERLIN, '2026-10-25T00:30:00.000Z'],
    ['2026-10-25T02:30+01:00', BERLIN, '2026-10-25T01:30:00.000Z'],
    ['2026-10-25T03:00', BERLIN, '2026-10-25T02:00:00.000Z'],
    ['2026-03-08T02:30', NEW_YORK, '2026-03-08T07:30:00.000Z'],
    ['2026-11-01T01:30', NEW_YORK, '2026-11-01T05:30:00.000Z'],
    // Chatham moves 02:45 -> 03:45 on 2026-09-27 and 03:45 -> 02:45 on 2026-04-05.
    ['2026-09-27T03:00', CHATHAM, '2026-09-26T14:15:00.000Z'],
    ['2026-04-05T03:00', CHATHAM, '2026-04-04T13:15:00.000Z'],
  ])('%s in %s -> %s', (text, z, expected) => {
    expect(parse(text, z, '--since')).toBe(expected);
    expect(parse(text, z, '--until')).toBe(expected);
  });
});

describe('times as fibe-audit prints them (copied from a table back into --since)', () => {
  it.each([
    ['2026-12-04 17:49:34 UTC', BERLIN, '2026-12-04T17:49:34.000Z'],
    ['2026-12-04 17:49:34 GMT', NEW_YORK, '2026-12-04T17:49:34.000Z'],
    ['2026-12-04 17:49:34 Z', BERLIN, '2026-12-04T17:49:34.000Z'],
    ['2026-12-04 17:49 utc', UTC, '2026-12-04T17:49:00.000Z'],
    ['2026-12-04 18:49:34 CET', BERLIN, '2026-12-04T17:49:34.000Z'],
    ['2026-07-01 02:30:00 CEST', BERLIN, '2026-07-01T00:30:00.000Z'],
    ['2026-01-15 07:00:00 EST', NEW_YORK, '2026-01-15T12:00:00.000Z'],
    ['2026-01-15 21:00:00 +09:00', UTC, '2026-01-15T12:00:00.000Z'],
    ['2026-01-15 17:30:00 +05:30', BERLIN, '2026-01-15T12:00:00.000Z'],
    // The repeated hour: the abbreviation says which pass (summer time first).
    ['2026-10-25 02:30:00 CEST', BERLIN, '2026-10-25T00:30:00.000Z'],
    ['2026-10-25 02:30:00 CET', BERLIN, '2026-10-25T01:30:00.000Z'],
    // summary --by hour keys, both forms.
    ['2026-10-25 02:00+01:00', UTC, '2026-10-25T01:00:00.000Z'],
    ['2026-10-25 02:00', BERLIN, '2026-10-25T00:00:00.000Z'],
  ])('%s in %o', (text, z, expected) => {
    expect(parse(text, z)).toBe(expected);
    // As --until, a time to the second (a table row's) covers that whole second.
    const wholeSecond = /\d\d:\d\d:\d\d /.test(text);
    expect(parse(text, z, '--until')).toBe(new Date(Date.parse(expected) + (wholeSecond ? 999 : 0)).toISOString());
  });

  it('every absolute time formatAbsolute prints reads back to its instant (whole seconds)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), fc.constantFrom(...ZONES, zone('Europe/London'), zone('Asia/Tokyo')), (d, z) => {
        const whole = new Date(Math.floor(d.getTime() / 1000) * 1000);
        expect(parse(formatAbsolute(whole, z), z)).toBe(whole.toISOString());
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['2026-12-04 17:49:34 EST', BERLIN, "--since: '2026-12-04 17:49:34 EST' names zone EST, but the --tz zone Europe/Berlin shows CET at that time"],
    ['2026-07-01 02:30:00 CET', BERLIN, "--since: '2026-07-01 02:30:00 CET' names zone CET, but the --tz zone Europe/Berlin shows CEST at that time"],
    ['2026-12-04 17:49:34 CET', UTC, "--since: '2026-12-04 17:49:34 CET' names zone CET, but the --tz zone UTC shows UTC at that time"],
    ['2026-03-29 02:30:00 CET', BERLIN, "--since: '2026-03-29 02:30:00 CET' names zone CET, but the --tz zone Europe/Berlin skips that wall time"],
  ])('an abbreviation the --tz zone does not show then is refused: %s', (text, z, message) => {
    expect(() => parse(text, z)).toThrow(UsageError);
    expect(() => parse(text, z)).toThrow(message);
  });
});

describe('malformed expressions: exit 2 naming flag, value and accepted forms on one line', () => {
  it.each([
    [''],
    ['   '],
    ['3 days'],
    ['tomorrow'],
    ['yesterdays'],
    ['7'],
    ['d7'],
    ['-7d'],
    ['+7d'],
    ['1.5h'],
    ['7y'],
    ['now-1d'],
    ['2026/11/25'],
    ['25-11-2026'],
    ['Nov 25 2026'],
    ['2026-11-25T14'],
    ['2026-11-25Z'],
    ['2026-11-25T14:00:00.1234567890Z'],
    ['20261125'],
    ['2026-11-25T14:00 Europe/Berlin'],
  ])('%j', (text) => {
    for (const flag of ['--since', '--until'] as const) {
      let caught: unknown;
      try {
        parseTimeExpression(text, { flag, now: NOW, zone: UTC });
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(UsageError);
      const message = (caught as Error).message;
      expect(message).toBe(`${flag}: cannot read '${text}' as a time (${ACCEPTED_TIME_FORMS})`);
      expect(message).not.toContain('\n');
    }
  });

  it.each([
    ['2026-13-01'],
    ['2026-00-10'],
    ['2026-02-29'],
    ['2026-04-31'],
    ['2026-11-00'],
    ['0000-01-01'],
    ['2026-11-25T24:00'],
    ['2026-11-25T14:60'],
    ['2026-11-25T14:00:60'],
    ['2026-11-25T14:00+24:00'],
    ['2026-11-25T14:00+05:60'],
  ])('%s is not a real date or time', (text) => {
    expect(() => parse(text, BERLIN, '--until')).toThrow(UsageError);
    expect(() => parse(text, BERLIN, '--until')).toThrow(
      `--until: cannot read '${text}' as a time: no such date or time (${ACCEPTED_TIME_FORMS})`,
    );
  });

  it('refuses a duration beyond the range of dates', () => {
    expect(() => parse('104000000d')).toThrow(/^--since: cannot read '104000000d' as a time: out of range \(use /);
  });

  it('lists the forms the spec promises in the message', () => {
    expect(() => parse('3 days')).toThrow(
      "--since: cannot read '3 days' as a time (use 90s, 15m, 24h, 7d, 2w, 1d12h, now, today, yesterday, 2026-11-25, 2026-11-25T14:00, an ISO instant with Z/offset, or a time as printed (2026-11-25 14:00:00 UTC, 6m ago))",
    );
  });
});

describe('parseTimestamp (entry created_at)', () => {
  it.each([
    ['2026-11-25T14:03:11.123Z', Date.UTC(2026, 10, 25, 14, 3, 11, 123)],
    ['2026-11-25T14:03:11.123456Z', Date.UTC(2026, 10, 25, 14, 3, 11, 123)],
    ['2026-11-25T14:03:11Z', Date.UTC(2026, 10, 25, 14, 3, 11)],
    ['2026-11-25T15:03:11+01:00', Date.UTC(2026, 10, 25, 14, 3, 11)],
    ['2026-11-25T14:03:11', Date.UTC(2026, 10, 25, 14, 3, 11)],
    ['2016-12-31T23:59:60Z', Date.UTC(2017, 0, 1)],
  ])('%s', (text, expected) => {
    expect(parseTimestamp(text)).toBe(expected);
  });

  it.each([[''], ['yesterday'], [null], [1234], ['2026-02-30T00:00:00Z']])('%j is NaN', (value) => {
    expect(parseTimestamp(value)).toBeNaN();
  });
});

describe('readUtcStamp (the fast path of parseTimestamp)', () => {
  it.each([
    ['2026-11-25T14:03:11.123Z', Date.UTC(2026, 10, 25, 14, 3, 11, 123)],
    ['2026-11-25T14:03:11.1Z', Date.UTC(2026, 10, 25, 14, 3, 11, 100)],
    ['2026-11-25T14:03:11.12Z', Date.UTC(2026, 10, 25, 14, 3, 11, 120)],
    ['2026-11-25T14:03:11.123456789Z', Date.UTC(2026, 10, 25, 14, 3, 11, 123)],
    ['2026-11-25T14:03:11Z', Date.UTC(2026, 10, 25, 14, 3, 11)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    ['2016-12-31T23:59:60.5Z', Date.UTC(2017, 0, 1, 0, 0, 0, 500)],
  ])('reads %s', (text, expected) => {
    expect(readUtcStamp(text)).toBe(expected);
    expect(parseTimestamp(text)).toBe(expected);
  });

  it.each([
    ['2026-11-25T14:03:11.1234567890Z'], // 10 fraction digits: the grammar allows 9
    ['2026-11-25T14:03:11.Z'],
    ['2026-11-25T14:03:11,5Z'],
    ['2026-11-25t14:03:11Z'],
    ['2026-11-25T14:03:11z'],
    ['2026-11-25 14:03:11Z'],
    [' 2026-11-25T14:03:11Z'],
    ['2026-11-25T14:03:11+00:00'],
    ['0099-01-01T00:00:00Z'],
    ['2023-02-29T00:00:00Z'],
    ['2026-13-01T00:00:00Z'],
    ['2026-11-25T24:00:00Z'],
    ['2026-11-25T14:60:00Z'],
    ['2026-11-25T14:03:61Z'],
    ['2026-1a-25T14:03:11Z'],
  ])('leaves %j to the full grammar', (text) => {
    expect(readUtcStamp(text)).toBeUndefined();
  });

  it('agrees with the full grammar on the shapes it reads (property)', () => {
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    const stamp = fc
      .record({
        year: fc.integer({ min: 0, max: 9999 }),
        month: fc.integer({ min: 0, max: 13 }),
        day: fc.integer({ min: 0, max: 32 }),
        hour: fc.integer({ min: 0, max: 25 }),
        minute: fc.integer({ min: 0, max: 61 }),
        second: fc.integer({ min: 0, max: 61 }),
        fraction: fc.option(fc.stringMatching(/^\d{1,10}$/), { nil: undefined }),
      })
      .map((f) => `${pad(f.year, 4)}-${pad(f.month, 2)}-${pad(f.day, 2)}T${pad(f.hour, 2)}:${pad(f.minute, 2)}:${pad(f.second, 2)}${f.fraction === undefined ? '' : `.${f.fraction}`}Z`);
    const noise = fc.string({ unit: fc.constantFrom(...'0123456789-:.TZtz +'), maxLength: 32 });
    fc.assert(
      fc.property(fc.oneof(stamp, noise), (text) => {
        const fast = readUtcStamp(text);
        const full = parseTimestampFully(text);
        if (fast !== undefined) expect(fast).toBe(full);
        expect(Object.is(parseTimestamp(text), full)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('equal ends', () => {
  it("are one millisecond when both are given (an entry's own timestamp twice), a mistake for --since now", () => {
    const env = { now: new Date('2026-11-26T12:00:00Z'), zone: UTC, defaultSince: '7d' };
    const at = '2026-11-25T14:03:11.123456Z';
    expect(resolveWindow({ ...env, since: at, until: at })).toEqual({ start: new Date('2026-11-25T14:03:11.123Z'), end: new Date('2026-11-25T14:03:11.123Z') });
    expect(() => resolveWindow({ ...env, since: 'now' })).toThrow(/must be before/);
  });
});

describe('resolveWindow', () => {
  const env = { now: NOW, zone: UTC };

  it('defaults: ends now, starts defaultSince back', () => {
    const w = resolveWindow({ ...env, defaultSince: '7d' });
    expect(w.start?.toISOString()).toBe('2026-11-19T12:00:00.000Z');
    expect(w.end.toISOString()).toBe('2026-11-26T12:00:00.000Z');
  });

  it('a null default is the whole log', () => {
    expect(resolveWindow({ ...env, defaultSince: null })).toEqual({ start: null, end: NOW });
  });

  it('--since beats the default', () => {
    const w = resolveWindow({ ...env, since: '24h', defaultSince: '30d' });
    expect(w.start?.toISOString()).toBe('2026-11-25T12:00:00.000Z');
  });

  it('one bare date in both flags is that whole day', () => {
    const w = resolveWindow({ now: NOW, zone: BERLIN, since: '2026-11-25', until: '2026-11-25', defaultSince: '7d' });
    expect(w.start?.toISOString()).toBe('2026-11-24T23:00:00.000Z');
    expect(w.end.toISOString()).toBe('2026-11-25T22:59:59.999Z');
  });

  it('--since yesterday --until yesterday is all of yesterday', () => {
    const w = resolveWindow({ ...env, since: 'yesterday', until: 'yesterday', defaultSince: null });
    expect([w.start?.toISOString(), w.end.toISOString()]).toEqual(['2026-11-25T00:00:00.000Z', '2026-11-25T23:59:59.999Z']);
  });

  it('a default duration is measured back from --until', () => {
    const w = resolveWindow({ ...env, until: '2026-01-01T00:00Z', defaultSince: '7d' });
    expect(w.start?.toISOString()).toBe('2025-12-25T00:00:00.000Z');
    expect(w.end.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it.each([
    [{ since: 'today', until: 'yesterday' }, "--since 'today' (2026-11-26T00:00:00.000Z) must be before --until 'yesterday' (2026-11-25T23:59:59.999Z)"],
    [{ since: '2026-11-27' }, "--since '2026-11-27' (2026-11-27T00:00:00.000Z) must be before --until 'now' (2026-11-26T12:00:00.000Z)"],
    [{ since: 'now' }, "--since 'now' (2026-11-26T12:00:00.000Z) must be before --until 'now' (2026-11-26T12:00:00.000Z)"],
    [{ since: '1h', until: '2h' }, "--since '1h' (2026-11-26T11:00:00.000Z) must be before --until '2h' (2026-11-26T10:00:00.000Z)"],
  ])('refuses %j', (given, message) => {
    expect(() => resolveWindow({ ...env, ...given, defaultSince: '7d' })).toThrow(UsageError);
    expect(() => resolveWindow({ ...env, ...given, defaultSince: '7d' })).toThrow(message);
  });

  it('names the flag of a bad value', () => {
    expect(() => resolveWindow({ ...env, since: '7d', until: 'soon', defaultSince: null })).toThrow(/^--until: cannot read 'soon'/);
  });
});

describe('properties', () => {
  const instants = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-12-31T23:59:59Z'), noInvalidDate: true });
  const zones = fc.constantFrom(...ZONES);

  it('an ISO instant round-trips in any zone and either flag', () => {
    fc.assert(
      fc.property(instants, zones, fc.constantFrom<TimeFlag>('--since', '--until'), (d, z, flag) => {
        expect(parseTimeExpression(d.toISOString(), { flag, now: NOW, zone: z }).getTime()).toBe(d.getTime());
      }),
    );
  });

  it('a wall time with its offset round-trips', () => {
    fc.assert(
      fc.property(instants, zones, (d, z) => {
        const w = wallTimeAt(d, z);
        const p = (n: number, len = 2) => String(n).padStart(len, '0');
        const text = `${p(w.year, 4)}-${p(w.month)}-${p(w.day)}T${p(w.hour)}:${p(w.minute)}:${p(w.second)}.${p(w.millisecond, 3)}${formatOffset(offsetAt(d, z))}`;
        // Offsets of the early 1900s can carry seconds (LMT); those cannot be written as ±hh:mm.
        fc.pre(offsetAt(d, z) % 60_000 === 0);
        expect(parseTimeExpression(text, { flag: '--since', now: NOW, zone: UTC }).getTime()).toBe(d.getTime());
      }),
    );
  });

  it('a wall time without offset reads back to the same wall time, never later than the instant', () => {
    fc.assert(
      fc.property(instants, zones, (d, z) => {
        const w = wallTimeAt(d, z);
        const p = (n: number, len = 2) => String(n).padStart(len, '0');
        const text = `${p(w.year, 4)}-${p(w.month)}-${p(w.day)}T${p(w.hour)}:${p(w.minute)}:${p(w.second)}.${p(w.millisecond, 3)}`;
        const parsed = parseTimeExpression(text, { flag: '--until', now: NOW, zone: z });
        expect(wallTimeAt(parsed, z)).toEqual(w);
        expect(parsed.getTime()).toBeLessThanOrEqual(d.getTime());
      }),
    );
  });

  const expressions = fc.oneof(
    fc.tuple(fc.integer({ min: 0, max: 400 }), fc.constantFrom('s', 'm', 'h', 'd', 'w')).map(([n, u]) => `${n}${u}`),
    fc.constantFrom('now', 'today', 'yesterday'),
    instants.map((d) => d.toISOString().slice(0, 10)),
    instants.map((d) => d.toISOString().slice(0, 16)),
    instants.map((d) => d.toISOString()),
  );

  it('resolveWindow either refuses with a UsageError or gives since <= until (equal only when both are given)', () => {
    fc.assert(
      fc.property(fc.option(expressions, { nil: undefined }), fc.option(expressions, { nil: undefined }), zones, (since, until, z) => {
        let w;
        try {
          w = resolveWindow({ now: NOW, zone: z, defaultSince: '7d', ...(since ? { since } : {}), ...(until ? { until } : {}) });
        } catch (err) {
          expect(err).toBeInstanceOf(UsageError);
          expect((err as Error).message).toMatch(/must be before --until/);
          return;
        }
        expect(w.start).not.toBeNull();
        if (until === undefined) expect(w.start!.getTime()).toBeLessThan(w.end.getTime());
        else expect(w.start!.getTime()).toBeLessThanOrEqual(w.end.getTime());
      }),
    );
  });
});
