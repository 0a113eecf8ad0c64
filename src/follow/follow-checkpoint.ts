// query --follow --checkpoint: export's checkpoint file (same format, same filter check, the same
// overlap mark: export/overlap-mark.ts), so a restarted follower resumes with no gap and no duplicate.
import { FibeAuditError } from '../errors.js';
import type { Entry } from '../model/entry.js';
import { assertSameFilters, nextCheckpoint, readCheckpoint, writeCheckpoint, type Checkpoint } from '../export/checkpoint.js';
import type { FilterDescription } from '../export/fingerprint.js';
import { markOf } from '../export/overlap-mark.js';
import type { SeenIds } from '../export/seen-ids.js';
import { createTally, recordEntry, type ExportTally } from '../export/tally.js';

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
    const next: Checkpoint = { ...base, overlap: markOf(seen) };
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
