// query --follow --checkpoint: export's checkpoint file (same format, same filter check), plus the
// ids the overlap re-read has handled, so a restarted follower resumes with no gap and no duplicate.
import { FibeAuditError } from '../errors.js';
import type { Entry } from '../model/entry.js';
import { createResumeTest, nextCheckpoint, readCheckpoint, resumeStart, writeCheckpoint, type Checkpoint } from '../export/checkpoint.js';
import type { FilterDescription } from '../export/fingerprint.js';
import { assertSameFilters } from '../export/checkpoint.js';
import { createTally, recordEntry, type ExportTally } from '../export/tally.js';
import { parseTimestamp } from '../time/parse.js';
import { SeenIds } from './seen-ids.js';

export interface ResumePoint {
  /** Where the catch-up read starts (epoch ms, inclusive). */
  startMs: number;
  seen: SeenIds;
  /** Beyond `seen`: whether an entry is after the checkpoint (stateful: one ascending read). */
  isNew(entry: Entry): boolean;
}

/** Where a follower continues from a checkpoint: its overlap mark, or else (an export's file) its newest instant. */
export function resumeFrom(checkpoint: Checkpoint): ResumePoint {
  const mark = checkpoint.follow;
  if (mark) {
    const since = parseTimestamp(mark.seen_since);
    const seen = new SeenIds(since);
    // Re-dated when the catch-up read meets them again: it starts at `since`, and entries never go away.
    for (const id of mark.seen_ids) seen.add(id, since);
    return { startMs: since, seen, isNew: () => true };
  }
  const start = resumeStart(checkpoint).getTime();
  const seen = new SeenIds(start);
  for (const id of checkpoint.ids_at_last) seen.add(id, start);
  return { startMs: start, seen, isNew: createResumeTest(checkpoint) };
}

export interface CheckpointFile {
  path: string;
  fingerprint: string;
  filters: FilterDescription;
}

/** The checkpoint a follower keeps: entries printed since the last save are tallied, then saved atomically. */
export class FollowCheckpoint {
  private tally: ExportTally = createTally();

  constructor(
    private readonly file: CheckpointFile,
    private previous: Checkpoint | null,
  ) {}

  static async open(file: CheckpointFile, reset: boolean): Promise<FollowCheckpoint> {
    const previous = reset ? null : await readCheckpoint(file.path);
    if (previous) assertSameFilters(previous, file.fingerprint, file.filters, file.path);
    return new FollowCheckpoint(file, previous);
  }

  get resumed(): Checkpoint | null {
    return this.previous;
  }

  record(entry: Entry): void {
    recordEntry(this.tally, entry);
  }

  /** Writes the file when something was printed since the last save (the overlap mark moves with it). */
  async save(seen: SeenIds, now: Date): Promise<void> {
    if (this.tally.count === 0) return;
    const base = nextCheckpoint(this.previous, this.tally, { fingerprint: this.file.fingerprint, filters: this.file.filters, now });
    if (!base) return;
    const next: Checkpoint = { ...base, follow: { seen_since: new Date(seen.since).toISOString(), seen_ids: seen.ids() } };
    try {
      await writeCheckpoint(this.file.path, next);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      throw new FibeAuditError(message, 'the entries printed since its last update will be printed again by the next run');
    }
    this.previous = next;
    this.tally = createTally();
  }
}
