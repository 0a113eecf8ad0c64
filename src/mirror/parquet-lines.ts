// The engine's side of the entry lines export/parquet-line.ts writes: one line per entry holding its
// typed values, read by the engine's CSV reader with every column typed. Fields are separated by
// U+0001; a text is enclosed in U+0002 (one inside it is doubled), an integer is its digits, and an
// empty field is NULL (an empty text is two quotes). No line holds a raw newline: in a text, U+0003
// escapes one (`\u0003n`, `\u0003r`) and itself (`\u0003e`). The reader then finds every line
// start by the newline alone, which its parallel scan of each buffer relies on; it streams a pipe
// in fixed buffers, and typed fields cost it far less than parsing each entry's JSON would.
import { sqlString } from './sql-text.js';

/** A Parquet column: its name and its engine type. */
export interface ParquetColumn {
  name: string;
  type: 'BIGINT' | 'TIMESTAMPTZ' | 'VARCHAR';
}

export const FIELD_SEPARATOR = '\u0001';
export const TEXT_QUOTE = '\u0002';
export const TEXT_ESCAPE = '\u0003';

/** What a text writes after TEXT_ESCAPE for each character no line may hold raw (the escape itself last). */
export const TEXT_ESCAPES: ReadonlyArray<readonly [char: string, code: string]> = [
  ['\n', 'n'],
  ['\r', 'r'],
  [TEXT_ESCAPE, 'e'],
];

/** A text column's value: its escapes undone (only a text holding one is touched). */
function unescaped(name: string): string {
  const chr = (ch: string) => `chr(${ch.charCodeAt(0)})`;
  const escape = chr(TEXT_ESCAPE);
  const undone = TEXT_ESCAPES.reduce((sql, [ch, code]) => `replace(${sql}, ${escape} || '${code}', ${chr(ch)})`, name);
  return `CASE WHEN contains(${name}, ${escape}) THEN ${undone} ELSE ${name} END`;
}

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
function lineFields(columns: readonly ParquetColumn[]): ParquetColumn[] {
  return columns.flatMap((c): ParquetColumn[] =>
    c.type === 'TIMESTAMPTZ'
      ? [{ name: c.name, type: 'VARCHAR' }, { name: `${c.name}__us`, type: 'BIGINT' }, { name: `${c.name}__given`, type: 'VARCHAR' }]
      : [c],
  );
}

const instantOf = (name: string) => `CASE WHEN ${name} IS NULL THEN make_timestamptz(${name}__us) ELSE TRY_CAST(${name} AS TIMESTAMPTZ) END`;

function valueOf(c: ParquetColumn): string {
  if (c.type === 'TIMESTAMPTZ') return instantOf(c.name);
  return c.type === 'VARCHAR' ? unescaped(c.name) : c.name;
}

/** Epoch µs of 0000-01-01 and 10000-01-01. */
const FIRST_DAY_US = -62_167_219_200_000_000n;
const PAST_LAST_DAY_US = 253_402_300_800_000_000n;

/**
 * The UTC day (`YYYY-MM-DD`, a lake's partition) of an instant `expr`; none outside the years
 * 0000-9999, where a day has no such name. Needs the connection's TimeZone to be UTC.
 */
export function utcDaySql(expr: string): string {
  return `CASE WHEN epoch_us(${expr}) >= ${FIRST_DAY_US} AND epoch_us(${expr}) < ${PAST_LAST_DAY_US} THEN strftime(${expr}, '%Y-%m-%d') END`;
}

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
  const typed = columns.map((c) => `${valueOf(c)} AS ${c.name}`).join(', ');
  const names = columns.map((c) => c.name).join(', ');
  // The inner select reads the line's fields (created_at is the text there), the outer one its typed values.
  return `SELECT ${names}, ${utcDaySql('created_at')} AS fibe_partition, fibe_created_text FROM (
  SELECT ${typed}, coalesce(created_at, ${unescaped('created_at__given')}) AS fibe_created_text FROM ${reader(path, columns)})`;
}
