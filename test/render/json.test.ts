import { Writable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createJsonArrayWriter, createNdjsonWriter, stringifySafe, toJsonRecord } from '../../src/render/json.js';
import { ENTRY_FORMATS, createEntryWriter } from '../../src/render/output.js';
import type { Entry } from '../../src/model/entry.js';
import { HOSTILE, makeEntry } from './fixtures.js';

async function run(writer: Transform, entries: Entry[]): Promise<string> {
  const chunks: Buffer[] = [];
  await pipeline(
    entries,
    writer,
    new Writable({
      write(chunk: Buffer | string, _enc, cb) {
        chunks.push(Buffer.from(chunk));
        cb();
      },
    }),
  );
  return Buffer.concat(chunks).toString('utf8');
}

// Anything a terminal would act on, except the newlines our own framing uses.
const RAW_UNSAFE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const a = makeEntry();
const b = makeEntry({ id: 2, action: 'secret.created', metadata: null, actor: { kind: 'user', id: 77, label: null } });

describe('toJsonRecord', () => {
  it('keeps the API object unchanged, fields in order, and adds actor last', () => {
    const e = { ...makeEntry(), extra_field: { nested: true } } as Entry;
    const r = toJsonRecord(e);
    expect(Object.keys(r)).toEqual([
      'id',
      'resource_type',
      'resource_id',
      'action',
      'channel',
      'actor_type',
      'actor_id',
      'metadata',
      'created_at',
      'extra_field',
      'actor',
    ]);
    expect(r).toEqual(e);
    expect(r.created_at).toBe('2026-11-26T09:00:00.123Z');
  });
});

describe('createNdjsonWriter', () => {
  it('writes one JSON line per entry that parses back to the record', async () => {
    const out = await run(createNdjsonWriter(), [a, b]);
    expect(out).toBe(
      '{"id":90412,"resource_type":"Trick","resource_id":3312,"action":"trick.destroyed","channel":"api",' +
        '"actor_type":"Player","actor_id":77,"metadata":{"api_key_id":15,"api_key_label":"GitHub Actions CI",' +
        '"resource_name":"nightly-seed"},"created_at":"2026-11-26T09:00:00.123Z",' +
        '"actor":{"kind":"api_key","id":15,"label":"GitHub Actions CI"}}\n' +
        '{"id":2,"resource_type":"Trick","resource_id":3312,"action":"secret.created","channel":"api",' +
        '"actor_type":"Player","actor_id":77,"metadata":null,"created_at":"2026-11-26T09:00:00.123Z",' +
        '"actor":{"kind":"user","id":77,"label":null}}\n',
    );
    expect(out.trimEnd().split('\n').map((l) => JSON.parse(l))).toEqual([toJsonRecord(a), toJsonRecord(b)]);
  });

  it('writes nothing for no entries', async () => {
    expect(await run(createNdjsonWriter(), [])).toBe('');
  });
});

describe('createJsonArrayWriter', () => {
  it('writes one array, one entry per line', async () => {
    const out = await run(createJsonArrayWriter(), [a, b]);
    const lines = out.split('\n');
    expect(lines[0]).toBe('[');
    expect(lines[1]).toBe(`${JSON.stringify(toJsonRecord(a))},`);
    expect(lines[2]).toBe(JSON.stringify(toJsonRecord(b)));
    expect(lines.slice(3)).toEqual([']', '']);
    expect(JSON.parse(out)).toEqual([toJsonRecord(a), toJsonRecord(b)]);
  });

  it('writes [] for no entries', async () => {
    const out = await run(createJsonArrayWriter(), []);
    expect(out).toBe('[]\n');
    expect(JSON.parse(out)).toEqual([]);
  });

  it('writes a one-entry array', async () => {
    expect(await run(createJsonArrayWriter(), [b])).toBe(`[\n${JSON.stringify(toJsonRecord(b))}\n]\n`);
  });
});

