// Entries from a local export (--file): the same filters as the API path, applied client-side, with
// matches sorted when an order is asked for (a file's entries are in whatever order it was written).
import type { Context } from '../context.js';
import type { AuditEntry, Entry } from '../model/entry.js';
import { compileFilter } from '../model/filter.js';
import { parseTimestamp } from '../time/parse.js';
import { matchingBatches } from './matching.js';
import type { EntryRead, EntrySource, ReadOptions, SourceStats } from './types.js';

const RUN = 512;

/** The file's entries in runs, so filtering costs one async step per run rather than per entry. */
async function* runsOf(entries: AsyncGenerator<AuditEntry>): AsyncGenerator<AuditEntry[]> {
  let run: AuditEntry[] = [];
  for await (const e of entries) {
    run.push(e);
    if (run.length >= RUN) {
      yield run;
      run = [];
    }
  }
  if (run.length > 0) yield run;
}

function compareEntries(a: Entry, b: Entry): number {
  return parseTimestamp(a.created_at) - parseTimestamp(b.created_at) || a.id - b.id;
}

async function* sorted(source: AsyncGenerator<Entry[]>, order: 'asc' | 'desc'): AsyncGenerator<Entry[]> {
  const all: Entry[] = [];
  for await (const run of source) for (const e of run) all.push(e);
  all.sort(order === 'asc' ? compareEntries : (a, b) => compareEntries(b, a));
  for (let i = 0; i < all.length; i += RUN) yield all.slice(i, i + RUN);
}

async function* readFile(ctx: Context, path: string, opts: ReadOptions, stats: SourceStats): AsyncGenerator<Entry[]> {
  const { readExportFile } = await import('../input/read-export.js');
  const matches = matchingBatches(runsOf(readExportFile(path, { signal: ctx.signal })), compileFilter(opts.filters), stats);
  yield* opts.order === 'any' ? matches : sorted(matches, opts.order);
}

export function createFileSource(ctx: Context, path: string): EntrySource {
  return {
    session: null,
    keys: async () => undefined,
    read(opts: ReadOptions): EntryRead {
      const stats: SourceStats = { scanned: 0, matched: 0, serverTotal: null };
      return { batches: readFile(ctx, path, opts, stats), stats };
    },
    close: async () => undefined,
  };
}
