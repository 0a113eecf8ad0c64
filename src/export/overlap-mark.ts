// The overlap mark a checkpoint carries for export and query --follow alike: every id handled from a
// trailing instant on. A resumed read starts there and skips those ids, so late arrivals are taken once.
import type { Entry } from '../model/entry.js';
import { parseTimestamp } from '../time/parse.js';
import { createResumeTest, resumeStart, type Checkpoint, type OverlapMark } from './checkpoint.js';
import { SeenIds } from './seen-ids.js';

/** How far back a re-read reaches for entries that arrived late (SPEC: 2 min for --follow; export too). */
export const OVERLAP_MS = 120_000;

export interface ResumePoint {
  /** Where the re-read starts (epoch ms, inclusive; -Infinity: the whole log). */
  startMs: number;
  seen: SeenIds;
  /** Beyond `seen`: whether an entry is after the checkpoint (stateful: one ascending read). */
  isNew(entry: Entry): boolean;
}

/** A first run's: nothing handled yet, reading from `startMs`. */
export function freshStart(startMs: number): ResumePoint {
  return { startMs, seen: new SeenIds(startMs), isNew: () => true };
}

/** Where a read continues from a checkpoint: its overlap mark, or else (a checkpoint from before marks) its newest instant. */
export function resumeFrom(checkpoint: Checkpoint): ResumePoint {
  const mark = checkpoint.overlap;
  if (mark) {
    const since = parseTimestamp(mark.seen_since);
    const seen = new SeenIds(since);
    // Re-dated when the re-read meets them again: it starts at `since`, and entries never go away.
    for (const id of mark.seen_ids) seen.add(id, since);
    return { startMs: since, seen, isNew: () => true };
  }
  const start = resumeStart(checkpoint).getTime();
  const seen = new SeenIds(start);
  for (const id of checkpoint.ids_at_last) seen.add(id, start);
  return { startMs: start, seen, isNew: createResumeTest(checkpoint) };
}

/**
 * True for an entry not handled before (read ascending from the point's start); every entry from
 * `seen.since` on is remembered, so the next re-read skips it.
 */
export function admitEntry(point: Pick<ResumePoint, 'seen' | 'isNew'>, entry: Entry): boolean {
  const fresh = !point.seen.has(entry.id) && point.isNew(entry);
  const t = parseTimestamp(entry.created_at);
  if (t >= point.seen.since) point.seen.add(entry.id, t);
  return fresh;
}

/** Narrows `seen` to the overlap before a checkpoint's newest entry (never before what was read): all a mark keeps. */
export function trimToOverlap(seen: SeenIds, lastCreatedAt: string): void {
  seen.forgetBefore(parseTimestamp(lastCreatedAt) - OVERLAP_MS);
}

export function markOf(seen: SeenIds): OverlapMark {
  return { seen_since: new Date(seen.since).toISOString(), seen_ids: seen.ids() };
}
