// One session on a mirror file: open (creating the schema when writing), run, close, and keep the
// files private. The file is never held longer than the work passed in.
import { chmod } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { openMirrorDb, type Clock, type DuckDB, type MirrorMode } from './engine.js';
import { CREATE_SCHEMA } from './schema.js';

export interface MirrorSession {
  duckdb: DuckDB;
  connection: DuckDBConnection;
}

/** The engine's own files beside the database. */
export const mirrorFiles = (path: string) => [path, `${path}.wal`];

async function keepPrivate(path: string): Promise<void> {
  for (const file of mirrorFiles(path)) await chmod(file, 0o600).catch(() => undefined);
}

export async function withMirror<T>(path: string, mode: MirrorMode, clock: Clock, work: (s: MirrorSession) => Promise<T>): Promise<T> {
  const db = await openMirrorDb(path, mode, clock);
  try {
    if (mode === 'write') await db.connection.run(CREATE_SCHEMA);
    const result = await work({ duckdb: db.duckdb, connection: db.connection });
    // Checkpoint here, off the main thread: closing would do it synchronously and stall the fetching.
    if (mode === 'write') await db.connection.run('CHECKPOINT');
    return result;
  } finally {
    db.close();
    if (mode === 'write') await keepPrivate(path);
  }
}
