// Writes to an open mirror: a batch of entries and the sync state in one transaction (a reader or
// a crash sees all of a batch or none of it), ids already held skipped.
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import type { DuckDB } from './engine.js';
import type { EntryRow } from './entry-row.js';
import { CREATE_STAGING } from './schema.js';
import { writeSyncState, type SyncState } from './sync-state.js';
import { writeKeySnapshot } from './key-snapshot.js';
import type { ApiKeyRecord } from '../model/entry.js';

function appendText(app: DuckDBAppender, value: string | null): void {
  if (value === null) app.appendNull();
  else app.appendVarchar(value);
}

function appendInt(app: DuckDBAppender, value: number | null): void {
  if (value === null) app.appendNull();
  else app.appendBigInt(BigInt(value));
}

function appendRows(duckdb: DuckDB, app: DuckDBAppender, rows: readonly EntryRow[]): void {
  for (const r of rows) {
    appendInt(app, r.id);
    if (r.createdAtUs === null) app.appendNull();
    else app.appendTimestampTZ(new duckdb.DuckDBTimestampTZValue(BigInt(r.createdAtUs)));
    appendText(app, r.action);
    app.appendVarchar(r.actorKind);
    appendInt(app, r.actorId);
    appendText(app, r.actorLabel);
    appendText(app, r.actorType);
    appendText(app, r.channel);
    appendText(app, r.resourceType);
    appendInt(app, r.resourceId);
    appendText(app, r.resourceName);
    appendText(app, r.metadata);
    appendInt(app, r.wireActorId);
    appendText(app, r.raw);
    app.endRow();
  }
}

// Entries are immutable and keep their id: an id already held is the same entry. Entries without a
// usable id (hostile data) are told apart by their whole JSON instead.
const INSERT_NEW = `
INSERT INTO entries
SELECT s.* FROM staging s
WHERE (s.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM entries e WHERE e.id = s.id))
   OR (s.id IS NULL AND NOT EXISTS (SELECT 1 FROM entries e WHERE e.id IS NULL AND e.raw = s.raw))`;

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
