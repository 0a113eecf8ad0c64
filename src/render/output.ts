// The one format switch for entry lists: table is rendered by the command, the rest are streams from here.
import type { Transform } from 'node:stream';
import type { ColumnKey } from './columns.js';
import { createJsonArrayWriter, createNdjsonWriter } from './json.js';

export type EntryFormat = 'table' | 'json' | 'ndjson' | 'csv';
export const ENTRY_FORMATS: readonly EntryFormat[] = ['table', 'json', 'ndjson', 'csv'];

/** Object mode in (an Entry or a batch of them: EntryChunk), text out, for every machine format; `columns` only shapes CSV. */
export async function createEntryWriter(
  format: Exclude<EntryFormat, 'table'>,
  opts: { guard: boolean; columns?: ColumnKey[] },
): Promise<Transform> {
  switch (format) {
    case 'json':
      return createJsonArrayWriter();
    case 'ndjson':
      return createNdjsonWriter();
    case 'csv': {
      const { createCsvWriter } = await import('./csv.js');
      return createCsvWriter(opts);
    }
  }
}

/** Formats of the one-shot views (keys, summary): a table, or the whole answer as JSON or CSV. */
export type ViewFormat = 'table' | 'json' | 'csv';
export const VIEW_FORMATS = ['table', 'json', 'csv'] as const satisfies readonly ViewFormat[];
