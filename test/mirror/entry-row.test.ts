// Mirror rows give back every entry byte for byte: rebuilt from the typed columns when that is exact
// (then no JSON is stored), kept whole otherwise (odd shapes, hostile values, other time formats).
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../emulator/index.js';
import { formatMicros, fromEntryRow, toEntryRow } from '../../src/mirror/entry-row.js';
import { microsOf as toMicros } from '../../src/model/instant.js';
import type { AuditEntry } from '../../src/model/entry.js';

const roundTrip = (e: AuditEntry) => JSON.stringify(fromEntryRow(toEntryRow(e)));

describe('mirror entry rows', () => {
  it('every generated entry, hostile ones too, reads back as the same JSON; plain ones store no JSON', async () => {
    const emu = await startEmulator({ entries: 3_000, seed: 11, hostile: true });
    try {
      let rebuilt = 0;
      for (const e of emu.data.entries()) {
        const json = JSON.stringify(e);
        const row = toEntryRow(JSON.parse(json) as AuditEntry);
        expect(JSON.stringify(fromEntryRow(row))).toBe(json);
        if (row.raw === null) rebuilt += 1;
      }
      expect(rebuilt).toBeGreaterThan(2_900);
    } finally {
      await emu.close();
    }
  });

  const base = { id: 7, resource_type: 'Trick', resource_id: 3, action: 'trick.created', channel: 'api', actor_type: 'Player', actor_id: 77, metadata: { resource_name: 'x' }, created_at: '2026-11-25T14:03:11.123Z' };
  it.each([
    ['another field order', Object.fromEntries(Object.entries(base).reverse())],
    ['an extra field', { ...base, extra: true }],
    ['a numeric string id', { ...base, id: '7' }],
    ['a float resource id', { ...base, resource_id: 3.5 }],
    ['a time with an offset', { ...base, created_at: '2026-11-25T15:03:11.123+01:00' }],
    ['trailing zeros in the fraction', { ...base, created_at: '2026-11-25T14:03:11.120000Z' }],
    ['nanoseconds', { ...base, created_at: '2026-11-25T14:03:11.123456789Z' }],
    ['a leap second', { ...base, created_at: '2016-12-31T23:59:60Z' }],
    ['a NUL in the action', { ...base, action: 'a\u0000b' }],
    ['a lone surrogate', { ...base, channel: 'x\ud800' }],
    ['a number as channel', { ...base, channel: 5 }],
    ['a resource_name that is not a string', { ...base, metadata: { resource_name: 5 } }],
  ])('%s: kept whole and read back unchanged', (_name, entry) => {
    const row = toEntryRow(entry as unknown as AuditEntry);
    expect(row.raw).toBe(JSON.stringify(entry));
    expect(roundTrip(entry as unknown as AuditEntry)).toBe(JSON.stringify(entry));
  });

  it('a plain entry needs no JSON, and metadata absent, null or nested round-trips', () => {
    expect(toEntryRow(base as unknown as AuditEntry).raw).toBeNull();
    const noMetadata = (({ metadata: _m, ...rest }) => rest)(base) as unknown as AuditEntry;
    expect(toEntryRow(noMetadata).raw).toBeNull();
    expect(roundTrip(noMetadata)).toBe(JSON.stringify(noMetadata));
    for (const metadata of [null, {}, { changes: { name: ['a', 'b'] }, n: 1e21 }]) {
      const e = { ...base, metadata } as unknown as AuditEntry;
      expect(roundTrip(e)).toBe(JSON.stringify(e));
    }
  });

  it.each(['2026-11-25T14:03:11Z', '2026-11-25T14:03:11.100Z', '2026-11-25T14:03:11.000123Z', '1970-01-01T00:00:00.001Z'])('%s <-> µs', (t) => {
    expect(formatMicros(toMicros(t) as number)).toBe(t);
  });
});
