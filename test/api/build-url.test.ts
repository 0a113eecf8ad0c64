// buildUrl serialises the query once; the URL is the one per-parameter searchParams.set() gives.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildUrl } from '../../src/api/http.js';
import type { QueryParams } from '../../src/api/types.js';

function setOneByOne(origin: string, path: string, query: QueryParams): string {
  const url = new URL(`/api/${path.replace(/^\/+/, '')}`, origin);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') url.searchParams.set(name, String(value));
  }
  return url.href;
}

describe('buildUrl', () => {
  it.each([
    [{ per_page: 100, page: 3, created_after: '2026-11-01T00:00:00.000Z', q: undefined, action_prefix: '' }, '/api/audit_logs?per_page=100&page=3&created_after=2026-11-01T00%3A00%3A00.000Z'],
    [{ q: 'a b&c=d/é', sort: 'created_at_desc' }, '/api/audit_logs?q=a+b%26c%3Dd%2F%C3%A9&sort=created_at_desc'],
    [{}, '/api/audit_logs'],
  ])('%j', (query, expected) => {
    const url = buildUrl('http://127.0.0.1:4010', '/audit_logs', query);
    expect(url.href).toBe(`http://127.0.0.1:4010${expected}`);
  });

  it('gives the same URL as setting each parameter in turn (property)', () => {
    const value = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.constant(undefined), fc.constant(''));
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), value, { maxKeys: 6 }), fc.constantFrom('audit_logs', '/api_keys/12'), (query, path) => {
        expect(buildUrl('https://fibe.gg', path, query).href).toBe(setOneByOne('https://fibe.gg', path, query));
      }),
      { numRuns: 2000 },
    );
  });
});
