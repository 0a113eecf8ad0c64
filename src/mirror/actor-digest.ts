// actor's dossier computed by the engine: counts per action, day and resource, first and last seen,
// and only the newest entries read back, instead of every entry of a busy key's month. Used only when
// the SQL decides the question exactly and every matching row rebuilds its entry from the columns
// (no kept JSON: entry-row.ts keeps it for odd resource names too), so each figure equals what
// model/actor-summary.ts computes. The newest name wins, ties on the instant broken by id.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ActorDigest, ResourceCount } from '../model/actor-summary.js';
import { dayKeyOf } from '../model/group.js';
import { attachActor } from '../model/actor.js';
import type { Zone } from '../time/zone.js';
import { formatMicros } from './entry-row.js';
import { readEntryPage, type Where } from './entry-query.js';

const QUARTER_MS = 900_000;

async function rows(connection: DuckDBConnection, sql: string, where: Where) {
  return (await connection.runAndReadAll(sql, where.params)).getRows();
}

const at = (us: bigint) => {
  const n = Number(us);
  return { ms: Math.floor(n / 1000), at: formatMicros(n) };
};

/** The digest, or null when the engine cannot answer exactly (then every entry is read instead). */
export async function digestActor(connection: DuckDBConnection, where: Where, zone: Zone, keep: number): Promise<ActorDigest | null> {
  if (!where.exact) return null;
  const W = where.sql;
  const [totals] = await rows(connection, `SELECT count(*), count(raw), min(epoch_us(created_at)), max(epoch_us(created_at)) FROM entries WHERE ${W}`, where);
  if (!totals || Number(totals[1]) > 0) return null;
  const total = Number(totals[0]);
  const days = new Map<string, number>();
  for (const [q, n] of await rows(connection, `SELECT floor(epoch_ms(created_at) / ${QUARTER_MS})::BIGINT AS q, count(*) FROM entries WHERE ${W} GROUP BY q`, where)) {
    const from = Number(q) * QUARTER_MS;
    const day = dayKeyOf(from, zone);
    if (dayKeyOf(from + QUARTER_MS - 1, zone) !== day) return null;
    days.set(day, (days.get(day) ?? 0) + Number(n));
  }
  const actions = (await rows(connection, `SELECT coalesce(action, '') AS a, count(*) FROM entries WHERE ${W} GROUP BY a`, where)).map(
    ([a, n]) => [String(a), Number(n)] as [string, number],
  );
  // The name shown is the newest one given, as when entries are added newest first.
  const resources: ResourceCount[] = (
    await rows(
      connection,
      `SELECT NULLIF(resource_type, '') AS t, resource_id AS i, count(*),
              arg_max(NULLIF(resource_name, ''), epoch_us(created_at)::HUGEINT * 9223372036854775808 + id) FILTER (WHERE NULLIF(resource_name, '') IS NOT NULL)
       FROM entries WHERE ${W} AND (NULLIF(resource_type, '') IS NOT NULL OR resource_id IS NOT NULL) GROUP BY t, i`,
      where,
    )
  ).map(([t, i, n, name]) => ({
    resource_type: t === null ? null : String(t),
    resource_id: i === null ? null : Number(i),
    resource_name: name === null || name === undefined ? null : String(name),
    count: Number(n),
  }));
  const page = total === 0 ? { entries: [] } : await readEntryPage(connection, where, 'desc', null, Math.max(keep, 1));
  return {
    total,
    first: typeof totals[2] === 'bigint' ? at(totals[2]) : null,
    last: typeof totals[3] === 'bigint' ? at(totals[3]) : null,
    actions,
    days: [...days],
    resources,
    recent: page.entries.map(attachActor),
  };
}
