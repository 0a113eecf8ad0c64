// The entry lines the Parquet engine reads (export/parquet-line.ts, read by mirror/parquet-lines.ts)
// against the reference typing (typed-row.ts): for random entries of every odd shape, alone or in
// runs, the engine's columns equal the reference's value for value.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, DuckDBTimestampTZValue, type DuckDBConnection } from '@duckdb/node-api';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parquetLine, parquetLines } from '../../src/export/parquet-line.js';
import { PARQUET_COLUMNS } from '../../src/export/parquet-row.js';
import { entryLinesQuery } from '../../src/mirror/parquet-lines.js';
import { attachActor } from '../../src/model/actor.js';
import type { AuditEntry, Entry } from '../../src/model/entry.js';
import { typedRow as reference } from './typed-row.js';

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

/** What the engine gives back, as plain JavaScript values (BIGINT as number, instants as exact epoch µs). */
function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof DuckDBTimestampTZValue) return v.micros;
  return v;
}

/** The engine's rows for `text`, lines as parquetLines writes them. */
async function rowsOf(text: string): Promise<unknown[][]> {
  const file = join(dir, 'lines.txt');
  writeFileSync(file, text);
  return (await connection.runAndReadAll(entryLinesQuery(file, PARQUET_COLUMNS))).getRows().map((r) => r.map(plain));
}

/** Runs of `run` entries (a run's metadata is serialised at once), and single entries. */
async function engineRows(entries: Entry[], run = 3): Promise<unknown[][]> {
  let text = '';
  for (let i = 0; i < entries.length; i += run) text += parquetLines(entries.slice(i, i + run));
  return rowsOf(text);
}

const text = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 4 },
  fc.constantFrom('\u0000', 'a\u0001', '\u0003n', 'x\u0003\n\u0003e\r', '\u0002\u0003', 'esc \u001b[31m', 'tab\tnew\nline\r\b\f', 'lone \ud800', '\udfff', '\u2028\u2029', 'del \u007f', 'back\\slash \\u0041', 'x\\x01y,"q" ;', '😀 é'),
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
    // Past 2^53 µs (exact only as digits), and days outside 0000-9999 reached through an offset.
    '2300-01-01T00:00:00.000001Z', '2300-01-01T00:00:00.000001+00:00', '1600-01-01T00:00:00.000001-00:00',
    '0000-01-01T00:00:00+00:01', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59-00:01', '9999-12-31T23:59:59.999999Z',
  ),
  fc.jsonValue({ maxDepth: 0 }),
);
// Mostly plain values, with odd ones (unsafe or fractional numbers, any JSON) often enough in a run.
const odd = <T,>(plainValue: fc.Arbitrary<T>, oddValue: fc.Arbitrary<unknown>) => fc.oneof({ arbitrary: plainValue, weight: 6 }, { arbitrary: oddValue, weight: 1 });
const integerish = odd(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.constant(null)), fc.oneof(fc.constantFrom(2 ** 53, -(2 ** 53), 1.5, -0, 1e21), fc.jsonValue({ maxDepth: 0 })));
const stringish = odd(fc.oneof(text, fc.constant(null)), fc.jsonValue({ maxDepth: 1, stringUnit: 'binary' }));
const metadata = fc.oneof(
  { arbitrary: fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }), weight: 4 },
  { arbitrary: fc.dictionary(text, fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null)), { maxKeys: 4 }), weight: 4 },
  fc.dictionary(fc.constantFrom('resource_name', 'api_key_id', 'api_key_label', 'agent_accessible', 'username', 'changes', '__proto__'), fc.jsonValue({ maxDepth: 2 })),
  fc.record({ resource_name: text, n: fc.oneof(fc.integer(), fc.double()) }),
  // Deep nesting, serialised by the run's one JSON.stringify as by the entry's own.
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
    extra: odd(fc.jsonValue({ maxDepth: 2 }), fc.jsonValue({ maxDepth: 2, stringUnit: 'binary' })),
  },
  { requiredKeys: ['id', 'created_at'] },
);

