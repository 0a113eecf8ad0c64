import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareInstants, floorToMillis, parseInstant } from '../../src/model/instant.js';

describe('parseInstant', () => {
  it.each([
    ['1970-01-01T00:00:00Z', { seconds: 0, fraction: '' }],
    ['2026-11-25T14:03:11.123Z', { seconds: 1795615391, fraction: '123' }],
    ['2026-11-25T14:03:11.123000Z', { seconds: 1795615391, fraction: '123' }],
    ['2026-11-25T14:03:11.1234567Z', { seconds: 1795615391, fraction: '1234567' }],
    ['2026-11-25T15:03:11.5+01:00', { seconds: 1795615391, fraction: '5' }],
    ['2026-11-25T13:33:11-00:30', { seconds: 1795615391, fraction: '' }],
    ['2026-11-25t14:03:11z', { seconds: 1795615391, fraction: '' }],
    ['2026-11-25 14:03:11Z', { seconds: 1795615391, fraction: '' }],
    ['2024-02-29T00:00:00Z', { seconds: 1709164800, fraction: '' }],
    ['0050-01-01T00:00:00Z', { seconds: -60589296000, fraction: '' }],
  ])('%s', (text, expected) => {
    expect(parseInstant(text)).toEqual(expected);
  });

  it.each([
    ['2026-11-25T14:03:11'],
    ['2026-11-25'],
    ['2026-02-30T00:00:00Z'],
    ['2025-02-29T00:00:00Z'],
    ['2026-11-25T24:00:00Z'],
    ['2026-11-25T14:03:11.Z'],
    ['2026-13-01T00:00:00Z'],
    ['2026-11-25T14:03:1xZ'],
    ['2026-11-25T14:03:11.12aZ'],
    ['2026-11-25T14:03:11+25:00'],
    ['yesterday'],
    [''],
  ])('rejects %j', (text) => {
    expect(parseInstant(text)).toBeNull();
  });

  it.each([[null], [undefined], [1795615391], [{}]])('rejects non-text %j', (value) => {
    expect(parseInstant(value)).toBeNull();
  });
});

describe('compareInstants', () => {
  const cmp = (a: string, b: string) => compareInstants(parseInstant(a)!, parseInstant(b)!);
  it.each([
    ['2026-11-25T14:03:11.123Z', '2026-11-25T14:03:11.123Z', 0],
    ['2026-11-25T14:03:11.12Z', '2026-11-25T14:03:11.120000Z', 0],
    ['2026-11-25T14:03:11.1234Z', '2026-11-25T14:03:11.1235Z', -1],
    ['2026-11-25T14:03:11.1235Z', '2026-11-25T14:03:11.1234Z', 1],
    ['2026-11-25T14:03:11.123Z', '2026-11-25T14:03:11.1230001Z', -1],
    ['2026-11-25T14:03:11Z', '2026-11-25T14:03:11.000001Z', -1],
    ['2026-11-25T14:03:11.999999Z', '2026-11-25T14:03:12Z', -1],
    ['2026-11-25T15:03:11.5+01:00', '2026-11-25T14:03:11.5Z', 0],
  ])('%s vs %s -> %i', (a, b, expected) => {
    expect(Math.sign(cmp(a, b))).toBe(expected);
  });

  it('agrees with Date for millisecond timestamps', () => {
    const ms = fc.integer({ min: 0, max: 4_102_444_800_000 });
    fc.assert(
      fc.property(ms, ms, (a, b) => {
        const ia = parseInstant(new Date(a).toISOString())!;
        const ib = parseInstant(new Date(b).toISOString())!;
        expect(Math.sign(compareInstants(ia, ib))).toBe(Math.sign(a - b));
        expect(floorToMillis(ia)).toBe(a);
      }),
    );
  });
});

describe('floorToMillis', () => {
  it.each([
    ['2026-11-25T14:03:11Z', Date.parse('2026-11-25T14:03:11.000Z')],
    ['2026-11-25T14:03:11.1Z', Date.parse('2026-11-25T14:03:11.100Z')],
    ['2026-11-25T14:03:11.1239999Z', Date.parse('2026-11-25T14:03:11.123Z')],
    ['2026-11-25T14:03:11.9999Z', Date.parse('2026-11-25T14:03:11.999Z')],
  ])('%s', (text, expected) => {
    expect(floorToMillis(parseInstant(text)!)).toBe(expected);
  });
});
