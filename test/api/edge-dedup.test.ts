import { describe, expect, it } from 'vitest';
import { EdgeDedup } from '../../src/api/edge-dedup.js';

const e = (id: number, at: string) => ({ id, created_at: `2026-11-26T12:00:${at}Z` });

describe('EdgeDedup', () => {
  it.each([
    ['asc', [e(1, '00.000'), e(2, '00.000'), e(2, '00.000'), e(3, '01.000'), e(2, '00.000'), e(3, '01.000'), e(4, '01.000')], [1, 2, 3, 4]],
    ['desc', [e(4, '01.000'), e(3, '01.000'), e(4, '01.000'), e(2, '00.000'), e(3, '01.000'), e(1, '00.000')], [4, 3, 2, 1]],
    // microseconds within one millisecond are the same instant to a walk (the window works in ms)
    ['asc', [e(1, '00.000100'), e(2, '00.000900'), e(1, '00.000100'), e(3, '00.001')], [1, 2, 3]],
    // ids at one instant need not be in order
    ['asc', [e(9, '00.000'), e(3, '00.000'), e(9, '00.000'), e(5, '00.000')], [9, 3, 5]],
  ] as const)('%s: admits each id once', (order, input, expected) => {
    const d = new EdgeDedup(order);
    expect(input.filter((x) => d.admit(x)).map((x) => x.id)).toEqual(expected);
  });

  it('never drops an entry whose time cannot be read', () => {
    const d = new EdgeDedup('asc');
    expect(d.admit(e(1, '05.000'))).toBe(true);
    expect(d.admit({ id: 7, created_at: 'garbage' })).toBe(true);
    expect(d.admit({ id: 7, created_at: null })).toBe(true);
    expect(d.lastInstant).toBe(Date.parse('2026-11-26T12:00:05.000Z'));
  });
});
