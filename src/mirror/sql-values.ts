// DuckDB values as JSON-ready values (SPEC.md "fibe-audit sql"): integers as numbers, or strings beyond
// 2^53; times as UTC ISO 8601; JSON columns as the JSON they hold; lists and structs as arrays and objects.
import type { DuckDBType } from '@duckdb/node-api';

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

const hasMicros = (v: object): v is { micros: bigint } => typeof (v as { micros?: unknown }).micros === 'bigint';
const hasItems = (v: object): v is { items: unknown[] } => Array.isArray((v as { items?: unknown }).items);
const hasEntries = (v: object): v is { entries: Record<string, unknown> } => {
  const e = (v as { entries?: unknown }).entries;
  return e !== null && typeof e === 'object' && !Array.isArray(e);
};

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
  if (typeof value === 'object') {
    if (hasMicros(value)) return isoFromMicros(value.micros);
    if (hasItems(value)) return value.items.map((item) => toSqlValue(item));
    if (hasEntries(value)) return Object.fromEntries(Object.entries(value.entries).map(([k, v]) => [k, toSqlValue(v)]));
  }
  return String(value);
}
