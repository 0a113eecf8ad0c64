// The engine's side of the entry lines export/parquet-line.ts writes: one JSON object per line, either
// an entry as the API sent it plus its normalised `actor` (the engine types the columns), or
// `{"fibe_row": {...}}` holding the typed values already (entries whose JSON the engine would read
// differently). Both come out as the stage's columns: SPEC's Parquet columns, then the UTC day and
// created_at as the API wrote it.
import { sqlString } from './sql-text.js';

/** A Parquet column: its name (the line's key in a typed row) and its engine type. */
export interface ParquetColumn {
  name: string;
  type: 'BIGINT' | 'TIMESTAMPTZ' | 'VARCHAR';
}

const INSTANT = 'TRY_CAST(created_at AS TIMESTAMPTZ)';

/** Each column read from an entry's own JSON (the API's fields, typed by the shape below). */
const FROM_ENTRY: Record<string, string> = {
  id: 'id',
  created_at: INSTANT,
  action: 'action',
  actor_kind: 'actor.kind',
  actor_id: 'actor.id',
  actor_label: 'actor.label',
  actor_type: 'actor_type',
  channel: 'channel',
  resource_type: 'resource_type',
  resource_id: 'resource_id',
  resource_name: "metadata ->> '$.resource_name'",
  metadata: 'metadata::VARCHAR',
  fibe_partition: `strftime(${INSTANT}, '%Y-%m-%d')`,
  fibe_created_text: 'created_at',
};

/** The API's fields of an entry, as the engine types them (FIBE-API.md "One entry", plus `actor`). */
const ENTRY_SHAPE = {
  id: 'BIGINT', created_at: 'VARCHAR', action: 'VARCHAR', actor_type: 'VARCHAR', channel: 'VARCHAR',
  resource_type: 'VARCHAR', resource_id: 'BIGINT', metadata: 'JSON',
  actor: { kind: 'VARCHAR', id: 'BIGINT', label: 'VARCHAR' },
};

/** The stage's extra columns after the Parquet ones: the UTC day and created_at as the API wrote it. */
const STAGE_EXTRAS: readonly ParquetColumn[] = [
  { name: 'fibe_partition', type: 'VARCHAR' },
  { name: 'fibe_created_text', type: 'VARCHAR' },
];

/**
 * The select list for `columns` (then the stage's extras): a typed row's value when the line is
 * one (times as epoch µs), else what the entry's JSON says. A column with no reading from an
 * entry's JSON fails here, loudly, rather than coming out empty.
 */
function selectList(columns: readonly ParquetColumn[]): string {
  return [...columns, ...STAGE_EXTRAS]
    .map(({ name, type }) => {
      const fromEntry = FROM_ENTRY[name];
      if (fromEntry === undefined) throw new Error(`no reading of column '${name}' from an entry's JSON`);
      const typed = type === 'TIMESTAMPTZ' ? `make_timestamptz(fibe_row.${name})` : `fibe_row.${name}`;
      return `CASE WHEN fibe_row IS NULL THEN ${fromEntry} ELSE ${typed} END AS ${name}`;
    })
    .join(',\n  ');
}

/** What json_transform reads each line into: the entry's fields, or the typed row under `fibe_row`. */
function shapeOf(columns: readonly ParquetColumn[]): string {
  const typedRow = Object.fromEntries([...columns, ...STAGE_EXTRAS].map(({ name, type }) => [name, type === 'TIMESTAMPTZ' ? 'BIGINT' : type]));
  return JSON.stringify({ ...ENTRY_SHAPE, fibe_row: typedRow });
}

/**
 * The lines themselves, read as text and parsed by json_transform. The CSV reader streams a pipe in
 * fixed buffers, where the JSON reader keeps every buffer of a file it cannot seek in (its memory
 * would grow with the export). JSON text holds no raw control character, so U+0001 never splits a line,
 * and without quote or escape characters each line arrives as it was written.
 */
const SEPARATOR = '\u0001';
/**
 * The longest entry line the engine takes, in UTF-8 bytes without its newline (the engine counts
 * that too), and about what it reads at a time: a pipe is read in buffers this size, so a bigger
 * one would leave more for the engine to do after the last page.
 */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;
const LINES = (path: string, shape: string) =>
  `SELECT unnest(json_transform(line, ${sqlString(shape)})) FROM read_csv(${sqlString(path)}, delim = '${SEPARATOR}', quote = '', escape = '', header = false, columns = {line: 'VARCHAR'}, max_line_size = ${MAX_LINE_BYTES + 1}, buffer_size = ${MAX_LINE_BYTES + 1})`;

/**
 * The rows of a file (or pipe) of entry lines, in the file's order: `columns`, then fibe_partition
 * and fibe_created_text.
 * Needs the connection's TimeZone to be UTC (the day of an instant is the UTC day).
 */
export function entryLinesQuery(path: string, columns: readonly ParquetColumn[]): string {
  return `SELECT
  ${selectList(columns)}
FROM (${LINES(path, shapeOf(columns))})`;
}
