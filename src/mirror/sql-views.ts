// The views `fibe-audit sql` offers (SPEC.md "fibe-audit sql"), over the mirror's own tables:
// `entries` with the CSV columns typed plus `raw`, and `keys`, the key snapshot.

import { sqlIdentifier as quoteIdentifier } from './sql-text.js';

/** created_at as the API writes it: whole seconds, else milliseconds, else microseconds. */
export const apiTimeSql = (column: string) => `CASE
    WHEN epoch_us(${column}) % 1000000 = 0 THEN strftime(${column}, '%Y-%m-%dT%H:%M:%SZ')
    WHEN epoch_us(${column}) % 1000 = 0 THEN strftime(${column}, '%Y-%m-%dT%H:%M:%S.%gZ')
    ELSE strftime(${column}, '%Y-%m-%dT%H:%M:%S.%fZ') END`;
const CREATED = apiTimeSql('e.created_at');

/**
 * The entry's JSON as the API sent it: stored whole when the columns could not rebuild it, else
 * rebuilt here exactly as rebuildEntry (entry-row.ts) does: the same fields in the same order, the
 * metadata column's text as stored (it is JSON.stringify's own output), times in the API's shape.
 * entry-row.ts keeps an entry whole whenever the engine would spell one of its texts differently.
 */
const json = (column: string) => `coalesce(to_json(e.${column})::VARCHAR, 'null')`;
const RAW = `coalesce(e.raw, '{"id":' || e.id || ',"resource_type":' || ${json('resource_type')} || ',"resource_id":' || ${json('resource_id')}
  || ',"action":' || ${json('action')} || ',"channel":' || ${json('channel')} || ',"actor_type":' || ${json('actor_type')}
  || ',"actor_id":' || ${json('wire_actor_id')} || coalesce(',"metadata":' || e.metadata, '') || ',"created_at":"' || ${CREATED} || '"}')`;

/**
 * A text column: the stored value, or for entries kept whole (text the columns cannot hold), the field
 * itself; when that JSON cannot be read by the engine (an escaped unpaired surrogate), the stored value.
 */
const fromRaw = (column: string, path: string) =>
  `CASE WHEN e.raw IS NULL THEN e.${column} ELSE coalesce(try(e.raw ->> '${path}'), e.${column}) END AS ${column}`;

/** The views over the mirror's catalog (named after its file, so it is quoted here rather than assumed). */
export const createSqlViews = (catalog: string) => `
CREATE TEMP VIEW entries AS SELECT
  e.id, e.created_at, ${fromRaw('action', '$.action')}, e.actor_kind, e.actor_id, e.actor_label,
  ${fromRaw('actor_type', '$.actor_type')}, ${fromRaw('channel', '$.channel')}, ${fromRaw('resource_type', '$.resource_type')},
  e.resource_id, ${fromRaw('resource_name', '$.metadata.resource_name')}, TRY_CAST(e.metadata AS JSON) AS metadata, ${RAW} AS raw
FROM ${quoteIdentifier(catalog)}.main.entries e;
CREATE TEMP VIEW keys AS SELECT
  id, label, masked_token, scopes, TRY_CAST(created_at AS TIMESTAMPTZ) AS created_at,
  TRY_CAST(expires_at AS TIMESTAMPTZ) AS expires_at, agent_accessible, TRY_CAST(last_used_at AS TIMESTAMPTZ) AS last_used_at,
  raw, snapshot_at
FROM ${quoteIdentifier(catalog)}.main.key_snapshot ORDER BY position;
`;
