import { describe, expect, it } from 'vitest';
import { maskKey, redactKey } from '../../src/config/mask.js';

describe('maskKey', () => {
  it.each([
    ['fibe_test_0123456789abcdefwxyz', 'fibe_tes...wxyz'],
    ['fibe_live_abcdefghijklmnop', 'fibe_liv...mnop'],
    ['abcdefghijklm', 'abcdefgh...jklm'],
    ['abcdefghijkl', '***'],
    ['short', '***'],
    ['', '***'],
  ])('%j -> %s', (key, masked) => {
    expect(maskKey(key)).toBe(masked);
  });
});

describe('redactKey', () => {
  const key = 'fibe_live_supersecret_9876';
  it.each([
    [`token ${key} leaked`, 'token fibe_liv...9876 leaked'],
    [`${key}${key}`, 'fibe_liv...9876fibe_liv...9876'],
    ['nothing here', 'nothing here'],
  ])('%j -> %j', (line, out) => {
    expect(redactKey(line, key)).toBe(out);
  });

  it('leaves text alone for an empty key', () => {
    expect(redactKey('abc', '')).toBe('abc');
  });
});
