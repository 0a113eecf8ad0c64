// `fibe-audit sql` results in every output format, written chunk by chunk as the rows are read: a plain
// table (values escaped like every table, laid out per chunk of rows like query's), a JSON array of row
// objects, NDJSON, or CSV with the formula guard. Memory holds one chunk, never the result.
import { encodeRecords, guardCell } from './csv.js';
import { stringifySafe } from './json.js';
import { layoutTable, type TableStyle } from './table.js';

export type SqlCell = null | boolean | number | string | SqlCell[] | { [key: string]: SqlCell };
export type SqlFormat = 'table' | 'json' | 'ndjson' | 'csv';

/** Text for the start, each chunk of rows, and the end of one result. */
export interface SqlWriter {
  begin(columns: string[]): string;
  rows(rows: readonly SqlCell[][]): string;
  end(): string;
}

/** A cell as text: strings as they are, null empty, anything else as compact JSON. */
export function cellText(value: SqlCell): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  return stringifySafe(value);
}

function rowObject(columns: readonly string[], row: readonly SqlCell[]): Record<string, SqlCell> {
  const out: Record<string, SqlCell> = {};
  columns.forEach((c, i) => {
    out[c] = row[i] ?? null;
  });
  return out;
}

/** One JSON array, an item a line, opened with the first row and closed at the end (`[]` when none). */
function jsonWriter(): SqlWriter {
  let columns: string[] = [];
  let started = false;
  return {
    begin: (names) => ((columns = names), ''),
    rows(rows) {
      const items = rows.map((row) => `  ${stringifySafe(rowObject(columns, row))}`).join(',\n');
      const text = rows.length === 0 ? '' : `${started ? ',\n' : '[\n'}${items}`;
      started ||= rows.length > 0;
      return text;
    },
    end: () => (started ? '\n]\n' : '[]\n'),
  };
}

function ndjsonWriter(): SqlWriter {
  let columns: string[] = [];
  return {
    begin: (names) => ((columns = names), ''),
    rows: (rows) => rows.map((row) => `${stringifySafe(rowObject(columns, row))}\n`).join(''),
    end: () => '',
  };
}

/** The header is written as it is; only data cells get the formula guard. */
function csvWriter(guard: boolean): SqlWriter {
  let width = 0;
  return {
    begin: (names) => ((width = names.length), encodeRecords([names], width)),
    rows: (rows) => encodeRecords(rows.map((row) => row.map((v) => (guard ? guardCell(cellText(v)) : cellText(v)))), width),
    end: () => '',
  };
}

/** No rows: the header alone still says what was asked (CSV writes its header too). */
function headerOnly(columns: string[], style: TableStyle): string {
  const [header = ''] = layoutTable(columns, [columns.map(() => '')], style, {}).text.split('\n');
  return `${header.trimEnd()}\n`;
}

/**
 * The table in chunks of `chunkRows`: the first chunk decides the widths and which columns are
 * numbers (right-aligned); later chunks keep them, widening a column only when they must.
 */
function tableWriter(style: TableStyle, chunkRows: number): SqlWriter {
  let columns: string[] = [];
  let widths: number[] | undefined;
  let align: ('left' | 'right')[] | undefined;
  const layout = (rows: readonly SqlCell[][]): string => {
    align ??= columns.map((_, i) => (rows.every((row) => row[i] === null || typeof row[i] === 'number') ? 'right' : 'left'));
    const out = layoutTable(columns, rows.map((row) => row.map(cellText)), style, {
      align,
      ...(widths ? { minWidths: widths, omitHeader: true } : {}),
    });
    widths = out.widths;
    return out.text;
  };
  return {
    begin: (names) => ((columns = names), ''),
    rows(rows) {
      let text = '';
      for (let i = 0; i < rows.length; i += chunkRows) text += layout(rows.slice(i, i + chunkRows));
      return text;
    },
    end: () => (widths === undefined ? headerOnly(columns, style) : ''),
  };
}

export function createSqlWriter(format: SqlFormat, opts: { guard: boolean; style: TableStyle; chunkRows: number }): SqlWriter {
  if (format === 'json') return jsonWriter();
  if (format === 'ndjson') return ndjsonWriter();
  if (format === 'csv') return csvWriter(opts.guard);
  return tableWriter(opts.style, opts.chunkRows);
}