describe('entry lines for the Parquet engine', () => {
  it('type every entry as the reference does, alone or in runs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(wire, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 41 }), async (raws, run) => {
        const entries = raws.map((raw) => attachActor(JSON.parse(JSON.stringify(raw)) as AuditEntry));
        expect(await engineRows(entries, run)).toEqual(entries.map(reference));
      }),
      { numRuns: 150 },
    );
  });

  it('read whole runs of plain entries as the reference does, control characters and lone surrogates included', async () => {
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
        expect(await rowsOf(parquetLines(entries))).toEqual(entries.map(reference));
      }),
      { numRuns: 150 },
    );
  });

  it('take entry lines up to 16 MiB, and refuse a bigger one by its id before the engine sees it', async () => {
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
    expect(() => parquetLines([fits, tooBig])).toThrow(/^entry 2 is too big for a Parquet export \(18 MiB; the limit is 16 MiB\)$/);
  });

  it("read a text holding a newline and a line-shaped run of separators across the reader's buffers", async () => {
    // The first line fills most of a 16 MiB buffer, so the second one's newline lands early in the next.
    const base = { resource_type: 'Trick', resource_id: 3, channel: 'api', actor_type: 'Player', actor_id: 1, metadata: { a: 1 }, created_at: '2026-09-05T21:05:51Z' };
    const fake = `9${'\u0001'.repeat(13)}`;
    const entries = [
      attachActor({ ...base, id: 1, action: 'A'.repeat(10 * 1024 * 1024) } as AuditEntry),
      attachActor({ ...base, id: 2, action: `${'B'.repeat(7 * 1024 * 1024)}\n${fake}\nrest` } as AuditEntry),
      attachActor({ ...base, id: 3, action: `\n${fake}\n`.repeat(1000) } as AuditEntry),
    ];
    expect(await engineRows(entries, 1)).toEqual(entries.map(reference));
  });

  it('write typed fields: digits, quoted text, empty for none, created_at as given when the engine reads it alike', () => {
    const entry = attachActor({
      id: 7, resource_type: 'Trick', resource_id: null, action: 'say \u0002hi\u0002', channel: 'api', actor_type: 'Player', actor_id: 77,
      metadata: { resource_name: '', n: 1.5 }, created_at: '2026-09-05T21:05:51.881566Z',
    } as AuditEntry);
    const q = (t: string) => `\u0002${t}\u0002`;
    expect(entry.actor.label).toBeNull();
    expect(parquetLine(entry).split('\u0001')).toEqual([
      '7', q('2026-09-05T21:05:51.881566Z'), '', '', q('say \u0002\u0002hi\u0002\u0002'), q('user'), '77', '', q('Player'), q('api'), q('Trick'), '',
      q(''), q('{"resource_name":"","n":1.5}'),
    ]);
    // No raw newline in a line: U+0003 escapes it, and itself; the quote is doubled.
    const multiline = parquetLine({ ...entry, action: 'a\nb\r\u0003n\u0002' } as Entry);
    expect(multiline).not.toMatch(/[\n\r]/);
    expect(multiline.split('\u0001')[4]).toBe(q('a\u0003nb\u0003r\u0003en\u0002\u0002'));
    // A leap second is not for the engine to read: its µs go instead, with the text as given.
    const leap = parquetLine({ ...entry, created_at: '2026-06-30T23:59:60Z' } as Entry).split('\u0001');
    expect(leap.slice(1, 4)).toEqual(['', String(Date.UTC(2026, 6, 1) * 1000), q('2026-06-30T23:59:60Z')]);
  });

  it("serialise a run's metadata once, or value by value when a value could pass for the wrapper", async () => {
    const base = { resource_type: 'Trick', resource_id: 3, action: 'trick.created', channel: 'api', actor_type: 'Player', actor_id: 1, created_at: '2026-09-05T21:05:51Z' };
    const metadata = [{ '\u0001': 1, a: { '\u0001': [{ '\u0001': 2 }] } }, { a: '{"\\u0001":' }, undefined, null, [1, { '\u0001': 3 }], 'text', { resource_name: 'r' }];
    const entries = metadata.map((m, i) => attachActor({ ...base, id: i + 1, metadata: m } as AuditEntry));
    expect(await engineRows(entries, entries.length)).toEqual(entries.map(reference));
    expect(await engineRows(entries.slice(1), entries.length)).toEqual(entries.slice(1).map(reference));
    expect(parquetLines(entries)).toBe(entries.map((e) => `${parquetLine(e)}\n`).join(''));
  });
});
