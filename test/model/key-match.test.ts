import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maskedPartsOf, matchRawKey } from '../../src/model/key-match.js';
import type { ApiKeyRecord } from '../../src/model/entry.js';

function key(id: number, masked: string, label = `key ${id}`): ApiKeyRecord {
  return {
    id, label, scopes: [], expires_at: null, created_at: '2026-01-01T00:00:00Z', masked_token: masked,
    agent_accessible: false, rate_limit_rph_override: null, source: 'web',
  };
}

describe('maskedPartsOf', () => {
  it.each([
    ['fibe_live_AbCd...wxyz', { prefix: 'fibe_live_AbCd', suffix: 'wxyz' }],
    ['fibe_live_AbCd…wxyz', { prefix: 'fibe_live_AbCd', suffix: 'wxyz' }],
    ['fibe_live_AbCd****wxyz', { prefix: 'fibe_live_AbCd', suffix: 'wxyz' }],
    ['fibe_live_AbCd•••', { prefix: 'fibe_live_AbCd', suffix: '' }],
    ['fibe_live_AbCd..wxyz', { prefix: 'fibe_live_AbCd', suffix: 'wxyz' }],
    ['...wxyz', null],
    ['fibe_live_nomask', null],
    ['', null],
    [null, null],
    [42, null],
  ])('%j -> %j', (masked, parts) => {
    expect(maskedPartsOf(masked)).toEqual(parts);
  });
});

describe('matchRawKey', () => {
  const keys = [
    key(15, 'fibe_live_AbCd...wxyz'),
    key(17, 'fibe_live_Zz99...0000'),
    key(21, 'fibe_test_AbCd...wxyz'),
    key(30, 'no mask here'),
  ];

  it('finds the key whose visible prefix and suffix the raw key carries', () => {
    expect(matchRawKey('fibe_live_AbCdEFGHIJKLMNOPQRSTUVWXYZ0123wxyz', keys).map((k) => k.id)).toEqual([15]);
  });

  it('trims whitespace a copy-paste brings along', () => {
    expect((matchRawKey('  fibe_live_Zz99aaaaaaaaaaaa0000\n', keys)).map((k) => k.id)).toEqual([17]);
  });

  it('never matches on the prefix alone: a truncated or foreign string sharing a few characters is no match', () => {
    expect(matchRawKey('fibe_live_AbCdEFGH', keys)).toEqual([]);
    expect(matchRawKey('fibe_live_AbCd', keys)).toEqual([]);
    expect(matchRawKey('fibe_live_AbCdAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', keys)).toEqual([]);
  });

  it('tells apart keys that share a visible prefix by their visible end', () => {
    const twins = [key(1, 'fibe_live_Same...aaaa'), key(2, 'fibe_live_Same...bbbb')];
    expect(matchRawKey('fibe_live_SameXXXXXXXXbbbb', twins).map((k) => k.id)).toEqual([2]);
    expect(matchRawKey('fibe_live_SameXXXXXXXXcccc', twins)).toEqual([]);
  });

  it('matches nothing for another prefix or a raw key shorter than the visible prefix', () => {
    expect((matchRawKey('fibe_live_QQQQrest0000wxyz', keys))).toEqual([]);
    expect((matchRawKey('fibe_live_AbC', keys))).toEqual([]);
  });

  it('always resolves a token to its own key among keys with distinct visible parts (property)', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'.split('');
    const tokenArb = fc
      .array(fc.constantFrom(...alphabet), { minLength: 32, maxLength: 32 })
      .map((chars) => `fibe_live_${chars.join('')}`);
    fc.assert(
      fc.property(fc.uniqueArray(tokenArb, { minLength: 1, maxLength: 8, selector: (t) => t.slice(0, 14) }), fc.nat(), (tokens, pick) => {
        const list = tokens.map((t, i) => key(i + 1, `${t.slice(0, 14)}...${t.slice(-4)}`));
        const i = pick % tokens.length;
        const found = (matchRawKey(tokens[i] as string, list));
        expect(found.map((k) => k.id)).toEqual([i + 1]);
      }),
    );
  });
});
