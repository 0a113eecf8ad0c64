// The entry lines the Parquet engine reads (export/parquet-line.ts) against the reference typing
// (toTypedRow): for random entries of every odd shape, the engine's columns equal the reference's
// value for value, and plain entries take the fast way (their own JSON, typed by the engine).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, DuckDBTimestampTZValue, type DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parquetLine, parquetLines } from '../../src/export/parquet-line.js';
import { PARQUET_COLUMNS, toTypedRow } from '../../src/export/parquet-row.js';
import { entryLinesQuery } from '../../src/mirror/parquet-lines.js';
import { attachActor } from '../../src/model/actor.js';
import type { AuditEntry, Entry } from '../../src/model/entry.js';

const dir = mkdtempSync(join(tmpdir(), 'fibe-audit-lines-'));
let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
});
afterAll(() => {
  connection.closeSync();
  instance.closeSync();
  rmSync(dir, { recursive: true, force: true });
});

/** What the engine gives back, as plain JavaScript values (BIGINT as number, instants as epoch µs). */
function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof DuckDBTimestampTZValue) return Number(v.micros);
  return v;
}

async function engineRows(entries: Entry[]): Promise<unknown[][]> {
  const file = join(dir, 'lines.ndjson');
  // Runs of three: whole runs go as one serialisation when the engine can read all of them.
  let text = '';
  for (let i = 0; i < entries.length; i += 3) text += parquetLines(entries.slice(i, i + 3));
  writeFileSync(file, text);
  return (await connection.runAndReadAll(entryLinesQuery(file, PARQUET_COLUMNS))).getRows().map((r) => r.map(plain));
}

function reference(e: Entry): unknown[] {
  const row = toTypedRow(e);
  return [...row.values, row.partition, row.createdText];
}

const text = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 4 },
  fc.constantFrom('\u0000', 'a\u0001', 'esc \u001b[31m', 'tab\tnew\nline\r\b\f', 'lone \ud800', '\udfff', '\u2028\u2029', 'del \u007f', 'back\\slash \\u0041', 'x\\x01y,"q" ;', '😀 é'),
);
const times = fc.oneof(
  { arbitrary: fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()), weight: 6 },
  fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.tuple(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: 0, max: 7 }))
    .map(([d, us, digits]) => `${d.toISOString().slice(0, 19)}${digits === 0 ? '' : `.${String(us).padStart(6, '0').slice(0, digits)}${digits === 7 ? '9' : ''}`}Z`),
  fc.constantFrom(
    '2026-02-29T00:00:00Z', '2024-02-29T12:00:00Z', '2026-04-31T00:00:00Z', '2026-13-01T00:00:00Z', '2026-00-10T00:00:00Z',
    '2026-06-30T23:59:60Z', '2026-06-30T24:00:00Z', '0999-12-31T23:59:59Z', '2026-06-30T12:00:00+02:00', '2026-06-30 12:00:00Z',
    '2026-06-30T12:00:00z', '2026-06-30T12:00:00.Z', ' 2026-06-30T12:00:00Z', '2026-06-30T12:00:00.1234567Z',
  ),
  fc.jsonValue({ maxDepth: 0 }),
);
// Mostly plain values, so that whole entries often are: one odd field is what sends an entry typed.
const odd = <T,>(plainValue: fc.Arbitrary<T>, oddValue: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: plainValue, weight: 6 }, { arbitrary: oddValue, weight: 1 });
const integerish = odd(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.constant(null)), fc.oneof(fc.constantFrom(2 ** 53, -(2 ** 53), 1.5, -0, 1e21), fc.jsonValue({ maxDepth: 0 })));
const stringish = odd(fc.oneof(text, fc.constant(null)), fc.jsonValue({ maxDepth: 1, stringUnit: 'binary' }));
const metadata = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }), weight: 4 },
  { arbitrary: fc.dictionary(text, fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null)), { maxKeys: 4 }), weight: 4 },
  fc.dictionary(fc.constantFrom('resource_name', 'api_key_id', 'api_key_label', 'agent_accessible', 'username', 'changes', '__proto__'), fc.jsonValue({ maxDepth: 2 })),
  fc.record({ resource_name: text, n: fc.oneof(fc.integer(), fc.double()) }),
  fc.integer({ min: 60, max: 80 }).map((depth) => {
    let v: unknown = 1;
    for (let i = 0; i < depth; i++) v = [v];
    return { deep: v };
  }),
);
const wire = fc.record(
  {
    id: integerish,
    resource_type: stringish,
    resource_id: integerish,
    action: stringish,
    channel: fc.oneof(fc.constantFrom('api', 'ui', 'API', null), stringish),
    actor_type: fc.oneof(fc.constantFrom('Player', 'api_key', 'Genie', 'system', 'stripe', 'ApiKey'), stringish),
    actor_id: fc.oneof(integerish, fc.constantFrom('15', 'x7')),
    metadata,
    created_at: times,
    fibe_row: odd(fc.constant(undefined), fc.jsonValue({ maxDepth: 1 })),
    extra: odd(fc.jsonValue({ maxDepth: 2 }), fc.jsonValue({ maxDepth: 2, stringUnit: 'binary' })),
  },
  { requiredKeys: ['id', 'created_at'] },
);

