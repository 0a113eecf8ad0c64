// Test helpers: what a mirror file holds, read straight from the engine (read-only), and where a
// test's mirror lives.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

/** Every entry id in the mirror, in (created_at, id) order. */
export async function mirrorIds(path: string): Promise<number[]> {
  const instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  try {
    const connection = await instance.connect();
    const rows = (await connection.runAndReadAll('SELECT id FROM entries ORDER BY created_at, id')).getRows();
    connection.closeSync();
    return rows.map((r) => Number(r[0]));
  } finally {
    instance.closeSync();
  }
}

/** The one mirror file in a data directory. */
export function mirrorIn(dataDir: string): string {
  const files = readdirSync(dataDir).filter((f) => f.endsWith('.duckdb'));
  if (files.length !== 1) throw new Error(`expected one mirror in ${dataDir}, found ${files.join(', ') || 'none'}`);
  return join(dataDir, files[0] as string);
}
