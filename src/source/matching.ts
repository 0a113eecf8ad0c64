// The client-side half every source shares: normalise each entry, apply the complete filter, count.
import type { AuditEntry, Entry } from '../model/entry.js';
import { attachActor } from '../model/actor.js';
import type { SourceStats } from './types.js';

/**
 * Runs of raw entries in, runs of matching entries out (empty runs dropped). A null predicate means
 * the source already answered the whole question (the API's exact window and parameters).
 */
export async function* matchingBatches(
  raw: AsyncIterable<AuditEntry[]>,
  predicate: ((e: Entry) => boolean) | null,
  stats: SourceStats,
): AsyncGenerator<Entry[]> {
  for await (const run of raw) {
    const out: Entry[] = [];
    // Walk pages and file readers hand over fresh objects nobody else holds: no copy needed.
    for (const rawEntry of run) {
      const e = attachActor(rawEntry);
      if (predicate && !predicate(e)) continue;
      out.push(e);
    }
    stats.scanned += run.length;
    stats.matched += out.length;
    if (out.length > 0) yield out;
  }
}

/** One entry at a time, for listings that may stop early. */
export async function* eachEntry(batches: AsyncGenerator<Entry[]>): AsyncGenerator<Entry> {
  try {
    for await (const run of batches) yield* run;
  } finally {
    await batches.return(undefined);
  }
}
