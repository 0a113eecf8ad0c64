// An entry as a typed Parquet row (SPEC.md "Parquet and the lake"): the CSV columns, read from the
// same fields the CSV writer reads, with integers as INT64, created_at as UTC microseconds, nulls
// where the entry has none, and the UTC day it belongs to in a partitioned lake.
import { CSV_COLUMNS, FIELDS, textOf, type ColumnKey } from '../render/columns.js';
import type { Entry } from '../model/entry.js';
import { microsOf } from '../model/instant.js';
import type { ParquetColumn } from '../mirror/parquet-lines.js';

export type TypedValue = number | string | null;

/**
 * Values in CSV_COLUMNS order; the partition is the UTC day (`YYYY-MM-DD`), null when created_at cannot
 * be read; createdText is created_at as the API wrote it (what a checkpoint records).
 */
export interface TypedRow {
  values: TypedValue[];
  partition: string | null;
  createdText: string | null;
}

const INTEGER_COLUMNS = new Set<ColumnKey>(['id', 'actor_id', 'resource_id']);

/**
 * The Parquet schema: SPEC's CSV columns, typed. metadata is compact JSON as plain UTF-8 text, without
 * the JSON logical type: JSON allows escapes of lone surrogates, which engines that validate that type
 * (DuckDB among them) reject, and one such entry would make its whole file unreadable there.
 */
export const PARQUET_COLUMNS = CSV_COLUMNS.map((name) => ({
  name,
  type: INTEGER_COLUMNS.has(name) ? 'BIGINT' : name === 'created_at' ? 'TIMESTAMPTZ' : 'VARCHAR',
})) as ReadonlyArray<ParquetColumn & { name: ColumnKey }>;


function integerOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
}

/** Parquet text is UTF-8, which cannot hold a lone surrogate: it becomes U+FFFD (metadata keeps it escaped). */
const utf8 = (text: string) => (text as unknown as { toWellFormed(): string }).toWellFormed();

const DAY_US = 86_400_000_000;
/** The last day computed: entries come in time order, so most share their neighbour's day. */
let lastDay = { start: 0, end: 0, label: '' };

function dayOf(micros: number | null): string | null {
  if (micros === null) return null;
  if (micros >= lastDay.start && micros < lastDay.end) return lastDay.label;
  const start = Math.floor(micros / DAY_US) * DAY_US;
  const date = new Date(start / 1000);
  if (Number.isNaN(date.getTime())) return null;
  lastDay = { start, end: start + DAY_US, label: date.toISOString().slice(0, 10) };
  return lastDay.label;
}

export function toTypedRow(e: Entry): TypedRow {
  const values: TypedValue[] = [];
  let created: number | null = null;
  for (const key of CSV_COLUMNS) {
    const raw = FIELDS[key](e);
    if (INTEGER_COLUMNS.has(key)) values.push(integerOf(raw));
    else if (key === 'created_at') {
      created = microsOf(raw);
      values.push(created);
    }
    else if (key === 'metadata') values.push(raw === null || raw === undefined ? null : (JSON.stringify(raw) ?? null));
    else values.push(raw === null || raw === undefined ? null : utf8(textOf(raw)));
  }
  return { values, partition: dayOf(created), createdText: typeof e.created_at === 'string' ? utf8(e.created_at) : null };
}
