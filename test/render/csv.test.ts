import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCsvWriter, csvFromRows, guardCell, renderCsv } from '../../src/render/csv.js';
import { CSV_COLUMNS } from '../../src/render/columns.js';
import type { Entry } from '../../src/model/entry.js';
import { makeEntry } from './fixtures.js';

const HEADER = 'id,created_at,action,actor_kind,actor_id,actor_label,actor_type,channel,resource_type,resource_id,resource_name,metadata';

function parseCsv(text: string): string[][] {
  return parse(text, { relax_column_count: false }) as string[][];
}

describe('guardCell', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tlead', "'\tlead"],
    ['\rlead', "'\rlead"],
    ['\nlead', "'\nlead"],
    ['\0lead', "'\0lead"],
    ['safe=1', 'safe=1'],
    [' =1', ' =1'],
    ['', ''],
    ["'quoted", "'quoted"],
  ])('%j -> %j', (value, expected) => {
    expect(guardCell(value)).toBe(expected);
  });
});

describe('renderCsv', () => {
  it('writes the SPEC columns in order, CRLF records, compact JSON metadata, no BOM', async () => {
    const out = await renderCsv([makeEntry()], { guard: true });
    expect(out).toBe(
      `${HEADER}\r\n` +
        '90412,2026-11-26T09:00:00.123Z,trick.destroyed,api_key,15,GitHub Actions CI,Player,api,Trick,3312,nightly-seed,' +
        '"{""api_key_id"":15,""api_key_label"":""GitHub Actions CI"",""resource_name"":""nightly-seed""}"\r\n',
    );
    expect(out.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('writes only the header for no entries', async () => {
    expect(await renderCsv([], { guard: true })).toBe(`${HEADER}\r\n`);
    expect(await renderCsv([], { guard: false, columns: ['id', 'action'] })).toBe('id,action\r\n');
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and parses back to the same values', async () => {
    const e = makeEntry({
      action: 'a,b',
      channel: 'say "hi"',
      metadata: { resource_name: 'line1\r\nline2\nline3\rend' },
      actor: { kind: 'user', id: 77, label: 'O"Neil, Jr.' },
    });
    const out = await renderCsv([e], { guard: false });
    expect(out.split('\r\n')[1]).toBe(
      '90412,2026-11-26T09:00:00.123Z,"a,b",user,77,"O""Neil, Jr.",Player,"say ""hi""",Trick,3312,"line1',
    );
    const [header, row] = parseCsv(out);
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(row).toEqual([
      '90412',
      '2026-11-26T09:00:00.123Z',
      'a,b',
      'user',
      '77',
      'O"Neil, Jr.',
      'Player',
      'say "hi"',
      'Trick',
      '3312',
      'line1\r\nline2\nline3\rend',
      '{"resource_name":"line1\\r\\nline2\\nline3\\rend"}',
    ]);
  });

  it('writes nulls as empty cells', async () => {
    const e = makeEntry({ resource_type: null, resource_id: null, metadata: null, actor: { kind: 'unknown', id: null, label: null } });
    const [, row] = parseCsv(await renderCsv([e], { guard: true }));
    expect(row).toEqual(['90412', '2026-11-26T09:00:00.123Z', 'trick.destroyed', 'unknown', '', '', 'Player', 'api', '', '', '', '']);
  });

  it.each(['=', '+', '-', '@', '\t', '\r', '\n', '\0'])('guards a cell starting with %j in every column', async (ch) => {
    const e = makeEntry({
      action: `${ch}act`,
      channel: `${ch}chan`,
      actor_type: `${ch}type`,
      metadata: { resource_name: `${ch}HYPERLINK("http://x")` },
      actor: { kind: 'api_key', id: 15, label: `${ch}label` },
    });
    const [header, row] = parseCsv(await renderCsv([e], { guard: true }));
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(row?.[2]).toBe(`'${ch}act`);
    expect(row?.[5]).toBe(`'${ch}label`);
    expect(row?.[6]).toBe(`'${ch}type`);
    expect(row?.[7]).toBe(`'${ch}chan`);
    expect(row?.[10]).toBe(`'${ch}HYPERLINK("http://x")`);
    // metadata starts with `{`, the id and time with digits: untouched.
    expect(row?.[0]).toBe('90412');
    expect(row?.[11]).toBe(JSON.stringify({ resource_name: `${ch}HYPERLINK("http://x")` }));
  });

  it('leaves cells alone with the guard off (--no-csv-guard)', async () => {
    const e = makeEntry({ action: '=cmd|calc', metadata: { resource_name: '@SUM(1)' }, actor: { kind: 'user', id: 77, label: '-1' } });
    const [, row] = parseCsv(await renderCsv([e], { guard: false }));
    expect(row?.[2]).toBe('=cmd|calc');
    expect(row?.[5]).toBe('-1');
    expect(row?.[10]).toBe('@SUM(1)');
  });

  it('writes the chosen columns only, in the order asked', async () => {
    const out = await renderCsv([makeEntry()], { guard: true, columns: ['resource_name', 'id'] });
    expect(out).toBe('resource_name,id\r\nnightly-seed,90412\r\n');
  });

  it('keeps a lone empty cell as a record ("" rather than an empty line)', async () => {
    const out = await renderCsv([makeEntry({ channel: null })], { guard: true, columns: ['channel'] });
    expect(out).toBe('channel\r\n""\r\n');
    expect(parseCsv(out)).toEqual([['channel'], ['']]);
  });

  it('does not escape for the terminal: CSV is data', async () => {
    const [, row] = parseCsv(await renderCsv([makeEntry({ action: 'x\x1b[31m\u202e' })], { guard: true, columns: ['id', 'action'] }));
    expect(row).toEqual(['90412', 'x\x1b[31m\u202e']);
  });
});

async function csvThroughStream(entries: Entry[], guard: boolean): Promise<string> {
  const chunks: Buffer[] = [];
  await pipeline(
    entries,
    await createCsvWriter({ guard }),
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        chunks.push(Buffer.from(chunk));
        cb();
      },
    }),
  );
  return Buffer.concat(chunks).toString('utf8');
}

