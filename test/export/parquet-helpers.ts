// Test helpers for Parquet and the lake: what a file holds, read by DuckDB and by hyparquet (a
// different codebase), and what the NDJSON export says each row should be, derived independently.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';

export type Row = Record<string, unknown>;

export const PARQUET_COLUMN_NAMES = [
  'id', 'created_at', 'action', 'actor_kind', 'actor_id', 'actor_label', 'actor_type', 'channel',
  'resource_type', 'resource_id', 'resource_name', 'metadata',
];

/** UTF-8 cannot hold a lone surrogate: Parquet strings carry U+FFFD in its place (the JSON metadata keeps an escape). */
const utf8 = (s: string) => (s as unknown as { toWellFormed(): string }).toWellFormed();
const text = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? utf8(v) : typeof v === 'object' ? JSON.stringify(v) : String(v));
const int = (v: unknown): bigint | null => (typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : null);

function micros(iso: string): bigint {
  const m = /\.(\d+)Z$/.exec(iso);
  const frac = (m?.[1] ?? '').slice(0, 6).padEnd(6, '0');
  return BigInt(Math.floor(Date.parse(iso) / 1000)) * 1_000_000n + BigInt(frac);
}

/** The typed row SPEC.md promises for an entry of the NDJSON export. */
export function expectedRow(e: Row): Row {
  const actor = e.actor as { kind: string; id: unknown; label: unknown };
  const meta = e.metadata as Record<string, unknown> | null | undefined;
  return {
    id: int(e.id),
    created_at: micros(e.created_at as string),
    action: text(e.action),
    actor_kind: actor.kind,
    actor_id: int(actor.id),
    actor_label: text(actor.label),
    actor_type: text(e.actor_type),
    channel: text(e.channel),
    resource_type: text(e.resource_type),
    resource_id: int(e.resource_id),
    resource_name: meta && typeof meta === 'object' && !Array.isArray(meta) ? text(meta.resource_name) : null,
    metadata: meta === null || meta === undefined ? null : JSON.stringify(meta),
  };
}

export function parquetFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.parquet'))
    .map((d) => relative(dir, join(d.parentPath, d.name)))
    .sort();
}

/** Rows as DuckDB reads them (hive partitioning on for a directory), with the date partition when there is one. */
export async function readWithDuckDB(glob: string, hive: boolean): Promise<Row[]> {
  const instance = await DuckDBInstance.create(':memory:');
  try {
    const c = await instance.connect();
    await c.run("SET TimeZone = 'UTC'");
    const reader = await c.runAndReadAll(
      `SELECT *, epoch_us(created_at) AS created_us FROM read_parquet('${glob.replace(/'/g, "''")}', hive_partitioning = ${hive}) ORDER BY created_at, id`,
    );
    const rows = reader.getRowObjects().map((r) => {
      const { created_us, ...rest } = r as Record<string, unknown>;
      return { ...rest, created_at: created_us } as Row;
    });
    c.closeSync();
    return rows;
  } finally {
    instance.closeSync();
  }
}

/** Rows as hyparquet reads them: INT64 as bigint, times as Date, JSON parsed. */
export async function readWithHyparquet(path: string): Promise<Row[]> {
  const file = await asyncBufferFromFile(path);
  return (await parquetReadObjects({ file, compressors })) as Row[];
}

/** The physical and logical types of each column, as the file's own schema states them. */
export async function parquetTypes(path: string): Promise<Record<string, string>> {
  const instance = await DuckDBInstance.create(':memory:');
  try {
    const c = await instance.connect();
    const rows = (await c.runAndReadAll(`SELECT name, type, logical_type, converted_type FROM parquet_schema('${path.replace(/'/g, "''")}')`)).getRowObjects();
    c.closeSync();
    return Object.fromEntries(rows.filter((r) => r.name !== 'duckdb_schema').map((r) => [String(r.name), `${r.type}/${r.logical_type ?? r.converted_type}`]));
  } finally {
    instance.closeSync();
  }
}
