// Drops entries a walk has already emitted, in constant memory: an ordered walk can only repeat
// entries at or before its last instant (page shifts, split edges), so only that instant's ids are kept.
import { parseTimestamp } from '../time/parse.js';

interface Dated {
  id: unknown;
  created_at: unknown;
}

export class EdgeDedup {
  private instant: number | null = null;
  private ids = new Set<unknown>();

  constructor(private readonly order: 'asc' | 'desc') {}

  /** Milliseconds of the last emitted instant, or null before the first entry. */
  get lastInstant(): number | null {
    return this.instant;
  }

  /** True when the entry is new and should be emitted. */
  admit(entry: Dated): boolean {
    const t = parseTimestamp(String(entry.created_at));
    if (Number.isNaN(t)) return true; // cannot be placed in time; never silently dropped
    if (this.instant !== null) {
      const behind = this.order === 'asc' ? t < this.instant : t > this.instant;
      if (behind) return false;
      if (t === this.instant) {
        if (this.ids.has(entry.id)) return false;
        this.ids.add(entry.id);
        return true;
      }
    }
    this.instant = t;
    this.ids = new Set([entry.id]);
    return true;
  }
}
