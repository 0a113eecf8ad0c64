// CSV of SPEC.md: RFC 4180 (CRLF records, quotes only where needed), UTF-8 without BOM, header row, formula guard.
import { Transform, type TransformCallback } from 'node:stream';
import type { Entry } from '../model/entry.js';
import { CSV_COLUMNS, columnsFor, type ColumnKey } from './columns.js';
import { entriesOf, type EntryChunk } from './json.js';

// A spreadsheet runs a cell starting with these as a formula (or strips the whitespace and then does).
const FORMULA_START = /^[=+\-@\t\r\n\0]/;

/** `'` in front of a cell a spreadsheet would treat as a formula. */
export function guardCell(value: string): string {
  // Most cells start with a letter or digit: one character code decides them without a regex call.
  const c = value.charCodeAt(0);
  if (c > 64 || (c > 45 && c < 61)) return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export interface CsvOptions {
  guard: boolean;
  columns?: ColumnKey[];
}

// Stringifier settings shared by entries and plain rows. CSV is a data file: no terminal escaping here,
// that would corrupt the values; the formula guard is the only change made to a cell.
function stringifyOptions(headers: string[]) {
  return {
    header: true,
    columns: headers.map((h, i) => ({ key: String(i), header: h })),
    record_delimiter: '\r\n',
    bom: false,
    // One empty column would otherwise be an empty line, which readers skip.
    quoted_empty: headers.length === 1,
    // csv-stringify quotes only cells holding the whole record delimiter; a bare CR or LF
    // must be quoted too or the record splits (RFC 4180).
    quoted_match: /[\r\n]/,
  };
}

// What csv-stringify writes with stringifyOptions, cell by cell: a cell holding a comma, a quote or a
// line break (a lone CR or LF too) is quoted with its quotes doubled; a sole empty column is "".
const NEEDS_QUOTES = /[",\r\n]/;

function encodeCell(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * CSV records for rows of `width` cells, byte for byte what csv-stringify writes for them with
 * stringifyOptions (test/render/csv-records.test.ts holds the two equal on arbitrary cells).
 */
export function encodeRecords(rows: readonly (readonly string[])[], width: number): string {
  if (rows.length === 0) return '';
  const lines = new Array<string>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as readonly string[];
    lines[r] = width === 1 && row[0] === '' ? '""' : row.map(encodeCell).join(',');
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Object mode in (an entry or a batch of them, see EntryChunk), CSV text out; the header is written
 * even when no entry comes. A single Transform, so pipeline() backpressure holds and memory stays
 * flat whatever the size.
 *
 * Entry rows are encoded by encodeRecords, not by csv-stringify: its per-cell machinery (a cast
 * context, tuples and option lookups for every cell) cost about 10 µs per 12-column row, two thirds
 * of a CSV export's formatting and the difference between missing and meeting 30,000 entries/s. Its
 * sync API over whole pages was tried first (half its stream cost, still too slow). It still writes
 * csvFromRows, and the tests compare the two byte for byte.
 */
export async function createCsvWriter(opts: CsvOptions): Promise<Transform> {
  const keys = opts.columns && opts.columns.length > 0 ? opts.columns : [...CSV_COLUMNS];
  const values = columnsFor(keys).map((c) => c.value);
  const width = values.length;
  const toRow = (e: Entry): string[] => {
    const row = new Array<string>(width);
    for (let i = 0; i < width; i++) {
      const v = (values[i] as (e: Entry) => string)(e);
      row[i] = opts.guard ? guardCell(v) : v;
    }
    return row;
  };
  let headerWritten = false;
  const header = () => {
    headerWritten = true;
    return encodeRecords([keys], width);
  };
  return new Transform({
    writableObjectMode: true,
    transform(chunk: EntryChunk, _enc, callback: TransformCallback) {
      const entries = entriesOf(chunk);
      if (entries.length === 0) return callback();
      let text: string;
      try {
        text = encodeRecords(entries.map(toRow), width);
      } catch (err) {
        return callback(err as Error);
      }
      callback(null, headerWritten ? text : header() + text);
    },
    flush(callback: TransformCallback) {
      callback(null, headerWritten ? undefined : header());
    },
  });
}

async function collect(stream: Transform, records: Iterable<unknown>): Promise<string> {
  const chunks: string[] = [];
  stream.setEncoding('utf8');
  stream.on('data', (c: string) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  for (const r of records) stream.write(r);
  stream.end();
  await done;
  return chunks.join('');
}

/** The whole CSV of a small, in-memory list (tests, --file re-rendering). */
export async function renderCsv(entries: Entry[], opts: CsvOptions): Promise<string> {
  return collect(await createCsvWriter(opts), entries);
}

/** CSV of plain rows (summary groups, key lists) with our own headers; the guard applies to data cells only. */
export async function csvFromRows(headers: string[], rows: string[][], guard: boolean): Promise<string> {
  const { Stringifier } = await import('csv-stringify');
  const data = rows.map((r) => headers.map((_, i) => (guard ? guardCell(r[i] ?? '') : (r[i] ?? ''))));
  return collect(new Stringifier(stringifyOptions(headers)), data);
}
