// DuckDB values as JSON-ready values (SPEC.md "fibe-audit sql"): integers as numbers, or strings beyond
// 2^53; instants (TIMESTAMP*) as UTC ISO 8601, DATE as YYYY-MM-DD, TIME and INTERVAL as DuckDB writes
// them; JSON columns as the JSON they hold; lists and structs as arrays and objects. The column's type
// decides, never the value's shape (an INTERVAL and a TIME hold `micros` too, and are no instants).
import { createRequire } from 'node:module';
import type { DuckDBListType, DuckDBStructType, DuckDBType } from '@duckdb/node-api';
import type { DuckDB } from './engine.js';

// Loaded only with the sandbox, which has the engine loaded already: this require is a cache hit.
const { DuckDBTypeId: ID } = createRequire(import.meta.url)('@duckdb/node-api') as DuckDB;

export type SqlValue = null | boolean | number | string | SqlValue[] | { [key: string]: SqlValue };

/** `2026-11-25T14:03:11.123456Z`: every digit the engine holds, in UTC. */
function isoFromMicros(micros: bigint): string {
  const ms = micros / 1000n;
  const sub = Number(micros - ms * 1000n);
  const date = new Date(Number(ms));
  if (Number.isNaN(date.getTime())) return String(micros);
  const iso = date.toISOString();
  return sub === 0 ? iso : `${iso.slice(0, 23)}${String(sub < 0 ? sub + 1000 : sub).padStart(3, '0')}Z`;
}

const floorDiv = (a: bigint, b: bigint) => (a % b < 0n ? a / b - 1n : a / b);

/** An instant of any TIMESTAMP precision; nanoseconds keep their last three digits. */
function isoInstant(value: object, typeId: number): string {
  const v = value as { micros?: bigint; millis?: bigint; seconds?: bigint; nanos?: bigint };
  if (typeId === ID.TIMESTAMP_NS && typeof v.nanos === 'bigint') {
    const micros = floorDiv(v.nanos, 1000n);
    const rest = v.nanos - micros * 1000n;
    if (rest === 0n) return isoFromMicros(micros);
    const fraction = String(micros - floorDiv(micros, 1_000_000n) * 1_000_000n).padStart(6, '0');
    return `${isoFromMicros(micros).slice(0, 19)}.${fraction}${String(rest).padStart(3, '0')}Z`;
  }
  const micros = v.micros ?? (v.millis !== undefined ? v.millis * 1000n : v.seconds !== undefined ? v.seconds * 1_000_000n : undefined);
  return micros === undefined ? String(value) : isoFromMicros(micros);
}

const INSTANTS = new Set<number>([ID.TIMESTAMP, ID.TIMESTAMP_TZ, ID.TIMESTAMP_MS, ID.TIMESTAMP_S, ID.TIMESTAMP_NS]);

export function toSqlValue(value: unknown, type?: DuckDBType): SqlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string') {
    if (type?.alias !== 'JSON') return value;
    try {
      return JSON.parse(value) as SqlValue;
    } catch {
      return value;
    }
  }
  if (typeof value === 'boolean') return value;
  if (typeof value === 'object' && type) {
    if (INSTANTS.has(type.typeId)) return isoInstant(value, type.typeId);
    if (type.typeId === ID.LIST || type.typeId === ID.ARRAY) {
      const items = (value as { items?: unknown[] }).items ?? [];
      return items.map((item) => toSqlValue(item, (type as DuckDBListType).valueType));
    }
    if (type.typeId === ID.STRUCT) {
      const t = type as DuckDBStructType;
      const entries = (value as { entries?: Record<string, unknown> }).entries ?? {};
      return Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, toSqlValue(v, t.entryTypes[t.entryNames.indexOf(k)])]));
    }
  }
  // DATE (YYYY-MM-DD), TIME (12:34:56[.ffffff]), INTERVAL (`90 days 00:23:10.694385`), DECIMAL, UUID...:
  // the engine's own text for the value, the same a DuckDB shell would show.
  return String(value);
}