// Arbitrary text, including quotes, separators, every line break and lone surrogates' well-formed neighbours.
const text = fc.string({
  unit: fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.constantFrom(',', '"', '\r', '\n', '\r\n', '=', '+', '-', '@', '\t', '\0', "'"),
  ),
  maxLength: 30,
});

describe('createCsvWriter properties', () => {
  it('round-trips arbitrary names and metadata through csv-parse with the guard off', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(text, text, text), { minLength: 1, maxLength: 5 }), async (rows) => {
        const entries = rows.map(([name, note, label], i) =>
          makeEntry({ id: i, metadata: { resource_name: name, note }, actor: { kind: 'user', id: i, label } }),
        );
        const parsed = parseCsv(await csvThroughStream(entries, false));
        expect(parsed).toHaveLength(rows.length + 1);
        rows.forEach(([name, note, label], i) => {
          const row = parsed[i + 1] as string[];
          expect(row[5]).toBe(label);
          expect(row[10]).toBe(name);
          expect(JSON.parse(row[11] as string)).toEqual({ resource_name: name, note });
        });
      }),
      { numRuns: 300 },
    );
  });

  it('always applies the guard when it is on', async () => {
    await fc.assert(
      fc.asyncProperty(text, text, async (name, label) => {
        const e = makeEntry({ metadata: { resource_name: name }, actor: { kind: 'user', id: 1, label } });
        const row = parseCsv(await csvThroughStream([e], true))[1] as string[];
        expect(row[5]).toBe(guardCell(label));
        expect(row[10]).toBe(guardCell(name));
        for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r\n\0]/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('createCsvWriter streaming', () => {
  it('applies backpressure when nobody reads', async () => {
    const writer = await createCsvWriter({ guard: true });
    let accepted = 0;
    while (writer.write(makeEntry({ id: accepted })) && accepted < 100_000) accepted++;
    expect(accepted).toBeLessThan(1000);
    writer.destroy();
  });

  it('writes many entries in order through a pipeline', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => makeEntry({ id: i }));
    const rows = parseCsv(await csvThroughStream(many, true));
    expect(rows).toHaveLength(5001);
    expect(rows.slice(1).map((r) => Number(r[0]))).toEqual(many.map((e) => e.id));
  });
});

describe('csvFromRows', () => {
  it('writes our header unguarded and guards data cells', async () => {
    expect(await csvFromRows(['key', 'count'], [['=evil', '3'], ['a,b', '1']], true)).toBe(
      'key,count\r\n\'=evil,3\r\n"a,b",1\r\n',
    );
    expect(await csvFromRows(['key', 'count'], [['=evil', '3']], false)).toBe('key,count\r\n=evil,3\r\n');
  });

  it('writes the header for no rows', async () => {
    expect(await csvFromRows(['key', 'count'], [], true)).toBe('key,count\r\n');
  });
});
