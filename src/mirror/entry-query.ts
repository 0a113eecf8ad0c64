// Reading entries back: the filters pushed into SQL as a superset (parameterised, never built from
// user text), pages in (created_at, id) order by keyset, rows turned back into the API's entries.
// The client-side filter the API path uses then decides every entry (source/mirror-source.ts).
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { literalPrefixOf } from '../model/action-pattern.js';
import type { Filters } from '../model/filter.js';
import { afterWindowEnd } from '../time/parse.js';
import type { AuditEntry } from '../model/entry.js';
import type { DuckDB } from './engine.js';
import { formatMicros } from './entry-row.js';

export interface Where {
  sql: string;
  params: DuckDBValue[];
  /** True when the SQL decides every filter exactly as compileFilter does (standard rows only). */
  exact: boolean;
}

const us = (duckdb: DuckDB, d: Date) => new duckdb.DuckDBTimestampTZValue(BigInt(d.getTime()) * 1000n);
const CANONICAL_ID = /^(0|[1-9]\d{0,15})$/;

/** A reference SQL decides exactly: a user, key or Genie by a plain id (the columns hold the normalised actor). */
function isExactRef(ref: Filters['actors'][number]): boolean {
  return ref.by === 'id' && ref.kind !== 'automation' && CANONICAL_ID.test(ref.value) && Number.isSafeInteger(Number(ref.value));
}

/**
 * Conditions that keep every entry compileFilter keeps. Window: inclusive at both ends as the API
 * reads created_after/created_before (the client's own check on top is then implied). Actions: the
 * literal prefix, lower-cased as the patterns compare (non-ASCII actions always pass, since engines
 * lower-case them differently). Actors: kind plus id where the reference names one.
 */
export function buildWhere(duckdb: DuckDB, f: Filters): Where {
  const parts: string[] = [];
  const params: DuckDBValue[] = [];
  const param = (v: DuckDBValue) => {
    params.push(v);
    return `$${params.length}`;
  };
  // Window, actor types, resource type and channel are decided exactly for rows whose columns rebuild
  // the entry (raw IS NULL); the other filters only narrow.
  const exact = f.search === undefined && f.actions.length === 0 && f.resource?.id === undefined && f.actors.every(isExactRef);
  if (f.window.start) parts.push(`created_at >= ${param(us(duckdb, f.window.start))}`);
  parts.push(`created_at < ${param(us(duckdb, afterWindowEnd(f.window.end)))}`);
  const prefixes = f.actions.map(literalPrefixOf);
  if (prefixes.length > 0 && prefixes.every((p) => p !== '')) {
    const any = prefixes.map((p) => `starts_with(lower(action), ${param(p)})`).join(' OR ');
    parts.push(`(${any} OR regexp_matches(action, '[^\\x00-\\x7F]'))`);
  }
  if (f.actors.length > 0) {
    const refs = f.actors.map((ref) => {
      if (ref.by === 'token') return 'false';
      const kinds = ref.kind === 'key' ? ['api_key', 'genie'] : ref.kind === 'genie' ? ['genie'] : [ref.kind];
      const kind = `actor_kind IN (${kinds.map((k) => param(k)).join(', ')})`;
      if (ref.by === 'id' && ref.kind !== 'automation' && CANONICAL_ID.test(ref.value)) return `(${kind} AND actor_id = ${param(BigInt(ref.value))})`;
      return `(${kind})`;
    });
    parts.push(`(${refs.join(' OR ')})`);
  }
  if (f.actorTypes.length > 0) parts.push(`actor_kind IN (${f.actorTypes.map((k) => param(k)).join(', ')})`);
  if (f.resource) parts.push(`resource_type = ${param(f.resource.type)}`);
  if (f.channel !== undefined) parts.push(`channel = ${param(f.channel)}`);
  return { sql: parts.join(' AND '), params, exact };
}

// Each row leaves the engine as a JSON array and a page as one string: V8 parses that far faster than
// the driver converts values one by one (seconds for a busy key's month of entries). JSON null stands
// for SQL NULL; metadata goes in as the JSON text it is, after a flag telling absent from null.
const v = (column: string) => `coalesce(to_json(${column})::VARCHAR, 'null')`;
const ROW_JSON = `'[' || ${v('id')} || ',' || ${v('epoch_us(created_at)')} || ',' || ${v('action')} || ',' || ${v('actor_type')} || ','
  || ${v('channel')} || ',' || ${v('resource_type')} || ',' || ${v('resource_id')} || ',' || (metadata IS NOT NULL)::INTEGER || ','
  || coalesce(metadata, 'null') || ',' || ${v('wire_actor_id')} || ',' || ${v('raw')} || ']'`;

type RowArray = [number | null, number | null, string | null, string | null, string | null, string | null, number | null, 0 | 1, unknown, number | null, string | null];

/** The entry of one row array (the same fields fromEntryRow reads, metadata already parsed). */
function entryOf(r: RowArray): AuditEntry {
  if (r[10] !== null) return JSON.parse(r[10]) as AuditEntry;
  const entry: Record<string, unknown> = {
    id: r[0], resource_type: r[5], resource_id: r[6], action: r[2], channel: r[4], actor_type: r[3], actor_id: r[9],
    metadata: r[8], created_at: r[1] === null ? null : formatMicros(r[1]),
  };
  if (r[7] === 0) delete entry.metadata;
  return entry as AuditEntry;
}

export interface Cursor {
  us: bigint;
  id: bigint;
}

// Rows without an id sort first (asc) and are paged by this stand-in.
const NO_ID = -(2n ** 63n);

/** One page of matching rows after the cursor, in order; the cursor for the next page (null at the end). */
export async function readEntryPage(
  connection: DuckDBConnection, where: Where, order: 'asc' | 'desc', after: Cursor | null, limit: number,
): Promise<{ entries: AuditEntry[]; next: Cursor | null }> {
  const params = [...where.params];
  const cmp = order === 'asc' ? '>' : '<';
  let keyset = '';
  if (after) {
    params.push(after.us, after.id);
    const a = `$${params.length - 1}`;
    const b = `$${params.length}`;
    keyset = ` AND (epoch_us(created_at) ${cmp} ${a} OR (epoch_us(created_at) = ${a} AND coalesce(id, ${NO_ID}) ${cmp} ${b}))`;
  }
  const dir = order === 'asc' ? 'ASC' : 'DESC';
  const sort = `created_at ${dir}, coalesce(id, ${NO_ID}) ${dir}`;
  const sql = `SELECT string_agg(row_json, ',' ORDER BY ${sort}), count(*) FROM (
    SELECT ${ROW_JSON} AS row_json, created_at, id FROM entries WHERE ${where.sql}${keyset} ORDER BY ${sort} LIMIT ${Math.floor(limit)})`;
  const [text, n] = (await connection.runAndReadAll(sql, params)).getRows()[0] ?? [null, 0n];
  const rows = text === null ? [] : (JSON.parse(`[${String(text)}]`) as RowArray[]);
  const last = rows[rows.length - 1];
  const next = Number(n) < limit || !last ? null : { us: BigInt(last[1] ?? 0), id: last[0] === null ? NO_ID : BigInt(last[0]) };
  return { entries: rows.map(entryOf), next };
}
