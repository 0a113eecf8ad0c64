// The engine's side of the entry lines export/parquet-line.ts writes: one JSON object per line, either
// an entry as the API sent it plus its normalised `actor` (the engine types the columns), or
// `{"fibe_row": {...}}` holding the typed values already (entries whose JSON the engine would read
// differently). Both come out as the stage's columns: SPEC's Parquet columns, then the UTC day and
// created_at as the API wrote it.
import { sqlString } from './sql-text.js';

/** The shape json_transform reads each line into (what the select list below takes apart). */
const SHAPE = JSON.stringify({
  id: 'BIGINT', created_at: 'VARCHAR', action: 'VARCHAR', actor_type: 'VARCHAR', channel: 'VARCHAR',
  resource_type: 'VARCHAR', resource_id: 'BIGINT', metadata: 'JSON',
  actor: { kind: 'VARCHAR', id: 'BIGINT', label: 'VARCHAR' },
  fibe_row: {
    id: 'BIGINT', created_at: 'BIGINT', action: 'VARCHAR', actor_kind: 'VARCHAR', actor_id: 'BIGINT', actor_label: 'VARCHAR',
    actor_type: 'VARCHAR', channel: 'VARCHAR', resource_type: 'VARCHAR', resource_id: 'BIGINT', resource_name: 'VARCHAR',
    metadata: 'VARCHAR', fibe_partition: 'VARCHAR', fibe_created_text: 'VARCHAR',
  },
});

/** A column of either shape: the typed row's value when the line is one, else what `entry` says. */
const pick = (name: string, entry: string) => `CASE WHEN fibe_row IS NULL THEN ${entry} ELSE fibe_row.${name} END AS ${name}`;

const INSTANT = 'TRY_CAST(created_at AS TIMESTAMPTZ)';

const SELECT_LIST = [
  pick('id', 'id'),
  `CASE WHEN fibe_row IS NULL THEN ${INSTANT} ELSE make_timestamptz(fibe_row.created_at) END AS created_at`,
  pick('action', 'action'),
  pick('actor_kind', 'actor.kind'),
  pick('actor_id', 'actor.id'),
  pick('actor_label', 'actor.label'),
  pick('actor_type', 'actor_type'),
  pick('channel', 'channel'),
  pick('resource_type', 'resource_type'),
  pick('resource_id', 'resource_id'),
  pick('resource_name', "metadata ->> '$.resource_name'"),
  pick('metadata', 'metadata::VARCHAR'),
  pick('fibe_partition', `strftime(${INSTANT}, '%Y-%m-%d')`),
  pick('fibe_created_text', 'created_at'),
].join(',\n  ');

/**
 * The lines themselves, read as text and parsed by json_transform. The CSV reader streams a pipe in
 * fixed buffers, where the JSON reader keeps every buffer of a file it cannot seek in (its memory
 * would grow with the export). JSON text holds no raw control character, so U+0001 never splits a line,
 * and without quote or escape characters each line arrives as it was written.
 */
const SEPARATOR = '\u0001';
/**
 * The longest entry line the engine takes, in UTF-8 bytes, and what it reads at a time: a pipe is
 * read in buffers this size, so a bigger one would leave more for the engine to do after the last page.
 */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;
const LINES = (path: string) =>
  `SELECT unnest(json_transform(line, ${sqlString(SHAPE)})) FROM read_csv(${sqlString(path)}, delim = '${SEPARATOR}', quote = '', escape = '', header = false, columns = {line: 'VARCHAR'}, max_line_size = ${MAX_LINE_BYTES}, buffer_size = ${MAX_LINE_BYTES})`;

/**
 * The rows of a file (or pipe) of entry lines, in the file's order, with the stage's column names.
 * Needs the connection's TimeZone to be UTC (the day of an instant is the UTC day).
 */
export function entryLinesQuery(path: string): string {
  return `SELECT
  ${SELECT_LIST}
FROM (${LINES(path)})`;
}
