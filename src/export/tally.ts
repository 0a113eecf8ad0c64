// What an export wrote, entry by entry: count, first and last entries, and the ids at the newest
// instant (what a checkpoint needs to resume exactly once). Constant memory but for that one instant.
import type { Entry } from '../model/entry.js';
import { compareInstants, parseInstant, type Instant } from '../model/instant.js';

export type EntryId = Entry['id'];

export interface EntryMark {
  id: EntryId;
  created_at: string;
}

export interface ExportTally {
  count: number;
  /** The first and last entries written (kept by reference: no copy per entry). */
  firstEntry: Entry | null;
  lastEntry: Entry | null;
  /** The newest readable created_at, as the API sent it, and its parsed instant. */
  newestCreatedAt: string | null;
  newestInstant: Instant | null;
  /** Ids exported at exactly newestInstant. */
  idsAtNewest: EntryId[];
}

export function createTally(): ExportTally {
  return { count: 0, firstEntry: null, lastEntry: null, newestCreatedAt: null, newestInstant: null, idsAtNewest: [] };
}

export function markOf(entry: Entry | null): EntryMark | null {
  return entry === null ? null : { id: entry.id, created_at: entry.created_at };
}

export function recordEntry(tally: ExportTally, entry: Entry): void {
  tally.count += 1;
  if (tally.firstEntry === null) tally.firstEntry = entry;
  tally.lastEntry = entry;
  // Entries sharing a timestamp usually share its text too: no need to parse it again.
  if (entry.created_at === tally.newestCreatedAt) {
    tally.idsAtNewest.push(entry.id);
    return;
  }
  const instant = parseInstant(entry.created_at);
  if (instant === null) return;
  // Entries come oldest first, but comparing keeps the newest right even if a server's order is loose.
  const cmp = tally.newestInstant === null ? 1 : compareInstants(instant, tally.newestInstant);
  if (cmp > 0) {
    tally.newestInstant = instant;
    tally.newestCreatedAt = entry.created_at;
    tally.idsAtNewest = [entry.id];
  } else if (cmp === 0) {
    tally.idsAtNewest.push(entry.id);
  }
}
