// Writes to an open mirror: a batch of entries and the sync state in one transaction (a reader or
// a crash sees all of a batch or none of it), ids already held skipped.
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import type { DuckDB } from './engine.js';
import type { EntryRow } from './entry-row.js';
import { CREATE_STAGING } from './schema.js';
import { writeSyncState, type SyncState } from './sync-state.js';
import { writeKeySnapshot } from './key-snapshot.js';
import type { ApiKeyRecord } from '../model/entry.js';

/** The row's columns after id and created_at, in ENTRY_COLUMNS order; unpacked by INSERT_NEW. */
function packRow(r: EntryRow): string {
  return JSON.stringify([
    r.action, r.actorKind, r.actorId, r.actorLabel, r.actorType, r.channel, r.resourceType, r.resourceId, r.resourceName, r.metadata, r.wireActorId, r.raw,
  ]);
}

function appendRows(duckdb: DuckDB, app: DuckDBAppender, rows: readonly EntryRow[]): void {
  for (const r of rows) {
    if (r.id === null) app.appendNull();
    else app.appendBigInt(BigInt(r.id));
    if (r.createdAtUs === null) app.appendNull();
    else app.appendTimestampTZ(new duckdb.DuckDBTimestampTZValue(BigInt(r.createdAtUs)));
    app.appendVarchar(packRow(r));
    app.endRow();
  }
}

// Entries are immutable and keep their id: an id already held is the same entry. Entries without a
// usable id (hostile data) are told apart by their whole JSON instead.
const INSERT_NEW = `
INSERT INTO entries
SELECT s.id, s.created_at, v[1], v[2], v[3]::BIGINT, v[4], v[5], v[6], v[7], v[8]::BIGINT, v[9], v[10], v[11]::BIGINT, v[12]
FROM (
  SELECT id, created_at, json_extract_string(packed, ['$[0]', '$[1]', '$[2]', '$[3]', '$[4]', '$[5]', '$[6]', '$[7]', '$[8]', '$[9]', '$[10]', '$[11]']) AS v
  FROM staging
) s
WHERE (s.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM entries e WHERE e.id = s.id))
   OR (s.id IS NULL AND NOT EXISTS (SELECT 1 FROM entries e WHERE e.id IS NULL AND e.raw = s.v[12]))`;

async function rollback(connection: DuckDBConnection): Promise<void> {
  await connection.run('ROLLBACK').catch(() => undefined);
}

/** Inserts the rows not yet held and writes the state, atomically; returns how many were new. */
export async function commitBatch(duckdb: DuckDB, connection: DuckDBConnection, rows: readonly EntryRow[], state: SyncState): Promise<number> {
  await connection.run(CREATE_STAGING);
  await connection.run('DELETE FROM staging');
  if (rows.length > 0) {
    const app = await connection.createAppender('staging', 'main', 'temp');
    try {
      appendRows(duckdb, app, rows);
    } finally {
      app.closeSync();
    }
  }
  await connection.run('BEGIN TRANSACTION');
  try {
    const inserted = rows.length > 0 ? (await connection.run(INSERT_NEW)).rowsChanged : 0;
    await writeSyncState(duckdb, connection, state);
    await connection.run('COMMIT');
    return inserted;
  } catch (err) {
    await rollback(connection);
    throw err;
  } finally {
    await connection.run('DELETE FROM staging').catch(() => undefined);
  }
}

/** The closing transaction of a sync: the completed state and, when fetched, the key snapshot. */
export async function commitCompletion(duckdb: DuckDB, connection: DuckDBConnection, state: SyncState, keys: readonly ApiKeyRecord[] | null): Promise<void> {
  await connection.run('BEGIN TRANSACTION');
  try {
    await writeSyncState(duckdb, connection, state);
    if (keys !== null) await writeKeySnapshot(duckdb, connection, keys, state.keysSnapshotAt ?? new Date(0));
    await connection.run('COMMIT');
  } catch (err) {
    await rollback(connection);
    throw err;
  }
}
