// Reading entries back: the filters pushed into SQL as a superset (parameterised, never built from
// user text), pages in (created_at, id) order by keyset, rows turned back into the API's entries.
// The client-side filter the API path uses then decides every entry (source/mirror-source.ts).
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { literalPrefixOf } from '../model/action-pattern.js';
import type { Filters } from '../model/filter.js';
import type { AuditEntry } from '../model/entry.js';
import type { DuckDB } from './engine.js';
import { fromEntryRow, type EntryRow } from './entry-row.js';

export interface Where {
  sql: string;
  params: DuckDBValue[];
  /** True when the SQL decides every filter exactly as compileFilter does (standard rows only). */
  exact: boolean;
}

const us = (duckdb: DuckDB, d: Date) => new duckdb.DuckDBTimestampTZValue(BigInt(d.getTime()) * 1000n);
const CANONICAL_ID = /^(0|[1-9]\d{0,15})$/;

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
  const exact = f.search === undefined && f.actions.length === 0 && f.actors.length === 0 && f.resource?.id === undefined;
  if (f.window.start) parts.push(`created_at >= ${param(us(duckdb, f.window.start))}`);
  parts.push(`created_at <= ${param(us(duckdb, f.window.end))}`);
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

const ROW_COLUMNS = 'id, epoch_us(created_at), action, actor_type, channel, resource_type, resource_id, metadata, wire_actor_id, raw';
const num = (v: DuckDBValue) => (typeof v === 'bigint' ? Number(v) : null);
const str = (v: DuckDBValue) => (typeof v === 'string' ? v : null);

/** The entry of a selected row (only what fromEntryRow reads is selected). */
function entryOf(r: DuckDBValue[]): AuditEntry {
  const row: EntryRow = {
    id: num(r[0] ?? null), createdAtUs: num(r[1] ?? null), action: str(r[2] ?? null), actorKind: '', actorId: null, actorLabel: null,
    actorType: str(r[3] ?? null), channel: str(r[4] ?? null), resourceType: str(r[5] ?? null), resourceId: num(r[6] ?? null), resourceName: null,
    metadata: str(r[7] ?? null), wireActorId: num(r[8] ?? null), raw: str(r[9] ?? null),
  };
  return fromEntryRow(row);
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
  const sql = `SELECT ${ROW_COLUMNS} FROM entries WHERE ${where.sql}${keyset} ORDER BY created_at ${dir}, coalesce(id, ${NO_ID}) ${dir} LIMIT ${Math.floor(limit)}`;
  const rows = (await connection.runAndReadAll(sql, params)).getRows();
  const last = rows[rows.length - 1];
  const next = rows.length < limit || !last ? null : { us: last[1] as bigint, id: typeof last[0] === 'bigint' ? last[0] : NO_ID };
  return { entries: rows.map(entryOf), next };
}
