// A table listing of any length, written as the entries arrive: rows go out in chunks, so memory holds
// one chunk, never the listing. The first chunk decides the layout (on a terminal, the first that fits
// without cutting an `#id`) and the column widths; a later, wider row widens its column from its own
// chunk on where the terminal has room (columns never narrow, and every chunk is aligned in itself).
import type { Entry } from '../model/entry.js';
import type { ColumnKey } from '../render/columns.js';
import type { TableStyle } from '../render/table.js';
import { layoutEntryTable, type EntryTableLayout } from '../render/entry-table.js';
import type { EntrySource } from '../source/types.js';
import type { IO } from '../io.js';
import { labelKeyActors } from './key-labels.js';
import { writeText } from './output-stream.js';

/** Rows per chunk: enough for the widths to settle on the first, little enough to stay small. */
export const TABLE_CHUNK_ROWS = 1000;

/**
 * Writes the entries as one table (header once) to stdout; returns how many rows were written.
 * `beforeWrite` runs before each chunk goes out (the caller clears a progress line there).
 */
export async function writeEntryTable(
  entries: AsyncIterable<Entry>,
  io: IO,
  style: TableStyle,
  source: EntrySource,
  columns?: ColumnKey[],
  chunkRows = TABLE_CHUNK_ROWS,
  beforeWrite?: () => Promise<void>,
): Promise<number> {
  let layout: EntryTableLayout | undefined;
  let written = 0;
  let chunk: Entry[] = [];
  const flush = async () => {
    const labelled = await labelKeyActors(chunk, source);
    layout = layoutEntryTable(labelled, style, { columns, prev: layout });
    written += chunk.length;
    chunk = [];
    await beforeWrite?.();
    await writeText(io.stdout, layout.text);
  };
  for await (const e of entries) {
    chunk.push(e);
    if (chunk.length >= chunkRows) await flush();
  }
  if (chunk.length > 0) await flush();
  return written;
}
