// The report's entry encoding gives back every record exactly: keys, key order and values, whatever
// the shape, times that are not toISOString's, repeated and unique values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEntries, encodeEntries } from '../../src/report/entry-codec.js';

const roundTrip = (records: Array<Record<string, unknown>>) => decodeEntries(JSON.parse(JSON.stringify(encodeEntries(records))));

describe('entry codec', () => {
  it('round-trips entries with odd times, shapes and values, in order', () => {
    const records = [
      { id: 1, created_at: '2026-11-25T08:00:00.000Z', action: 'a', metadata: { x: 1 }, actor: { kind: 'user', id: 7, label: null } },
      { id: 2, created_at: '2026-11-25T08:00:00Z', action: 'a', metadata: { x: 1 }, actor: { kind: 'user', id: 7, label: null } },
      { created_at: '2026-11-25T09:00:00+01:00', id: 3, action: null, metadata: null },
      { id: 4, created_at: 17, action: ['not', 'a', 'string'], resource_id: '9', extra: true },
      { id: 5, created_at: null, action: '<\/script>\u2028\u202e', metadata: { deep: { deeper: [1, { z: 'y' }] } } },
    ];
    const back = roundTrip(records);
    expect(back).toEqual(records);
    expect(back.map((r) => Object.keys(r))).toEqual(records.map((r) => Object.keys(r)));
  });

  it('stores each repeated value once and times as numbers where lossless', () => {
    const meta = { resource_name: 'x'.repeat(500) };
    const records = Array.from({ length: 100 }, (_, i) => ({ id: i, created_at: new Date(1_700_000_000_000 + i).toISOString(), action: 'trick.updated', metadata: meta }));
    const encoded = encodeEntries(records);
    expect(encoded.shapes).toHaveLength(1);
    expect(encoded.values).toEqual(['trick.updated', meta]);
    expect(encoded.rows[0]).toEqual([0, 0, 1_700_000_000_000, 0, 1]);
    expect(JSON.stringify(encoded).length).toBeLessThan(JSON.stringify(records).length / 10);
  });

  it('round-trips any JSON records (property)', () => {
    const record = fc.dictionary(fc.constantFrom('id', 'created_at', 'action', 'metadata', 'actor', 'resource_id', 'other'), fc.jsonValue());
    fc.assert(
      fc.property(fc.array(record, { maxLength: 20 }), (records) => {
        // JSON itself cannot carry -0; the report's data is JSON.
        const json = JSON.parse(JSON.stringify(records)) as Array<Record<string, unknown>>;
        expect(roundTrip(json)).toEqual(json);
      }),
    );
  });
});
