// The throw-away engine Parquet files are written with: in memory, spilling to the caller's private
// directory past its limit (memory stays bounded whatever the export's size), times in UTC, no
// extension loaded. Files it writes share one layout: zstd, row groups of at most 128k rows.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { loadDuckDB } from './engine.js';

export const ROW_GROUP_ROWS = 131_072;
export const PARQUET_FILE_OPTIONS = `(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${ROW_GROUP_ROWS})`;

export interface ScratchEngine {
  connection: DuckDBConnection;
  /** A private path prefix for the caller's own temporary files (removed by close when named `${prefix}.*`). */
  prefix: string;
  close(extra?: readonly string[]): Promise<void>;
}

export interface ScratchOptions {
  threads: number;
  memoryLimit: string;
  /** A private directory (the caller's, removed by the caller) for the engine's spill files. */
  dir: string;
}

export async function openScratchEngine(opts: ScratchOptions): Promise<ScratchEngine> {
  const duckdb = await loadDuckDB();
  const prefix = join(opts.dir, `stage-${randomBytes(6).toString('hex')}`);
  let instance: DuckDBInstance | undefined;
  let connection: DuckDBConnection | undefined;
  const close = async (extra: readonly string[] = []) => {
    connection?.closeSync();
    instance?.closeSync();
    await Promise.all([`${prefix}.tmp`, ...extra].map((p) => rm(p, { recursive: true, force: true })));
  };
  try {
    instance = await duckdb.DuckDBInstance.create(':memory:', {
      threads: String(opts.threads),
      memory_limit: opts.memoryLimit,
      temp_directory: `${prefix}.tmp`,
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    });
    connection = await instance.connect();
    await connection.run("SET TimeZone = 'UTC'");
    return { connection, prefix, close };
  } catch (err) {
    await close();
    throw err;
  }
}
