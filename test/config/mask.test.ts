import { describe, expect, it } from 'vitest';
import { maskKey, redactKey, redactSecrets } from '../../src/config/mask.js';

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

describe('redactSecrets', () => {
  it('masks a whole key-shaped word even when the key in use is only its start (22 secret characters were shown)', () => {
    const inUse = 'fibe_live_3FJmbZnqpx';
    const pasted = 'fibe_live_3FJmbZnqpxYcdRLd7zVieArWGkihVwPV';
    const out = redactSecrets(`--since: cannot read '${pasted}'`, [inUse]);
    expect(out).toBe("--since: cannot read 'fibe_liv...VwPV'");
    expect(out).not.toContain('YcdRLd');
  });

  it('still masks a key that is not key-shaped, wherever it stands', () => {
    expect(redactSecrets('x custom-secret-value-123 y', ['custom-secret-value-123'])).toBe('x custom-s...-123 y');
  });
});
