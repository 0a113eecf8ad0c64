// The key list as of the last sync (GET /api/api_keys): key labels and the `keys` command answer
// from it offline. Each record is kept as received (raw) plus columns for SQL.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ApiKeyRecord } from '../model/entry.js';
import type { DuckDB } from './engine.js';

const text = (v: unknown) => (typeof v === 'string' ? v : null);

/** Replaces the snapshot; run inside the caller's transaction. */
export async function writeKeySnapshot(duckdb: DuckDB, connection: DuckDBConnection, keys: readonly ApiKeyRecord[], at: Date): Promise<void> {
  await connection.run('DELETE FROM key_snapshot');
  const snapshotAt = new duckdb.DuckDBTimestampTZValue(BigInt(at.getTime()) * 1000n);
  const insert = await connection.prepare(
    `INSERT INTO key_snapshot VALUES ($1, $2, $3, from_json($4, '["VARCHAR"]'), $5, $6, $7, $8, $9, $10, $11)`,
  );
  for (const [position, k] of keys.entries()) {
    const scopes = Array.isArray(k.scopes) ? k.scopes.filter((s): s is string => typeof s === 'string') : null;
    insert.bind([
      Number.isSafeInteger(k.id) ? BigInt(k.id) : null,
      text(k.label),
      text(k.masked_token),
      scopes === null ? null : JSON.stringify(scopes),
      text(k.created_at),
      text(k.expires_at),
      typeof k.agent_accessible === 'boolean' ? k.agent_accessible : null,
      text(k.last_used_at),
      JSON.stringify(k),
      position,
      snapshotAt,
    ]);
    await insert.run();
  }
}

/** The snapshot in the order the API listed it, each record exactly as received. */
export async function readKeySnapshot(connection: DuckDBConnection): Promise<ApiKeyRecord[]> {
  const reader = await connection.runAndReadAll('SELECT raw FROM key_snapshot ORDER BY position');
  return reader.getRows().map((row) => JSON.parse(String(row[0])) as ApiKeyRecord);
}
