// The Parquet schema (SPEC.md "Parquet and the lake"): the CSV columns, typed, with integers as INT64,
// created_at as UTC microseconds and metadata as compact JSON text. export/parquet-line.ts writes an
// entry's values for the engine; the engine's reader (mirror/parquet-lines.ts) types them.
import { CSV_COLUMNS, type ColumnKey } from '../render/columns.js';
import type { ParquetColumn } from '../mirror/parquet-lines.js';

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
