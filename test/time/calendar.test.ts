import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  dateKeyAt,
  daysInMonth,
  endOfDate,
  formatOffset,
  instantFromWall,
  offsetAt,
  startOfDay,
  wallTimeAt,
} from '../../src/time/calendar.js';

const iso = (d: Date) => d.toISOString();
const at = (s: string) => new Date(s);

describe('offsetAt', () => {
  it.each([
    ['2026-11-26T12:00:00Z', 'UTC', 0],
    ['2026-11-26T12:00:00Z', 'Europe/Berlin', 60],
    ['2026-07-01T12:00:00Z', 'Europe/Berlin', 120],
    ['2026-11-26T12:00:00Z', 'America/New_York', -300],
    ['2026-07-01T12:00:00Z', 'America/New_York', -240],
    ['2026-11-26T12:00:00Z', 'Asia/Kolkata', 330],
    ['2026-11-26T12:00:00Z', 'Pacific/Chatham', 825],
    ['2026-07-01T12:00:00Z', 'Pacific/Chatham', 765],
    // The instant of Berlin's spring change, one millisecond either side.
    ['2026-03-29T00:59:59.999Z', 'Europe/Berlin', 60],
    ['2026-03-29T01:00:00.000Z', 'Europe/Berlin', 120],
  ])('%s in %s is %i minutes', (instant, zone, minutes) => {
    expect(offsetAt(at(instant), zone)).toBe(minutes * 60_000);
  });
});

describe('wallTimeAt', () => {
  it.each([
    ['2026-11-26T12:00:00.250Z', 'UTC', [2026, 11, 26, 12, 0, 0, 250]],
    ['2026-11-26T12:00:00.250Z', 'Pacific/Chatham', [2026, 11, 27, 1, 45, 0, 250]],
    ['2026-11-26T23:30:00Z', 'Europe/Berlin', [2026, 11, 27, 0, 30, 0, 0]],
    ['2026-01-01T04:59:59.999Z', 'America/New_York', [2025, 12, 31, 23, 59, 59, 999]],
  ])('%s in %s', (instant, zone, [year, month, day, hour, minute, second, millisecond]) => {
    expect(wallTimeAt(at(instant), zone)).toEqual({ year, month, day, hour, minute, second, millisecond });
  });
});

