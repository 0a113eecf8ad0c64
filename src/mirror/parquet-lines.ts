// The engine's side of the entry lines export/parquet-line.ts writes: one line per entry holding its
// typed values, read by the engine's CSV reader with every column typed. Fields are separated by
// U+0001; a text is enclosed in U+0002 (one inside it is doubled), an integer is its digits, and an
// empty field is NULL (an empty text is two quotes). The reader streams a pipe in fixed buffers, and
// typed fields cost it far less than parsing each entry's JSON would.
import { sqlString } from './sql-text.js';

/** A Parquet column: its name and its engine type. */
export interface ParquetColumn {
  name: string;
  type: 'BIGINT' | 'TIMESTAMPTZ' | 'VARCHAR';
}

export const FIELD_SEPARATOR = '\u0001';
export const TEXT_QUOTE = '\u0002';

/**
 * The longest entry line the engine takes, in UTF-8 bytes without its newline (the engine counts
 * that too), and about what it reads at a time: a pipe is read in buffers this size, so a bigger
 * one would leave more for the engine to do after the last page.
 */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/**
 * A line's fields for `columns`, in order. An instant takes three: the text as the API wrote it when
 * the engine reads it exactly as instants are read here (else empty), else its epoch µs, and then the
 * text it was given when the first field is empty (what a checkpoint records).
 */
export function lineFields(columns: readonly ParquetColumn[]): ParquetColumn[] {
  return columns.flatMap((c): ParquetColumn[] =>
    c.type === 'TIMESTAMPTZ'
      ? [{ name: c.name, type: 'VARCHAR' }, { name: `${c.name}__us`, type: 'BIGINT' }, { name: `${c.name}__given`, type: 'VARCHAR' }]
      : [c],
  );
}

const instantOf = (name: string) => `CASE WHEN ${name} IS NULL THEN make_timestamptz(${name}__us) ELSE TRY_CAST(${name} AS TIMESTAMPTZ) END`;

function valueOf(c: ParquetColumn): string {
  return c.type === 'TIMESTAMPTZ' ? instantOf(c.name) : c.name;
}

/** The stage's columns after the Parquet ones: the UTC day of created_at, and created_at as the API wrote it. */
const STAGE_EXTRAS = [
  `strftime(${instantOf('created_at')}, '%Y-%m-%d') AS fibe_partition`,
  'coalesce(created_at, created_at__given) AS fibe_created_text',
];

function reader(path: string, columns: readonly ParquetColumn[]): string {
  const fields = lineFields(columns).map((f) => `${f.name}: '${f.type}'`).join(', ');
  return `read_csv(${sqlString(path)}, delim = '${FIELD_SEPARATOR}', quote = '${TEXT_QUOTE}', escape = '${TEXT_QUOTE}', new_line = '\\n', header = false, auto_detect = false, allow_quoted_nulls = false, columns = {${fields}}, max_line_size = ${MAX_LINE_BYTES + 1}, buffer_size = ${MAX_LINE_BYTES + 1})`;
}

/**
 * The rows of a file (or pipe) of entry lines, in the file's order: `columns`, then fibe_partition
 * and fibe_created_text (`columns` must then hold created_at).
 * Needs the connection's TimeZone to be UTC (the day of an instant is the UTC day).
 */
export function entryLinesQuery(path: string, columns: readonly ParquetColumn[]): string {
  const values = columns.map((c) => `${valueOf(c)} AS ${c.name}`);
  return `SELECT ${[...values, ...STAGE_EXTRAS].join(', ')} FROM ${reader(path, columns)}`;
}
