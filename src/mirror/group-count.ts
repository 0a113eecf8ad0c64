// summary's counting done by the engine, for the groupings whose keys SQL computes exactly as
// model/group.ts does: plain columns, and day/hour buckets counted per quarter hour and named in JS
// (every zone's offset is a multiple of 15 minutes, and each bucket is checked to lie in one key).
import type { DuckDBConnection } from '@duckdb/node-api';
import type { GroupBy } from '../model/group.js';
import { dayKeyOf, hourKeyOf } from '../model/group.js';
import type { Zone } from '../time/zone.js';
import type { Where } from './entry-query.js';

const QUARTER_MS = 900_000;
const COLUMN_KEYS: Partial<Record<GroupBy, string>> = {
  action: "NULLIF(action, '')",
  channel: "NULLIF(channel, '')",
  resource_type: "NULLIF(resource_type, '')",
  actor_type: 'actor_kind',
};

export const COUNTABLE: ReadonlySet<GroupBy> = new Set(['action', 'channel', 'resource_type', 'actor_type', 'day', 'hour']);

/**
 * Counts per group of the rows whose columns rebuild their entry (raw IS NULL) and match `where`
 * exactly; null when this grouping cannot be counted exactly here. Other rows are left to the caller.
 */
export async function countGroups(connection: DuckDBConnection, where: Where, by: GroupBy, zone: Zone): Promise<Map<string | null, number> | null> {
  if (!where.exact || !COUNTABLE.has(by)) return null;
  const counts = new Map<string | null, number>();
  const column = COLUMN_KEYS[by];
  if (column !== undefined) {
    const sql = `SELECT ${column} AS k, count(*) FROM entries WHERE ${where.sql} AND raw IS NULL GROUP BY k`;
    for (const [k, n] of (await connection.runAndReadAll(sql, where.params)).getRows()) counts.set(k === null ? null : String(k), Number(n));
    return counts;
  }
  const sql = `SELECT floor(epoch_ms(created_at) / ${QUARTER_MS})::BIGINT AS q, count(*) FROM entries WHERE ${where.sql} AND raw IS NULL GROUP BY q`;
  const keyOf = by === 'day' ? dayKeyOf : hourKeyOf;
  for (const [q, n] of (await connection.runAndReadAll(sql, where.params)).getRows()) {
    const from = Number(q) * QUARTER_MS;
    const key = keyOf(from, zone);
    if (keyOf(from + QUARTER_MS - 1, zone) !== key) return null;
    counts.set(key, (counts.get(key) ?? 0) + Number(n));
  }
  return counts;
}
