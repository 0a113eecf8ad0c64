// What one sync fetches, from the mirror's state: a first copy, a backfill before the covered range,
// and the incremental top-up from the newest entry held minus the overlap. Pure, so it is tested alone.
import type { Holdings, SyncState } from './sync-state.js';

export interface Walk {
  /** null: from the oldest entry of the log. */
  start: Date | null;
  end: Date;
  /** Entries of this window the mirror already holds (filled in by the caller for a top-up). */
  held?: number;
}

export interface SyncPlan {
  walks: Walk[];
  /** The state written with every batch (what is true while the run is under way). */
  during: SyncState;
  /** The state once every walk is done (lastSyncAt is set by the caller at the very end). */
  done: SyncState;
}

export function planSync(state: SyncState | null, held: Holdings, since: Date | null, overlapMs: number, end: Date): SyncPlan {
  if (state === null) {
    const during: SyncState = {
      coveredFromStart: since === null,
      coveredSince: since,
      coveredUntil: null,
      lastSyncAt: null,
      keysSnapshotAt: null,
    };
    return { walks: [{ start: since, end }], during, done: { ...during, coveredUntil: end } };
  }
  const walks: Walk[] = [];
  let coveredSince = state.coveredSince;
  // --since before the covered range: fetch the gap (what is already held is skipped by id).
  if (since !== null && !state.coveredFromStart && state.coveredSince !== null && since < state.coveredSince) {
    walks.push({ start: since, end: state.coveredSince });
    coveredSince = since;
  }
  // From the newest instant held minus the overlap (late arrivals); an empty mirror starts where it covers.
  const from = held.newestUs !== null
    ? new Date(Math.floor(held.newestUs / 1000) - overlapMs)
    : state.coveredFromStart ? null : state.coveredSince;
  if (from === null || from <= end) walks.push({ start: from, end });
  return { walks, during: state, done: { ...state, coveredSince, coveredUntil: end } };
}
