// `fibe-audit sql` results in every output format: a plain table (values escaped like every table),
// a JSON array of row objects, NDJSON, or CSV with the formula guard.
import { csvFromRows } from './csv.js';
import { layoutJsonArray } from './json-document.js';
import { stringifySafe } from './json.js';
import { renderTable, type TableStyle } from './table.js';

export type SqlCell = null | boolean | number | string | SqlCell[] | { [key: string]: SqlCell };

export interface SqlRows {
  columns: string[];
  rows: SqlCell[][];
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

export function renderSqlJson(r: SqlRows): string {
  return layoutJsonArray(r.rows.map((row) => rowObject(r.columns, row)));
}

export function renderSqlNdjson(r: SqlRows): string {
  return r.rows.map((row) => `${stringifySafe(rowObject(r.columns, row))}\n`).join('');
}

export function renderSqlCsv(r: SqlRows, guard: boolean): Promise<string> {
  return csvFromRows(r.columns, r.rows.map((row) => row.map(cellText)), guard);
}

/** Numbers line up on the right; every cell is escaped by renderTable before it is measured. */
export function renderSqlTable(r: SqlRows, style: TableStyle): string {
  const numeric = r.columns.map((_, i) => r.rows.length > 0 && r.rows.every((row) => row[i] === null || typeof row[i] === 'number'));
  return renderTable(r.columns, r.rows.map((row) => row.map(cellText)), style, {
    align: numeric.map((n) => (n ? 'right' : 'left')),
  });
}
