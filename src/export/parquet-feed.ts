// The Parquet side of an export. A single file from entries read one by one is written while they
// arrive (the engine reads their lines down a pipe); otherwise entries go into DuckDB's stage (in bulk
// from a source that can copy them, the rest run by run), what was staged is tallied there, and the
// lake writes its files from it. A finished file is copied into the sink (an atomic file, or stdout).
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Entry } from '../model/entry.js';
import { parseInstant } from '../model/instant.js';
import type { ParquetStage } from '../mirror/parquet-stage.js';
import type { ParquetStream } from '../mirror/parquet-stream.js';
import { parquetLines } from './parquet-line.js';
import { PARQUET_COLUMNS } from './parquet-row.js';
import type { ExportTally } from './tally.js';

/** The stage, keeping its files in `dir` (the export's private scratch directory). */
export async function openEntryStage(dir: string): Promise<ParquetStage> {
  const { openParquetStage } = await import('../mirror/parquet-stage.js');
  return openParquetStage(PARQUET_COLUMNS, dir);
}

/** Appends `first` and the rest of `entries` (runs in order) to the stage. */
export async function stageEntries(stage: ParquetStage, first: IteratorResult<Entry[]>, entries: AsyncIterator<Entry[]>): Promise<void> {
  for (let r = first; !r.done; r = await entries.next()) await stage.append(parquetLines(r.value));
}

/** A streamed file's engine, started before the first page arrives (loading it takes a moment). */
export interface PendingStream {
  file: string;
  opened: Promise<ParquetStream>;
}

/** Starts the engine writing into `dir` (the export's private scratch directory). */
export function startEntryStream(dir: string): PendingStream {
  // Not `*.parquet`: a glob over the output's directory must not pick up a file still being written.
  const file = join(dir, 'export.parquet.tmp');
  const opened = import('../mirror/parquet-stream.js').then(({ openParquetStream }) => openParquetStream(file, PARQUET_COLUMNS, dir));
  // Awaited by streamEntries or discardEntryStream; a failure in between is theirs to report.
  opened.catch(() => undefined);
  return { file, opened };
}

/** Stops a stream that was not (or not fully) used and removes its file; safe to call after streamEntries. */
export async function discardEntryStream(pending: PendingStream): Promise<void> {
  const stream = await pending.opened.catch(() => null);
  await stream?.abort();
  await rm(pending.file, { force: true });
}

/**
 * Writes `first` and the rest of `entries` as one Parquet file while they arrive, calling `onEntry`
 * for each, then copies the file into the sink (left open, as feedEntries leaves it).
 */
export async function streamEntries(
  pending: PendingStream,
  first: IteratorResult<Entry[]>,
  entries: AsyncIterator<Entry[]>,
  sink: Writable,
  onEntry: (entry: Entry) => void,
): Promise<void> {
  const stream = await pending.opened;
  try {
    try {
      for (let r = first; !r.done; r = await entries.next()) {
        for (const entry of r.value) onEntry(entry);
        await stream.write(parquetLines(r.value));
      }
      await stream.finish();
    } catch (err) {
      await stream.abort();
      throw err;
    }
    await pipeline(createReadStream(pending.file), sink, { end: false });
  } finally {
    await rm(pending.file, { force: true });
  }
}

/** What the stage holds, as an export's tally (the marks carry id and created_at, all a manifest and checkpoint read). */
export async function tallyOfStage(stage: ParquetStage): Promise<ExportTally> {
  const s = await stage.summary();
  const mark = (m: { id: number | null; createdText: string | null } | null) => (m === null ? null : ({ id: m.id, created_at: m.createdText } as unknown as Entry));
  const newest = s.last?.createdText ?? null;
  return {
    count: s.count,
    firstEntry: mark(s.first),
    lastEntry: mark(s.last),
    newestCreatedAt: newest,
    newestInstant: newest === null ? null : parseInstant(newest),
    idsAtNewest: s.idsAtNewest,
  };
}

/** The staged rows as one Parquet file, copied into the sink (left open, as feedEntries leaves it). */
export async function copyStageTo(stage: ParquetStage, sink: Writable): Promise<void> {
  const staged = join(stage.dir, 'export.parquet.tmp');
  try {
    await stage.writeFile(staged);
    await pipeline(createReadStream(staged), sink, { end: false });
  } finally {
    await rm(staged, { force: true });
  }
}
