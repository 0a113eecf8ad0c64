// The ids an overlap re-read has already handled (query --follow's polls, checkpointed exports), with
// their created_at, for the instants a re-read can still return. Memory stays bounded: ids stamped
// before the next read's start can never come back.
import type { EntryId } from './tally.js';

export class SeenIds {
  /** id (as text, as checkpoints compare them) -> created_at in epoch ms. */
  private readonly byId = new Map<string, number>();

  constructor(
    /** Every handled entry stamped at or after this instant (epoch ms) is in the set. */
    public since: number,
  ) {}

  get size(): number {
    return this.byId.size;
  }

  has(id: EntryId): boolean {
    return this.byId.has(String(id));
  }

  /** Records (or re-dates: a checkpoint's ids come without times) an entry seen at atMs. */
  add(id: EntryId, atMs: number): void {
    this.byId.set(String(id), atMs);
  }

  /** Forgets ids stamped before `ms`, which no later read reaches; `since` moves there. */
  forgetBefore(ms: number): void {
    if (ms <= this.since) return;
    for (const [id, at] of this.byId) if (at < ms) this.byId.delete(id);
    this.since = ms;
  }

  /** The ids, for a checkpoint. */
  ids(): EntryId[] {
    return [...this.byId.keys()].map(Number);
  }
}
