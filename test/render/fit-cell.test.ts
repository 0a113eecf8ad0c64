import { describe, expect, it } from 'vitest';
import { namedCell, shortCell, wrapItems, wrappedCell } from '../../src/render/fit-cell.js';

describe('namedCell: only the name gives way', () => {
  const key = namedCell({ head: 'key "', name: 'GitHub Actions CI', tail: '" #15', bare: 'key #15' });
  it.each([
    [40, 'key "GitHub Actions CI" #15'],
    [27, 'key "GitHub Actions CI" #15'],
    [20, 'key "GitHub Ac…" #15'],
    [12, 'key "G…" #15'],
    [11, 'key #15'],
    [3, 'key #15'],
  ])('at %i cells: %s', (width, shown) => {
    expect(key.fit(width)).toBe(shown);
  });

  it('has the bare form as its minimum, or `keep` cells of the name', () => {
    expect(key.min).toBe('key #15');
    expect(namedCell({ head: 'key "', name: 'GitHub Actions CI', tail: '" #15', bare: 'key #15', keep: 8 }).min).toBe('key "GitHub …" #15');
    expect(namedCell({ head: 'key "', name: 'GitHub Actions CI', tail: '" #15', bare: 'key #15', keep: 8 }).fit(5)).toBe('key "GitHub …" #15');
  });

  it('sanitises every part', () => {
    expect(namedCell({ head: 'key "', name: 'a\x1bb', tail: '" #1', bare: 'key #1' }).text).toBe('key "a\\x1bb" #1');
  });
});

describe('short and wrapped cells', () => {
  it('a short cell switches to its short form', () => {
    const c = shortCell('(427 more groups cut by --top)', '(427 more cut by --top)');
    expect(c.fit(40)).toBe('(427 more groups cut by --top)');
    expect(c.fit(25)).toBe('(427 more cut by --top)');
  });
  it('a wrapped cell breaks after a separator, never inside an item', () => {
    const c = wrappedCell(['playgrounds:read', 'playgrounds:write', 'tricks:write'], ', ');
    expect(c.fit(80)).toBe('playgrounds:read, playgrounds:write, tricks:write');
    expect(c.fit(36)).toBe('playgrounds:read, playgrounds:write,\ntricks:write');
    expect(c.fit(10)).toBe('playgrounds:read,\nplaygrounds:write,\ntricks:write');
    expect(c.min).toBe('playgrounds:write,');
  });
  it('wrapItems keeps an item longer than the width on its own line', () => {
    expect(wrapItems(['a', 'bbbbbbbb', 'c'], 4, ' ')).toEqual(['a', 'bbbbbbbb', 'c']);
  });
});