describe('terminal safety of JSON text', () => {
  it.each([
    ['\u2028', '\\u2028'],
    ['\u2029', '\\u2029'],
    ['\u202e', '\\u202e'],
    ['\u202a', '\\u202a'],
    ['\u2066', '\\u2066'],
    ['\u2069', '\\u2069'],
    ['\u200e', '\\u200e'],
    ['\u200f', '\\u200f'],
    ['\u061c', '\\u061c'],
    ['\x7f', '\\u007f'],
    ['\x9b', '\\u009b'],
    ['\x1b', '\\u001b'],
    ['\ud800', '\\ud800'],
    ['\udfff', '\\udfff'],
    ['😀', '😀'],
  ])('%j is written as %s and parses back the same', (ch, shown) => {
    const text = stringifySafe({ s: `a${ch}b` });
    expect(text).toBe(`{"s":"a${shown}b"}`);
    expect(JSON.parse(text)).toEqual({ s: `a${ch}b` });
  });

  it('escapes hostile metadata in keys and values of NDJSON and JSON output', async () => {
    const evil = makeEntry({ action: HOSTILE, metadata: { [HOSTILE]: HOSTILE, name: '\u2028\u2029' } });
    for (const writer of [createNdjsonWriter(), createJsonArrayWriter()]) {
      const out = await run(writer, [evil]);
      expect(out).not.toMatch(RAW_UNSAFE);
      expect(out).not.toMatch(/[\ud800-\udfff]/);
      const back = out.startsWith('[') ? JSON.parse(out)[0] : JSON.parse(out);
      expect(back).toEqual(toJsonRecord(evil));
    }
  });

  it('never emits a raw unsafe character and always parses back (property)', async () => {
    const unit = fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    );
    const text = fc.string({ unit, maxLength: 30 });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 4 }), async (pairs) => {
        const entries = pairs.map(([k, v], i) => makeEntry({ id: i, action: v, metadata: { [k]: v, resource_name: k } }));
        const nd = await run(createNdjsonWriter(), entries);
        const arr = await run(createJsonArrayWriter(), entries);
        for (const out of [nd, arr]) {
          expect(out).not.toMatch(RAW_UNSAFE);
          expect(out).not.toMatch(LONE_SURROGATE);
        }
        const expected = entries.map(toJsonRecord);
        expect(nd.trimEnd().split('\n').map((l) => JSON.parse(l))).toEqual(expected);
        expect(JSON.parse(arr)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('streaming', () => {
  it.each([
    ['ndjson', createNdjsonWriter],
    ['json', createJsonArrayWriter],
  ])('%s applies backpressure when nobody reads', (_name, make) => {
    const writer = make();
    let accepted = 0;
    while (writer.write(makeEntry({ id: accepted })) && accepted < 100_000) accepted++;
    expect(accepted).toBeLessThan(1000);
    writer.destroy();
  });

  it('keeps order over many entries', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => makeEntry({ id: i }));
    const parsed = JSON.parse(await run(createJsonArrayWriter(), many)) as { id: number }[];
    expect(parsed.map((p) => p.id)).toEqual(many.map((e) => e.id));
  });
});

describe('createEntryWriter', () => {
  it('lists the formats of -o', () => {
    expect(ENTRY_FORMATS).toEqual(['table', 'json', 'ndjson', 'csv']);
  });

  it.each([
    ['json', `[\n${JSON.stringify(toJsonRecord(b))}\n]\n`],
    ['ndjson', `${JSON.stringify(toJsonRecord(b))}\n`],
    ['csv', 'id,action\r\n2,secret.created\r\n'],
  ] as const)('%s', async (format, expected) => {
    const writer = await createEntryWriter(format, { guard: true, columns: ['id', 'action'] });
    expect(await run(writer, [b])).toBe(expected);
  });

  it('guards CSV cells unless told not to', async () => {
    const e = makeEntry({ action: '=evil' });
    expect(await run(await createEntryWriter('csv', { guard: true, columns: ['action'] }), [e])).toBe("action\r\n'=evil\r\n");
    expect(await run(await createEntryWriter('csv', { guard: false, columns: ['action'] }), [e])).toBe('action\r\n=evil\r\n');
  });
});
