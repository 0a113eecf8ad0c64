// The three reads of a follower: the opening backlog (the last --limit matches), the catch-up from a
// checkpoint, and each poll over the overlap; every entry handled once, by id, and printed in batches.
import type { Entry } from '../model/entry.js';
import type { Filters } from '../model/filter.js';
import { parseTimestamp } from '../time/parse.js';
import { eachEntry } from '../source/matching.js';
import type { EntrySource } from '../source/types.js';
import { admitEntry } from '../export/overlap-mark.js';
import type { SeenIds } from '../export/seen-ids.js';
/** Entries gathered before a write: a long catch-up streams instead of piling up. */
const BATCH = 100;

export interface ReadDeps {
  /** The API source for the whole run (it fetches the key list for label references once). */
  source: EntrySource;
  filters: Filters;
  /** Prints entries (and records them for the checkpoint). */
  emit(entries: Entry[]): Promise<void>;
}

/** Runs of matching entries of [startMs, endMs], both inclusive, in the order asked. */
function readWindow(d: ReadDeps, startMs: number, endMs: number, order: 'asc' | 'desc'): AsyncGenerator<Entry[]> {
  const window = { start: new Date(startMs), end: new Date(endMs) };
  return d.source.read({ filters: { ...d.filters, window }, order, perPage: 100 }).batches;
}

/** Reads ascending and prints each entry not seen before (and passing `isNew`); returns how many were printed. */
export async function readNew(d: ReadDeps, seen: SeenIds, startMs: number, endMs: number, isNew: (e: Entry) => boolean = () => true): Promise<number> {
  let printed = 0;
  let batch: Entry[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const out = batch;
    batch = [];
    printed += out.length;
    await d.emit(out);
  };
  try {
    for await (const run of readWindow(d, startMs, endMs, 'asc')) {
      // Only what a later poll can read again is remembered (--all reads days before that).
      for (const e of run) if (admitEntry({ seen, isNew }, e)) batch.push(e);
      if (batch.length >= BATCH) await flush();
    }
  } finally {
    // What was read before a failure is printed too: those ids are already marked seen.
    await flush();
  }
  return printed;
}

/**
 * The opening screen: the last `limit` matches of the window oldest first (all of them when null).
 * Every match inside the overlap before `endMs` is marked seen, printed or not, so the first poll
 * does not mistake an older, unshown entry for a new one.
 */
export async function readBacklog(d: ReadDeps, seen: SeenIds, sinceMs: number, endMs: number, limit: number | null): Promise<number> {
  if (limit === null) return readNew(d, seen, sinceMs, endMs);
  const newest: Entry[] = [];
  for await (const e of eachEntry(readWindow(d, sinceMs, endMs, 'desc'))) {
    const t = parseTimestamp(e.created_at);
    if (newest.length < limit) newest.push(e);
    if (t >= seen.since) seen.add(e.id, t);
    else if (newest.length >= limit) break;
  }
  newest.reverse();
  if (newest.length > 0) await d.emit(newest);
  return newest.length;
}