describe('entry lines for the Parquet engine', () => {
  it('type every entry as toTypedRow does, whichever way the line goes', async () => {
    let lines = 0;
    let fast = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(wire, { minLength: 1, maxLength: 40 }), async (raws) => {
        const entries = raws.map((raw) => attachActor(JSON.parse(JSON.stringify(raw)) as AuditEntry));
        lines += entries.length;
        fast += entries.filter((e) => !parquetLine(e).startsWith('{"fibe_row":')).length;
        expect(await engineRows(entries)).toEqual(entries.map(reference));
      }),
      { numRuns: 150 },
    );
    // Both ways are well exercised (the shares depend on the generators above, not on luck).
    expect(fast / lines).toBeGreaterThan(0.1);
    expect(fast / lines).toBeLessThan(0.9);
  });

  it('read whole runs of plain-typed entries as toTypedRow does, control characters and lone surrogates included', async () => {
    const plainWire = fc.record({
      id: fc.maxSafeInteger(),
      resource_type: text,
      resource_id: fc.option(fc.integer(), { nil: null }),
      action: text,
      channel: fc.constantFrom('api', 'ui'),
      actor_type: fc.constantFrom('Player', 'api_key', 'Genie', 'system'),
      actor_id: fc.integer({ min: 1, max: 99 }),
      metadata: fc.dictionary(text, fc.oneof(text, fc.integer(), fc.boolean()), { maxKeys: 3 }),
      created_at: fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(plainWire, { minLength: 1, maxLength: 6 }), async (raws) => {
        const entries = raws.map((raw) => attachActor(JSON.parse(JSON.stringify(raw)) as AuditEntry));
        const file = join(dir, 'run.ndjson');
        writeFileSync(file, parquetLines(entries));
        const rows = (await connection.runAndReadAll(entryLinesQuery(file, PARQUET_COLUMNS))).getRows().map((r) => r.map(plain));
        expect(rows).toEqual(entries.map(reference));
      }),
      { numRuns: 150 },
    );
  });

  it('take entries up to 16 MiB of JSON, and refuse a bigger one by its id before the engine sees it', async () => {
    const base = { resource_type: 'Trick', resource_id: 3, action: 'trick.created', channel: 'api', actor_type: 'Player', actor_id: 1, created_at: '2026-09-05T21:05:51Z' };
    const fits = attachActor({ ...base, id: 1, metadata: { blob: 'A'.repeat(15 * 1024 * 1024) } } as AuditEntry);
    const tooBig = attachActor({ ...base, id: 2, metadata: { blob: 'é'.repeat(9 * 1024 * 1024) } } as AuditEntry);
    expect(await engineRows([fits])).toEqual([reference(fits)]);
    // At the limit exactly (the engine counts the newline too).
    const room = 16 * 1024 * 1024 - parquetLine(attachActor({ ...base, id: 3, metadata: { blob: '' } } as AuditEntry)).length;
    const atLimit = attachActor({ ...base, id: 3, metadata: { blob: 'B'.repeat(room) } } as AuditEntry);
    expect(Buffer.byteLength(parquetLine(atLimit))).toBe(16 * 1024 * 1024);
    expect(await engineRows([atLimit])).toEqual([reference(atLimit)]);
    const overLimit = attachActor({ ...base, id: 4, metadata: { blob: 'B'.repeat(room + 1) } } as AuditEntry);
    expect(() => parquetLines([overLimit])).toThrow(/^entry 4 is too big for a Parquet export/);
    expect(() => parquetLines([fits, tooBig])).toThrow(/^entry 2 is too big for a Parquet export \(18 MiB of JSON; the limit is 16 MiB\)$/);
  });

  it('send plain entries as their own JSON, and odd ones typed', async () => {
    const plainEntry = attachActor({
      id: 7, resource_type: 'Trick', resource_id: 3, action: 'trick.destroyed', channel: 'api', actor_type: 'Player', actor_id: 77,
      metadata: { api_key_id: 15, api_key_label: 'CI “deploy” ✓', resource_name: 'queue\nconsumer', changes: { on: [true, false], n: [1, -2] } },
      created_at: '2026-09-05T21:05:51.881566Z',
    } as AuditEntry);
    expect(parquetLine(plainEntry)).toBe(JSON.stringify(plainEntry));
    const odd = [
      { ...plainEntry, metadata: { cost: 1.5 } },
      { ...plainEntry, metadata: { s: 'esc\u001b' } },
      { ...plainEntry, action: 'lone \ud800' },
      { ...plainEntry, created_at: '2026-06-30T23:59:60Z' },
      { ...plainEntry, id: '7' },
      { ...plainEntry, fibe_row: 1 },
    ] as Entry[];
    for (const e of odd) expect(parquetLine(e).startsWith('{"fibe_row":{')).toBe(true);
    expect(await engineRows([plainEntry, ...odd])).toEqual([plainEntry, ...odd].map(reference));
  });
});
