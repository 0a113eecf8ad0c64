// The entries an export writes: the window read oldest first from the source, skipping what the
// checkpoint has already exported.
import type { Entry } from '../model/entry.js';
import type { Filters } from '../model/filter.js';
import type { EntryRead, ReadOptions, ReadProgress } from '../source/types.js';
import type { Window } from '../time/parse.js';
import { createResumeTest, type Checkpoint } from './checkpoint.js';

export interface StreamOptions {
  filters: Filters;
  window: Window;
  previous: Checkpoint | null;
  concurrency: number;
  onProgress: (p: ReadProgress) => void;
}

/** The entries in order, in runs of up to a page (never empty): one async step per page, not per entry. */
export async function* exportEntries(source: { read(opts: ReadOptions): EntryRead }, opts: StreamOptions): AsyncGenerator<Entry[]> {
  const read = source.read({
    filters: { ...opts.filters, window: opts.window },
    order: 'asc',
    perPage: 100,
    concurrency: opts.concurrency,
    onProgress: opts.onProgress,
  });
  const isNew = opts.previous ? createResumeTest(opts.previous) : null;
  if (!isNew) {
    yield* read.batches;
    return;
  }
  for await (const run of read.batches) {
    const fresh = run.filter(isNew);
    if (fresh.length > 0) yield fresh;
  }
}
