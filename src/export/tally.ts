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
  first: EntryMark | null;
  last: EntryMark | null;
  /** The newest readable created_at, as the API sent it, and its parsed instant. */
  newestCreatedAt: string | null;
  newestInstant: Instant | null;
  /** Ids exported at exactly newestInstant. */
  idsAtNewest: EntryId[];
}

export function createTally(): ExportTally {
  return { count: 0, first: null, last: null, newestCreatedAt: null, newestInstant: null, idsAtNewest: [] };
}

export function recordEntry(tally: ExportTally, entry: Entry): void {
  const mark = { id: entry.id, created_at: entry.created_at };
  tally.count += 1;
  if (tally.first === null) tally.first = mark;
  tally.last = mark;
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
