import { describe, expect, it } from 'vitest';
import { displayWidth, paddingFor, truncateToWidth } from '../../src/render/width.js';

describe('displayWidth', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['日本語', 6],
    ['한국', 4],
    ['ＡＢ', 4],
    ['😀x', 3],
    ['e\u0301', 1],
    ['\\x1b', 4],
    ['…', 1],
  ])('%j is %d cells', (text, w) => {
    expect(displayWidth(text)).toBe(w);
  });
});

describe('truncateToWidth', () => {
  it.each([
    ['nightly-seed', 20, 'nightly-seed'],
    ['nightly-seed', 12, 'nightly-seed'],
    ['nightly-seed', 11, 'nightly-se…'],
    ['nightly-seed', 1, '…'],
    ['nightly-seed', 0, ''],
    ['日本語テキスト', 6, '日本…'],
    ['日本語テキスト', 5, '日本…'],
    ['a😀b', 2, 'a…'],
  ])('%j to %d -> %j', (text, width, expected) => {
    const cut = truncateToWidth(text, width);
    expect(cut).toBe(expected);
    expect(displayWidth(cut)).toBeLessThanOrEqual(Math.max(0, width));
  });
});

describe('paddingFor', () => {
  it.each([
    [3, 5, '  '],
    [5, 5, ''],
    [7, 5, ''],
  ])('%d used of %d -> %j', (used, width, expected) => {
    expect(paddingFor(used, width)).toBe(expected);
  });
});
