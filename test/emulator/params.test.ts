// Pure pieces of the emulator: ISO 8601 parsing for created_after/created_before, created_at
// formatting at three precisions, the seeded PRNG, and paging validation.
import { describe, expect, it } from 'vitest';
import { EmulatorApiError, parseInstant, parsePaging, readParams } from './params.js';
import { Random } from './random.js';
import { formatTime } from './wire-time.js';

const us = (iso: string, micro = 0): number => Date.parse(iso) * 1000 + micro;

describe('parseInstant', () => {
  it.each<[string, number]>([
    ['2026-11-25T14:03:11Z', us('2026-11-25T14:03:11Z')],
    ['2026-11-25T14:03:11.123Z', us('2026-11-25T14:03:11.123Z')],
    ['2026-11-25T14:03:11.123456Z', us('2026-11-25T14:03:11.123Z', 456)],
    ['2026-11-25T14:03:11.123456789Z', us('2026-11-25T14:03:11.123Z', 456)],
    ['2026-11-25T14:03:11.5Z', us('2026-11-25T14:03:11.500Z')],
    ['2026-11-25T16:03:11+02:00', us('2026-11-25T14:03:11Z')],
    ['2026-11-25T09:03:11-0500', us('2026-11-25T14:03:11Z')],
    ['2026-11-25T14:03:11+00', us('2026-11-25T14:03:11Z')],
    ['2026-11-25t14:03:11z', us('2026-11-25T14:03:11Z')],
    ['2026-11-25 14:03:11Z', us('2026-11-25T14:03:11Z')],
    ['2026-11-25T14:03', us('2026-11-25T14:03:00Z')],
    ['2026-11-25', us('2026-11-25T00:00:00Z')],
    ['2024-02-29', us('2024-02-29T00:00:00Z')],
  ])('%s -> %i', (text, expected) => {
    expect(parseInstant(text)).toBe(expected);
  });

  it.each(['', 'now', 'yesterday', '1700000000', '2026-11-25T14:03:11 02:00', '2026-13-01', '2025-02-29', '2026-11-25T24:00:00Z',
    '2026-11-25T14:60:00Z', '2026-11-25T14:03:11+25:00', '25/11/2026', '2026-11-25T14:03:11.Z', ' 2026-11-25'])(
    '%j is rejected',
    (text) => {
      expect(parseInstant(text)).toBeUndefined();
    },
  );
});

describe('formatTime', () => {
  it.each<[number, string]>([
    [us('2026-11-25T14:03:11Z'), '2026-11-25T14:03:11Z'],
    [us('2026-11-25T14:03:11.120Z'), '2026-11-25T14:03:11.120Z'],
    [us('2026-11-25T14:03:11.123Z', 456), '2026-11-25T14:03:11.123456Z'],
    [us('2026-11-25T14:03:11.000Z', 7), '2026-11-25T14:03:11.000007Z'],
  ])('%i -> %s and back', (value, text) => {
    expect(formatTime(value)).toBe(text);
    expect(parseInstant(text)).toBe(value);
  });
});

describe('paging validation', () => {
  it.each<[Record<string, string>, { page: number; perPage: number }]>([
    [{}, { page: 1, perPage: 25 }],
    [{ page: '1000', per_page: '100' }, { page: 1000, perPage: 100 }],
    [{ per_page: '101' }, { page: 1, perPage: 100 }],
    [{ per_page: '99999999999999999999999' }, { page: 1, perPage: 100 }],
    [{ page: '007' }, { page: 7, perPage: 25 }],
  ])('%j -> %j', (params, expected) => {
    expect(parsePaging(readParams(params))).toEqual(expected);
  });

  it.each(['0', '1001', '-1', '1e3', ' 1', 'abc'])('page=%j throws BAD_REQUEST', (page) => {
    expect(() => parsePaging(readParams({ page }))).toThrow(EmulatorApiError);
  });

  it('keeps the last of repeated parameters', () => {
    expect(readParams(new URLSearchParams('channel=api&channel=ui')).get('channel')).toBe('ui');
  });
});

describe('Random', () => {
  it('repeats its sequence for a seed and differs across seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, ((r) => () => r.next())(new Random(seed)));
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    expect(draw(1).every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
