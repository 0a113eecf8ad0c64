import { describe, expect, it } from 'vitest';
import { formatAbsolute, formatDay, formatHour, formatRelative, formatWindow } from '../../src/time/format.js';
import type { Zone } from '../../src/time/zone.js';

const zone = (name: string): Zone => ({ name, input: name });
const UTC = zone('UTC');
const BERLIN = zone('Europe/Berlin');

describe('formatAbsolute', () => {
  it.each([
    ['2026-11-25T14:03:11.123Z', UTC, '2026-11-25 14:03:11 UTC'],
    ['2026-11-25T14:03:11.123Z', BERLIN, '2026-11-25 15:03:11 CET'],
    ['2026-07-01T00:30:00Z', BERLIN, '2026-07-01 02:30:00 CEST'],
    ['2026-01-15T12:00:00Z', zone('America/New_York'), '2026-01-15 07:00:00 EST'],
    ['2026-07-15T12:00:00Z', zone('Europe/London'), '2026-07-15 13:00:00 BST'],
    ['2026-01-15T12:00:00Z', zone('Asia/Tokyo'), '2026-01-15 21:00:00 +09:00'],
    ['2026-01-15T12:00:00Z', zone('Asia/Kolkata'), '2026-01-15 17:30:00 +05:30'],
    ['2026-01-15T23:59:59Z', zone('America/Los_Angeles'), '2026-01-15 15:59:59 PST'],
    ['2026-01-01T00:00:00Z', UTC, '2026-01-01 00:00:00 UTC'],
  ])('%s in %o is %s', (at, z, expected) => {
    expect(formatAbsolute(at, z)).toBe(expected);
  });

  it('accepts a Date', () => {
    expect(formatAbsolute(new Date('2026-11-25T14:03:11Z'), UTC)).toBe('2026-11-25 14:03:11 UTC');
  });

  it('passes text that is not a time through unchanged', () => {
    expect(formatAbsolute('yesterday-ish', UTC)).toBe('yesterday-ish');
  });
});

describe('formatRelative', () => {
  const now = new Date('2026-11-26T12:00:00Z');
  it.each([
    ['2026-11-26T12:00:00Z', 'just now'],
    ['2026-11-26T11:59:51Z', 'just now'],
    ['2026-11-26T12:00:09Z', 'just now'],
    ['2026-11-26T11:59:50Z', '10s ago'],
    ['2026-11-26T11:59:15Z', '45s ago'],
    ['2026-11-26T11:59:00Z', '1m ago'],
    ['2026-11-26T11:48:00Z', '12m ago'],
    ['2026-11-26T09:00:00Z', '3h ago'],
    ['2026-11-25T12:00:01Z', '23h ago'],
    ['2026-11-24T12:00:00Z', '2d ago'],
    ['2025-11-26T12:00:00Z', '365d ago'],
    ['2026-11-26T12:05:00Z', 'in 5m'],
    // Never overstated: each unit floored; below 10 days or hours the next unit is added.
    ['2026-11-26T11:59:01Z', '59s ago'],
    ['2026-11-26T11:50:01Z', '9m ago'],
    ['2026-11-26T11:49:30Z', '10m ago'],
    ['2026-11-26T10:30:00Z', '1h 30m ago'],
    ['2026-11-26T02:00:01Z', '9h 59m ago'],
    ['2026-11-26T02:00:00Z', '10h ago'],
    ['2026-11-24T13:00:00Z', '1d 23h ago'],
    ['2026-11-24T12:00:01Z', '1d 23h ago'],
    ['2026-11-16T12:00:01Z', '9d 23h ago'],
    ['2026-11-16T12:00:00Z', '10d ago'],
    ['2026-11-27T14:00:00Z', 'in 1d 2h'],
    ['2026-11-26T15:00:00Z', 'in 3h'],
  ])('%s is %s', (at, expected) => {
    expect(formatRelative(at, now)).toBe(expected);
  });

  it('gives an empty string for text that is not a time', () => {
    expect(formatRelative('garbage', now)).toBe('');
  });
});

describe('formatWindow', () => {
  const end = new Date('2026-11-26T12:00:00Z');
  it.each([
    [new Date('2026-11-19T12:00:00Z'), UTC, 'window: 2026-11-19 12:00:00 UTC → 2026-11-26 12:00:00 UTC'],
    [new Date('2026-11-19T12:00:00Z'), BERLIN, 'window: 2026-11-19 13:00:00 CET → 2026-11-26 13:00:00 CET'],
    [null, UTC, 'window: the beginning → 2026-11-26 12:00:00 UTC'],
  ])('%s', (start, z, expected) => {
    expect(formatWindow(start, end, z)).toBe(expected);
  });
});

describe('calendar buckets', () => {
  it.each([
    ['2026-11-25T23:30:00Z', UTC, '2026-11-25', '2026-11-25 23:00'],
    ['2026-11-25T23:30:00Z', BERLIN, '2026-11-26', '2026-11-26 00:00'],
    ['2026-11-26T00:10:00Z', zone('America/New_York'), '2026-11-25', '2026-11-25 19:00'],
    [new Date('2026-03-29T01:30:00Z'), BERLIN, '2026-03-29', '2026-03-29 03:00'],
    // Clocks go back: the repeated hour's two buckets carry their offsets; the hours around it do not.
    ['2026-10-24T23:30:00Z', zone('Europe/London'), '2026-10-25', '2026-10-25 00:00'],
    ['2026-10-25T00:30:00Z', zone('Europe/London'), '2026-10-25', '2026-10-25 01:00+01:00'],
    ['2026-10-25T01:30:00Z', zone('Europe/London'), '2026-10-25', '2026-10-25 01:00+00:00'],
    ['2026-10-25T02:30:00Z', zone('Europe/London'), '2026-10-25', '2026-10-25 02:00'],
    ['2026-11-01T05:30:00Z', zone('America/New_York'), '2026-11-01', '2026-11-01 01:00-04:00'],
    ['2026-11-01T06:30:00Z', zone('America/New_York'), '2026-11-01', '2026-11-01 01:00-05:00'],
    ['2026-11-01T07:30:00Z', zone('America/New_York'), '2026-11-01', '2026-11-01 02:00'],
  ])('%s in %o', (at, z, day, hour) => {
    expect(formatDay(at, z)).toBe(day);
    expect(formatHour(at, z)).toBe(hour);
  });
});
