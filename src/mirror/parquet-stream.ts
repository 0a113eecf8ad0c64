// One Parquet file written while its entries arrive: entry lines (parquet-lines.ts) go down a feed the
// engine reads as it writes the file, row group by row group, in the order the lines came. Nothing is
// held back for the end but the last row group, and memory stays that of one row group.
import { openLineFeed, type LineFeed } from './line-feed.js';
import { entryLinesQuery, type ParquetColumn } from './parquet-lines.js';
import { openScratchEngine, PARQUET_FILE_OPTIONS } from './parquet-engine.js';
import { sqlString } from './sql-text.js';

export interface ParquetStream {
  /** Whole entry lines, each ending in a newline; resolves when more may be written. */
  write(lines: string): Promise<void>;
  /** Ends the file: once this resolves, `path` holds every line written. */
  finish(): Promise<void>;
  /** Stops writing; `path` may hold part of a file, for the caller to remove. */
  abort(): Promise<void>;
}

/**
 * Writes `columns` (names the entry lines give) of every line to the Parquet file `path`; the pipe
 * and the engine's spill files go in `dir`, a private directory the caller removes.
 */
export async function openParquetStream(path: string, columns: readonly ParquetColumn[], dir: string): Promise<ParquetStream> {
  // One thread: the engine's CSV reader has every thread it owns wait on a pipe by polling it, which
  // would take a core from the caller; one thread reads, parses and writes, well ahead of the API.
  const engine = await openScratchEngine({ threads: 1, memoryLimit: '256MB', dir });
  let feed: LineFeed;
  try {
    feed = await openLineFeed(engine.connection, (input) => `COPY (SELECT ${columns.map((c) => c.name).join(', ')} FROM (${entryLinesQuery(input, columns)})) TO ${sqlString(path)} ${PARQUET_FILE_OPTIONS}`, { dir });
  } catch (err) {
    await engine.close();
    throw err;
  }
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await engine.close();
  };
  return {
    write: (lines) => feed.write(lines),
    async finish() {
      try {
        await feed.finish();
      } finally {
        await close();
      }
    },
    async abort() {
      if (closed) return;
      await feed.abort();
      await close();
    },
  };
}
