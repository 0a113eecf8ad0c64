// CSV of SPEC.md: RFC 4180 (CRLF records, quotes only where needed), UTF-8 without BOM, header row, formula guard.
import type { Transform } from 'node:stream';
import type { Entry } from '../model/entry.js';
import { CSV_COLUMNS, columnsFor, type ColumnKey } from './columns.js';

// A spreadsheet runs a cell starting with these as a formula (or strips the whitespace and then does).
const FORMULA_START = /^[=+\-@\t\r\n\0]/;

/** `'` in front of a cell a spreadsheet would treat as a formula. */
export function guardCell(value: string): string {
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

/**
 * Object mode in (Entry), CSV text out; the header is written even when no entry comes.
 * A single Transform, so pipeline() backpressure holds and memory stays flat whatever the size.
 */
export async function createCsvWriter(opts: CsvOptions): Promise<Transform> {
  const { Stringifier } = await import('csv-stringify');
  const keys = opts.columns && opts.columns.length > 0 ? opts.columns : [...CSV_COLUMNS];
  const cols = columnsFor(keys);
  const toRow = (e: Entry): string[] =>
    cols.map((c) => {
      const v = c.value(e);
      return opts.guard ? guardCell(v) : v;
    });

  class EntryCsvWriter extends Stringifier {
    override _transform(entry: Entry, encoding: BufferEncoding, callback: (err?: Error | null) => void): void {
      super._transform(toRow(entry), encoding, callback);
    }
  }
  return new EntryCsvWriter(stringifyOptions(keys));
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
