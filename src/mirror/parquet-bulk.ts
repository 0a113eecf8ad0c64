// The mirror's entries straight into a Parquet stage: rows the columns describe exactly (raw IS NULL,
// metadata valid JSON) are copied by the engine, typed as the export's entry lines type them, with no
// entry passing through JavaScript; the caller reads the rest (kept-whole entries, and those at a
// checkpoint's instant) as entries and stages them itself.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DuckDB } from './engine.js';
import type { Where } from './entry-query.js';
import { utcDaySql } from './parquet-lines.js';
import { apiTimeSql } from './sql-views.js';
import { sqlString } from './sql-text.js';

/** Rows the engine copies; `rest` is exactly their complement within the same filters. */
export const BULK_ROWS = '(raw IS NULL AND (metadata IS NULL OR TRY_CAST(metadata AS JSON) IS NOT NULL))';

/** resource_name as the CSV and Parquet columns read it: metadata.resource_name as text, null when absent. */
const RESOURCE_NAME = `CASE json_type(TRY_CAST(metadata AS JSON), '$.resource_name')
    WHEN 'VARCHAR' THEN TRY_CAST(metadata AS JSON) ->> '$.resource_name'
    WHEN 'NULL' THEN NULL
    ELSE json_extract(TRY_CAST(metadata AS JSON), '$.resource_name')::VARCHAR END`;

const SELECT = `SELECT id, created_at, action, actor_kind, actor_id, actor_label, actor_type, channel, resource_type, resource_id,
  ${RESOURCE_NAME} AS resource_name, nullif(metadata, 'null') AS metadata, ${utcDaySql('created_at')} AS fibe_partition, ${apiTimeSql('created_at')} AS fibe_created_text
FROM entries`;

/**
 * Writes the bulk rows matching `where` (and created_at >= from, when given) to a Parquet file laid
 * out as the stage's table, for the stage to import. Times are formatted in UTC.
 */
export async function copyBulkRows(duckdb: DuckDB, connection: DuckDBConnection, where: Where, from: Date | null, file: string): Promise<void> {
  await connection.run("SET TimeZone = 'UTC'");
  const params = [...where.params];
  let sql = `${SELECT} WHERE ${where.sql} AND ${BULK_ROWS}`;
  if (from !== null) {
    params.push(new duckdb.DuckDBTimestampTZValue(BigInt(from.getTime()) * 1000n));
    sql += ` AND created_at >= $${params.length}`;
  }
  const prepared = await connection.prepare(`COPY (${sql}) TO ${sqlString(file)} (FORMAT parquet)`);
  prepared.bind(params);
  await prepared.run();
}

/** The complement of the bulk rows, as a condition on the same table (what the caller reads itself). */
export function restCondition(duckdb: DuckDB, where: Where, from: Date | null): Where {
  const params = [...where.params];
  let rest = `NOT ${BULK_ROWS}`;
  if (from !== null) {
    params.push(new duckdb.DuckDBTimestampTZValue(BigInt(from.getTime()) * 1000n));
    rest = `(${rest} OR created_at < $${params.length})`;
  }
  return { ...where, sql: `${where.sql} AND ${rest}`, params };
}
