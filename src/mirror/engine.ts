// Opens a mirror file with DuckDB: the only place that loads @duckdb/node-api, imported on first
// use so runs that never open a mirror never load the engine. A file another process holds is
// retried (readers for 10 s, the writer for 60 s), then exit 75 naming that process.
import { open, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { TempError, UsageError } from '../errors.js';

export type DuckDB = typeof import('@duckdb/node-api');
export type MirrorMode = 'read' | 'write';

let loaded: Promise<DuckDB> | undefined;

/**
 * The engine module, loaded once per process. It is CommonJS: require() loads it directly, where
 * import() would first run every one of its files through Node's CommonJS export scanner (some
 * 150 ms of start-up on a busy machine, for a mirror answer that should take well under a second).
 */
export function loadDuckDB(): Promise<DuckDB> {
  loaded ??= Promise.resolve().then(() => createRequire(import.meta.url)('@duckdb/node-api') as DuckDB);
  return loaded;
}

export interface Clock {
  now(): Date;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  signal?: AbortSignal;
}

export const READ_RETRY_MS = 10_000;
export const WRITE_RETRY_MS = 60_000;
const POLL_MS = 50;

export interface MirrorDb {
  readonly duckdb: DuckDB;
  readonly connection: DuckDBConnection;
  close(): void;
}

function privateUmask(): () => void {
  try {
    const previous = process.umask(0o077);
    return () => void process.umask(previous);
  } catch {
    // Worker threads cannot change it; the caller's chmod after closing still applies.
    return () => undefined;
  }
}

/** `Conflicting lock is held in /usr/bin/node (PID 123)` -> `pid 123`; null for any other error. */
export function lockHolderOf(err: unknown): string | null {
  const message = err instanceof Error ? err.message : String(err);
  if (!/Could not set lock on file|Conflicting lock/i.test(message)) return null;
  const pid = /\(PID (\d+)\)/.exec(message)?.[1];
  return pid ? `pid ${pid}` : 'another process';
}

const NOT_A_MIRROR_HINT = "name the .duckdb file a 'fibe-audit sync' wrote";

const notADatabase = (path: string) => new UsageError(`'${path}' is not a fibe-audit mirror (not a DuckDB database file)`, NOT_A_MIRROR_HINT);

/** A file that is not a database at all (`--mirror` naming the wrong file): a usage error, exit 2. */
function notAMirror(err: unknown, path: string): UsageError | null {
  const message = err instanceof Error ? err.message : String(err);
  return /not a valid DuckDB database file/i.test(message) ? notADatabase(path) : null;
}

/** A DuckDB file says `DUCK` at byte 8. */
const MAGIC = Buffer.from('DUCK');

/**
 * Refuses, before the engine sees it, what is no mirror: a directory, or a file with content but no
 * DuckDB header (the engine's own errors for those are about read-only in-memory databases). A
 * missing or empty file is the engine's to create (sync) or report.
 */
async function assertMirrorFile(path: string): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (info === null) return;
  if (info.isDirectory()) throw new UsageError(`'${path}' is a directory, not a fibe-audit mirror`, NOT_A_MIRROR_HINT);
  if (!info.isFile() || info.size === 0) return;
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(12);
    const { bytesRead } = await handle.read(head, 0, 12, 0);
    if (bytesRead < 12 || !head.subarray(8, 12).equals(MAGIC)) throw notADatabase(path);
  } finally {
    await handle.close();
  }
}

/** One open of the file; the caller closes it as soon as it has what it needs. */
export async function openMirrorDb(path: string, mode: MirrorMode, clock: Clock): Promise<MirrorDb> {
  await assertMirrorFile(path);
  const duckdb = await loadDuckDB();
  // The engine creates its files (database, WAL) itself: while a writer has the file open, new
  // files are created 0600. The umask is process-wide, so it is restored as soon as the file closes.
  const restoreUmask = mode === 'write' ? privateUmask() : () => undefined;
  try {
    return await openWithRetry(duckdb, path, mode, clock, restoreUmask);
  } catch (err) {
    restoreUmask();
    throw err;
  }
}

async function openWithRetry(duckdb: DuckDB, path: string, mode: MirrorMode, clock: Clock, restoreUmask: () => void): Promise<MirrorDb> {
  const limit = mode === 'read' ? READ_RETRY_MS : WRITE_RETRY_MS;
  const started = clock.now().getTime();
  let slept = 0;
  for (;;) {
    let instance: DuckDBInstance | undefined;
    try {
      instance = await duckdb.DuckDBInstance.create(path, {
        access_mode: mode === 'read' ? 'READ_ONLY' : 'READ_WRITE',
        // A mirror is a local file: no extensions, no other files, no network from inside the engine.
        autoinstall_known_extensions: 'false',
        autoload_known_extensions: 'false',
        threads: '2',
      });
      const connection = await instance.connect();
      const owned = instance;
      return {
        duckdb,
        connection,
        close() {
          try {
            connection.closeSync();
            owned.closeSync();
          } finally {
            restoreUmask();
          }
        },
      };
    } catch (err) {
      instance?.closeSync();
      const holder = lockHolderOf(err);
      if (holder === null) throw notAMirror(err, path) ?? err;
      const waited = Math.max(clock.now().getTime() - started, slept);
      if (waited >= limit) {
        throw new TempError(
          `the mirror '${path}' is locked by ${holder}; gave up after ${Math.round(waited / 1000)} s`,
          {},
          mode === 'read' ? 'a sync or another reader holds it; try again in a moment' : 'another process holds the mirror open; try again later',
        );
      }
      await clock.sleep(POLL_MS, clock.signal);
      slept += POLL_MS;
    }
  }
}
