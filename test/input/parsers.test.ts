// The streaming parsers give the same records however the text is cut into chunks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRecordParser, type CsvRecord } from '../../src/input/csv-reader.js';
import { JsonArrayScanner } from '../../src/input/json-array-reader.js';
import { NdjsonLineSplitter, type TextRecord } from '../../src/input/ndjson-reader.js';
import { unguardCell } from '../../src/input/csv-entry.js';

interface Parser<R> {
  push(chunk: string): R[];
  end(): R[];
}

function feed<R>(parser: Parser<R>, chunks: string[]): R[] {
  return [...chunks.flatMap((c) => parser.push(c)), ...parser.end()];
}

/** Cuts text at the given (sorted, unique) positions. */
function cut(text: string, at: number[]): string[] {
  const points = [...new Set(at.map((p) => p % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let last = 0;
  for (const p of points) {
    out.push(text.slice(last, p));
    last = p;
  }
  out.push(text.slice(last));
  return out;
}

/** RFC 4180 as a careful writer would: quote when needed, CRLF records. */
function toCsv(rows: string[][]): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) || v === '' ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

describe('CsvRecordParser', () => {
  it.each([
    ['a,b\r\nc,d\r\n', [[1, ['a', 'b']], [2, ['c', 'd']]]],
    ['a,b\nc,d', [[1, ['a', 'b']], [2, ['c', 'd']]]],
    ['"a,1","b ""q"""\r\n', [[1, ['a,1', 'b "q"']]]],
    ['"x\r\ny",z\r\nw,v\r\n', [[1, ['x\r\ny', 'z']], [3, ['w', 'v']]]],
    ['"x\ny\rz",1\n2,3\n', [[1, ['x\ny\rz', '1']], [4, ['2', '3']]]],
    ['a,,\r\n,,\r\n', [[1, ['a', '', '']], [2, ['', '', '']]]],
    ['\r\n\r\na\r\n\n\nb', [[3, ['a']], [6, ['b']]]],
    ['""\r\n', [[1, ['']]]],
    ['ab"c,d\r\n', [[1, ['ab"c', 'd']]]],
    ['a\rb\r', [[1, ['a']], [2, ['b']]]],
    ['', []],
  ] as Array<[string, Array<[number, string[]]>]>)('%j', (text, expected) => {
    const records = feed(new CsvRecordParser('t.csv'), [text]);
    expect(records.map((r) => [r.line, r.fields])).toEqual(expected);
  });

  it('reads back any rows written as RFC 4180, cut into any chunks', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\r', '\n', ' ', 'é', '🎉'), maxLength: 8 });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 6 }), (rows, at) => {
        const text = toCsv(rows);
        const records: CsvRecord[] = feed(new CsvRecordParser('p.csv'), cut(text, at));
        expect(records.map((r) => r.fields)).toEqual(rows);
      }),
    );
  });
});

describe('NdjsonLineSplitter', () => {
  it('numbers lines, skips blank ones and is indifferent to where chunks end', () => {
    const text = '{"a":1}\r\n\n  \n{"b":"x\\ny"}\n{"c":3}';
    for (let i = 0; i <= text.length; i++) {
      const records: TextRecord[] = feed(new NdjsonLineSplitter('t.ndjson'), cut(text, [i]));
      expect(records).toEqual([
        { line: 1, text: '{"a":1}' },
        { line: 4, text: '{"b":"x\\ny"}' },
        { line: 5, text: '{"c":3}' },
      ]);
    }
  });
});

describe('JsonArrayScanner', () => {
  const json = fc.jsonValue({ maxDepth: 3 });
  const object = fc.dictionary(fc.string({ maxLength: 5 }), json, { maxKeys: 4 });

  it('cuts out every top-level object, compact or pretty, cut into any chunks', () => {
    fc.assert(
      fc.property(fc.array(object, { maxLength: 5 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 6 }), (objects, pretty, at) => {
        const text = JSON.stringify(objects, null, pretty ? 2 : undefined);
        const records = feed(new JsonArrayScanner('p.json'), cut(text, at));
        expect(records.map((r) => JSON.parse(r.text))).toEqual(JSON.parse(text));
      }),
    );
  });

  it('gives each object the line it starts on', () => {
    const text = '[\n  {"a": "}\\"{"},\n\n  {\n"b": [1, {"c": 2}]\n}\n]\n';
    for (let i = 0; i <= text.length; i++) {
      const records = feed(new JsonArrayScanner('t.json'), cut(text, [i]));
      expect(records).toEqual([
        { line: 2, text: '{"a": "}\\"{"}' },
        { line: 4, text: '{\n"b": [1, {"c": 2}]\n}' },
      ]);
    }
  });
});

describe('unguardCell', () => {
  it.each([
    ["'=1+1", '=1+1'],
    ["'+x", '+x'],
    ["'-1", '-1'],
    ["'@SUM(A1)", '@SUM(A1)'],
    ["'\tx", '\tx'],
    ["'\r", '\r'],
    ["'\n", '\n'],
    ["'\0", '\0'],
    ["'quoted'", "'quoted'"],
    ["'", "'"],
    ["''=", "''="],
    ['=raw', '=raw'],
    ['', ''],
  ])('%j -> %j', (cell, expected) => {
    expect(unguardCell(cell)).toBe(expected);
  });
});
