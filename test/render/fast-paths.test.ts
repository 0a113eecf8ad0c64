// The export fast paths write the same bytes as the plain code they stand in for: entries written
// as batches, toJsonRecord without its copy, the cheap test before escaping, the guard's first-character check.
import { Writable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCsvWriter, guardCell } from '../../src/render/csv.js';
import { createJsonArrayWriter, createNdjsonWriter, escapeJsonForTerminal, toJsonRecord, type EntryChunk } from '../../src/render/json.js';
import { attachActor, withActor } from '../../src/model/actor.js';
import type { AuditEntry, Entry } from '../../src/model/entry.js';
import { HOSTILE, makeEntry } from './fixtures.js';

// The plain forms, as they were before the fast paths.
const RAW_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const plainEscape = (json: string) => json.replace(RAW_UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
function plainRecord(e: Entry): Record<string, unknown> {
  const { actor, ...api } = e;
  return { ...api, actor };
}
const plainGuard = (value: string) => (/^[=+\-@\t\r\n\0]/.test(value) ? `'${value}` : value);

async function written(writer: Transform, chunks: EntryChunk[]): Promise<string> {
  const out: Buffer[] = [];
  await pipeline(
    chunks,
    writer,
    new Writable({
      write(chunk: Buffer | string, _enc, cb) {
        out.push(Buffer.from(chunk));
        cb();
      },
    }),
  );
  return Buffer.concat(out).toString('utf8');
}

// Any UTF-16 unit, terminal controls and CSV specials made likely.
const text = fc.string({
  unit: fc.oneof(
    fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
    fc.constantFrom('\x7f', '\x9b', '\u2028', '\u202e', '\x1b', ',', '"', '\r', '\n', '=', '-', 'a', 'é', '😀'),
  ),
  maxLength: 20,
});
const entries = fc.array(
  fc.tuple(text, text, text, fc.boolean()).map(([action, name, label, nested]) =>
    makeEntry({
      action,
      metadata: nested ? { resource_name: name, items: [{ id: 1 }, { id: label }] } : { resource_name: name, [label]: action },
      actor: { kind: 'user', id: 7, label },
    }),
  ),
  { maxLength: 6 },
);

describe('writers take batches', () => {
  const makers: Array<[string, () => Promise<Transform>]> = [
    ['ndjson', async () => createNdjsonWriter()],
    ['json', async () => createJsonArrayWriter()],
    ['csv', () => createCsvWriter({ guard: true })],
    ['csv without guard', () => createCsvWriter({ guard: false })],
    ['csv, two columns', () => createCsvWriter({ guard: true, columns: ['action', 'metadata'] })],
  ];

  it.each(makers)('%s: batches write exactly what single entries write (property)', async (_name, make) => {
    await fc.assert(
      fc.asyncProperty(entries, fc.integer({ min: 1, max: 4 }), async (list, size) => {
        const batches: EntryChunk[] = [];
        for (let i = 0; i < list.length; i += size) batches.push(list.slice(i, i + size));
        const one = await written(await make(), list);
        expect(await written(await make(), batches)).toBe(one);
        // Empty batches and a mix of both write nothing extra.
        expect(await written(await make(), [[], ...list.map((e, i) => (i % 2 === 0 ? e : [e])), []])).toBe(one);
      }),
      { numRuns: 100 },
    );
  });

  /** The same entry with actor_type as its first field. */
  function ledByActorType(e: Entry): Entry {
    const { actor_type, ...rest } = e;
    return { actor_type, ...rest } as Entry;
  }

  // A page is serialised as one array and cut at `},{"id":`: entries that hold that text themselves,
  // or that do not start with id, must still come out exactly as entry by entry.
  const awkward: Entry[][] = [
    [makeEntry({ id: 1 }), makeEntry({ id: 2, metadata: { list: [{ id: 1 }, { id: 2 }] } }), makeEntry({ id: 3 })],
    [makeEntry({ id: 1, metadata: { s: '},{"id":' } }), makeEntry({ id: 2 })],
    [makeEntry({ id: 1 }), ledByActorType(makeEntry({ id: 2 })), makeEntry({ id: 3 })],
    // Not led by id, and holding the cut once: the count alone would be fooled.
    [makeEntry({ id: 1 }), ledByActorType(makeEntry({ id: 2, metadata: { list: [{ id: 1 }, { id: 2 }] } }))],
    [makeEntry({ id: 1 }), { ...makeEntry(), id: 'x-7' } as unknown as Entry, { ...makeEntry(), id: null } as unknown as Entry],
    [{ ...makeEntry(), '7': 'integer-like keys come first' } as Entry, makeEntry({ id: 2 })],
    [makeEntry({ id: 1, metadata: { nested: { deeper: [{ id: 9, x: [{ id: 10 }] }] } } }), makeEntry({ id: 2, action: '\u2028' })],
  ];
  it.each([
    ['ndjson', createNdjsonWriter],
    ['json', createJsonArrayWriter],
  ] as const)('%s: awkward pages come out exactly as entry by entry', async (_name, make) => {
    for (const page of awkward) expect(await written(make(), [page])).toBe(await written(make(), page));
  });

  it.each([
    ['ndjson', createNdjsonWriter, ''],
    ['json', createJsonArrayWriter, '[]\n'],
  ] as const)('%s: an empty batch alone is an empty output', async (_name, make, expected) => {
    expect(await written(make(), [[]])).toBe(expected);
  });

  it('csv: the header comes once, before the first batch, or alone when nothing comes', async () => {
    const a = makeEntry({ id: 1, action: 'a' });
    const b = makeEntry({ id: 2, action: 'b' });
    const writer = () => createCsvWriter({ guard: true, columns: ['id', 'action'] });
    expect(await written(await writer(), [[a], [], [b]])).toBe('id,action\r\n1,a\r\n2,b\r\n');
    expect(await written(await writer(), [[]])).toBe('id,action\r\n');
  });
});

describe('toJsonRecord', () => {
  it.each([
    ['withActor', withActor],
    ['attachActor', attachActor],
  ])('returns an entry from %s (actor last) as it is', (_name, make) => {
    const e = make(JSON.parse('{"id":1,"action":"a.b","actor_type":"User","actor_id":3,"metadata":null}') as AuditEntry);
    expect(toJsonRecord(e)).toBe(e);
  });

  it('copies an entry whose actor is not last, moving actor to the end', () => {
    const e = { actor: { kind: 'user', id: 1, label: null }, id: 5, action: 'x' } as unknown as Entry;
    const r = toJsonRecord(e);
    expect(r).not.toBe(e);
    expect(Object.keys(r)).toEqual(['id', 'action', 'actor']);
  });

  it('serialises exactly like the copy would, whatever the keys (property)', () => {
    const key = fc.oneof(fc.constantFrom('actor', 'id', '0', '17', '__proto__', 'toString', 'metadata'), fc.string({ maxLength: 5 }));
    const value = fc.oneof(fc.integer(), text, fc.constant(null), fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 8 }), fc.boolean(), (pairs, addActor) => {
        // Built through JSON text, as entries arrive: `__proto__` becomes an own field like any other.
        const raw = JSON.parse(`{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`) as AuditEntry;
        const e = (addActor ? attachActor(raw) : raw) as Entry;
        expect(JSON.stringify(toJsonRecord(e))).toBe(JSON.stringify(plainRecord(e)));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('escapeJsonForTerminal', () => {
  it('escapes exactly what the plain replace does (property)', () => {
    fc.assert(
      fc.property(text, (s) => {
        const json = JSON.stringify(s);
        expect(escapeJsonForTerminal(json)).toBe(plainEscape(json));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([['\x7f'], ['\u2028'], ['\x9b'], [HOSTILE]])('escapes %j in otherwise plain ASCII', (ch) => {
    const json = JSON.stringify({ a: `plain ${ch} text` });
    expect(escapeJsonForTerminal(json)).toBe(plainEscape(json));
    expect(escapeJsonForTerminal(json)).not.toBe(json);
  });
});

describe('guardCell', () => {
  it('guards exactly the cells the formula pattern names (property)', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(guardCell(s)).toBe(plainGuard(s));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([['='], ['+'], ['-'], ['@'], ['\t'], ['\r'], ['\n'], ['\0'], ['.'], ['/'], ['0'], ['<'], ['>'], ['A'], ['~'], [' ']])(
    'agrees on a cell starting with %j',
    (first) => {
      expect(guardCell(`${first}x`)).toBe(plainGuard(`${first}x`));
    },
  );
});
