// The entries an export writes: the window read oldest first from the source, skipping what the
// checkpoint has already exported (its overlap mark, or its newest instant).
import type { Entry } from '../model/entry.js';
import type { Filters } from '../model/filter.js';
import type { EntryRead, ReadOptions, ReadProgress } from '../source/types.js';
import { parseTimestamp, type Window } from '../time/parse.js';
import { admitEntry, OVERLAP_MS, type ResumePoint } from './overlap-mark.js';

export interface StreamOptions {
  filters: Filters;
  window: Window;
  /** With --checkpoint: what to skip, and where the ids for the next mark are remembered. */
  resume: ResumePoint | null;
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
  const point = opts.resume;
  if (!point) {
    yield* read.batches;
    return;
  }
  let newest = Number.NEGATIVE_INFINITY;
  for await (const run of read.batches) {
    const fresh = run.filter((entry) => admitEntry(point, entry));
    if (fresh.length === 0) continue;
    const t = parseTimestamp((fresh[fresh.length - 1] as Entry).created_at);
    if (t > newest) newest = t;
    // The checkpoint's instant will be at least `newest`: ids before its overlap need not be kept
    // (memory stays bounded however long the first run's window).
    point.seen.forgetBefore(newest - OVERLAP_MS);
    yield fresh;
  }
}