describe('instantFromWall', () => {
  it.each([
    [{ year: 2026, month: 11, day: 25, hour: 14 }, 'UTC', '2026-11-25T14:00:00.000Z'],
    [{ year: 2026, month: 11, day: 25, hour: 14 }, 'Europe/Berlin', '2026-11-25T13:00:00.000Z'],
    [{ year: 2026, month: 11, day: 25, hour: 14 }, 'Asia/Kolkata', '2026-11-25T08:30:00.000Z'],
    // Gap: moves forward by the gap (03:30 CEST).
    [{ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin', '2026-03-29T01:30:00.000Z'],
    [{ year: 2026, month: 3, day: 29, hour: 2, minute: 0 }, 'Europe/Berlin', '2026-03-29T01:00:00.000Z'],
    // Ambiguous: the earlier instant (still CEST).
    [{ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Berlin', '2026-10-25T00:30:00.000Z'],
    [{ year: 2026, month: 10, day: 25, hour: 2, minute: 59, second: 59, millisecond: 999 }, 'Europe/Berlin', '2026-10-25T00:59:59.999Z'],
    [{ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York', '2026-03-08T07:30:00.000Z'],
    [{ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York', '2026-11-01T05:30:00.000Z'],
    [{ year: 2026, month: 9, day: 27, hour: 3 }, 'Pacific/Chatham', '2026-09-26T14:15:00.000Z'],
    [{ year: 2026, month: 4, day: 5, hour: 3 }, 'Pacific/Chatham', '2026-04-04T13:15:00.000Z'],
    // Samoa skipped 2011-12-30 entirely; its wall times land a day later.
    [{ year: 2011, month: 12, day: 30, hour: 12 }, 'Pacific/Apia', '2011-12-30T22:00:00.000Z'],
  ])('%o in %s', (wall, zone, expected) => {
    expect(iso(instantFromWall(wall, zone))).toBe(expected);
  });
});

describe('day boundaries', () => {
  const NOW = at('2026-11-26T12:00:00Z');
  it.each([
    ['UTC', '2026-11-26T00:00:00.000Z', '2026-11-26'],
    ['Europe/Berlin', '2026-11-25T23:00:00.000Z', '2026-11-26'],
    ['America/New_York', '2026-11-26T05:00:00.000Z', '2026-11-26'],
    ['Asia/Kolkata', '2026-11-25T18:30:00.000Z', '2026-11-26'],
    ['Pacific/Chatham', '2026-11-26T10:15:00.000Z', '2026-11-27'],
  ])('start of today in %s', (zone, start, key) => {
    expect(iso(startOfDay(NOW, zone))).toBe(start);
    expect(dateKeyAt(NOW, zone)).toBe(key);
  });

  it.each([
    [{ year: 2026, month: 3, day: 29 }, 'Europe/Berlin', '2026-03-29T21:59:59.999Z'],
    [{ year: 2026, month: 10, day: 25 }, 'Europe/Berlin', '2026-10-25T22:59:59.999Z'],
    [{ year: 2026, month: 12, day: 31 }, 'UTC', '2026-12-31T23:59:59.999Z'],
  ])('end of %o in %s', (date, zone, expected) => {
    expect(iso(endOfDate(date, zone))).toBe(expected);
  });

  it('a midnight that does not exist starts the day at 01:00 (Santiago, 2026-09-06)', () => {
    expect(wallTimeAt(startOfDay(at('2026-09-06T12:00:00Z'), 'America/Santiago'), 'America/Santiago')).toMatchObject({
      day: 6,
      hour: 1,
      minute: 0,
    });
  });
});

describe('calendar helpers', () => {
  it.each([
    [2024, 2, 29],
    [2026, 2, 28],
    [1900, 2, 28],
    [2000, 2, 29],
    [2026, 4, 30],
    [2026, 12, 31],
  ])('daysInMonth(%i, %i) = %i', (y, m, n) => {
    expect(daysInMonth(y, m)).toBe(n);
  });

  it.each([
    [{ year: 2026, month: 12, day: 31 }, 1, { year: 2027, month: 1, day: 1 }],
    [{ year: 2026, month: 3, day: 1 }, -1, { year: 2026, month: 2, day: 28 }],
    [{ year: 2024, month: 2, day: 28 }, 1, { year: 2024, month: 2, day: 29 }],
  ])('addDays(%o, %i)', (date, n, expected) => {
    expect(addDays(date, n)).toEqual(expected);
  });

  it.each([
    [0, '+00:00'],
    [3_600_000, '+01:00'],
    [-18_000_000, '-05:00'],
    [49_500_000, '+13:45'],
    [19_800_000, '+05:30'],
  ])('formatOffset(%i) = %s', (ms, text) => {
    expect(formatOffset(ms)).toBe(text);
  });
});

describe('properties', () => {
  const instants = fc.date({ min: at('1970-01-01T00:00:00Z'), max: at('2100-01-01T00:00:00Z'), noInvalidDate: true });
  const zones = fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'Australia/Lord_Howe');

  it('wall time -> instant -> wall time is the identity, and never lands after the instant', () => {
    fc.assert(
      fc.property(instants, zones, (d, zone) => {
        const wall = wallTimeAt(d, zone);
        const back = instantFromWall(wall, zone);
        expect(wallTimeAt(back, zone)).toEqual(wall);
        expect(back.getTime()).toBeLessThanOrEqual(d.getTime());
      }),
    );
  });

  it('every instant lies within its day', () => {
    fc.assert(
      fc.property(instants, zones, (d, zone) => {
        const start = startOfDay(d, zone);
        const wall = wallTimeAt(d, zone);
        const end = endOfDate(wall, zone);
        expect(start.getTime()).toBeLessThanOrEqual(d.getTime());
        expect(end.getTime()).toBeGreaterThanOrEqual(d.getTime());
        expect(dateKeyAt(start, zone)).toBe(dateKeyAt(end, zone));
      }),
    );
  });
});
