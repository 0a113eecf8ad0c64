// The sync state (one row) and the mirror's identity, read and written on an open connection.
// Times go in and out as epoch microseconds, so the engine's session time zone never matters.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { DuckDB } from './engine.js';
import { SCHEMA_VERSION } from './schema.js';
import { afterWindowEnd } from '../time/parse.js';

export interface SyncState {
  /** The mirror holds the log from its very beginning (a first sync without --since). */
  coveredFromStart: boolean;
  /** Where the covered range starts when not from the beginning. */
  coveredSince: Date | null;
  /** The end of the last completed sync; null before the first completes. */
  coveredUntil: Date | null;
  /** When the last completed sync finished. */
  lastSyncAt: Date | null;
  keysSnapshotAt: Date | null;
}

export interface MirrorIdentity {
  origin: string;
  account: string;
  username: string | null;
}

const toDate = (us: unknown) => (typeof us === 'bigint' ? new Date(Number(us / 1000n)) : null);

function tz(duckdb: DuckDB, date: Date | null) {
  return date === null ? null : new duckdb.DuckDBTimestampTZValue(BigInt(date.getTime()) * 1000n);
}

export async function readSyncState(connection: DuckDBConnection): Promise<SyncState | null> {
  const reader = await connection.runAndReadAll(
    `SELECT covered_from_start, epoch_us(covered_since), epoch_us(covered_until), epoch_us(last_sync_at), epoch_us(keys_snapshot_at)
     FROM sync_state LIMIT 1`,
  );
  const row = reader.getRows()[0];
  if (!row) return null;
  return {
    coveredFromStart: row[0] === true,
    coveredSince: toDate(row[1]),
    coveredUntil: toDate(row[2]),
    lastSyncAt: toDate(row[3]),
    keysSnapshotAt: toDate(row[4]),
  };
}

/** Replaces the one row; called inside the caller's transaction. */
export async function writeSyncState(duckdb: DuckDB, connection: DuckDBConnection, s: SyncState): Promise<void> {
  await connection.run('DELETE FROM sync_state');
  await connection.run('INSERT INTO sync_state VALUES ($1, $2, $3, $4, $5)', [
    s.coveredFromStart, tz(duckdb, s.coveredSince), tz(duckdb, s.coveredUntil), tz(duckdb, s.lastSyncAt), tz(duckdb, s.keysSnapshotAt),
  ]);
}

export async function readIdentity(connection: DuckDBConnection): Promise<MirrorIdentity | null> {
  const row = (await connection.runAndReadAll('SELECT origin, account, username FROM mirror_info LIMIT 1')).getRows()[0];
  if (!row) return null;
  return { origin: String(row[0]), account: String(row[1]), username: row[2] === null ? null : String(row[2]) };
}

export async function writeIdentity(duckdb: DuckDB, connection: DuckDBConnection, id: MirrorIdentity, now: Date): Promise<void> {
  await connection.run('INSERT INTO mirror_info VALUES ($1, $2, $3, $4, $5)', [SCHEMA_VERSION, id.origin, id.account, id.username, tz(duckdb, now)]);
}

/** Records that a key (by fingerprint only) synced this mirror. */
export async function recordKey(duckdb: DuckDB, connection: DuckDBConnection, fingerprint: string, now: Date): Promise<void> {
  const known = await connection.runAndReadAll('SELECT 1 FROM mirror_keys WHERE fingerprint = $1', [fingerprint]);
  if (known.currentRowCount > 0) return;
  await connection.run('INSERT INTO mirror_keys VALUES ($1, $2)', [fingerprint, tz(duckdb, now)]);
}

export async function hasKey(connection: DuckDBConnection, fingerprint: string): Promise<boolean> {
  return (await connection.runAndReadAll('SELECT 1 FROM mirror_keys WHERE fingerprint = $1', [fingerprint])).currentRowCount > 0;
}

export interface Holdings {
  entries: number;
  oldest: Date | null;
  newestUs: number | null;
}

export async function readHoldings(connection: DuckDBConnection): Promise<Holdings> {
  const row = (await connection.runAndReadAll('SELECT count(*), epoch_us(min(created_at)), epoch_us(max(created_at)) FROM entries')).getRows()[0] ?? [];
  return {
    entries: Number(row[0] ?? 0),
    oldest: toDate(row[1]),
    newestUs: typeof row[2] === 'bigint' ? Number(row[2]) : null,
  };
}

/** Entries held from start through end's whole millisecond, as a walk to `end` asks the API for them. */
export async function countHeldBetween(duckdb: DuckDB, connection: DuckDBConnection, start: Date, end: Date): Promise<number> {
  const reader = await connection.runAndReadAll('SELECT count(*) FROM entries WHERE created_at >= $1 AND created_at < $2', [tz(duckdb, start), tz(duckdb, afterWindowEnd(end))]);
  return Number(reader.getRows()[0]?.[0] ?? 0);
}
