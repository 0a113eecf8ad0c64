// `--live <n per minute>`: a seeded stream of new entries on the emulator's clock, for --follow, sync
// and demos. Arrivals are scheduled ahead and made visible when the clock passes them, so a test's
// injectable clock drives them and nothing depends on real timers.

import { Random } from './random.js';

export interface LiveOptions {
  /** Mean arrivals per minute (a Poisson stream: gaps are exponential). */
  perMinute: number;
  /** Share of arrivals stamped a few seconds to a minute before they become visible (late arrivals); default 0.08. */
  lateShare?: number;
  /** Share of arrivals stamped exactly like the previous one (shared timestamps, often across polls); default 0.1. */
  sharedShare?: number;
  /** Latest a late arrival may be stamped before it appears, in ms; default 60 s (inside a 2 min overlap). */
  lateMaxMs?: number;
}

export interface LiveControl {
  /** Changes the mean rate from now on; 0 stops the stream. */
  setPerMinute(perMinute: number): void;
  /** Ids of arrivals stamped before the moment they became visible. */
  readonly lateIds: ReadonlySet<number>;
  /** How many live entries have arrived so far. */
  readonly arrived: number;
}

/** Inserts one entry stamped timeUs (epoch µs) and returns its id. */
export type InsertAt = (timeUs: number) => number;

export class LiveFeed implements LiveControl {
  private readonly random: Random;
  private perMinute: number;
  /** When the next arrival becomes visible (epoch µs). */
  private nextAtUs: number;
  private lastStampUs: number | null = null;
  private readonly late = new Set<number>();
  private count = 0;

  constructor(
    private readonly opts: LiveOptions,
    seed: number,
    private readonly nowMs: () => number,
    private readonly insertAt: InsertAt,
  ) {
    this.random = new Random(seed ^ 0x11fe);
    this.perMinute = Math.max(0, opts.perMinute);
    this.nextAtUs = this.scheduleAfter(nowMs() * 1000);
  }

  get lateIds(): ReadonlySet<number> {
    return this.late;
  }

  get arrived(): number {
    return this.count;
  }

  setPerMinute(perMinute: number): void {
    this.catchUp();
    this.perMinute = Math.max(0, perMinute);
    this.nextAtUs = this.scheduleAfter(this.nowMs() * 1000);
  }

  /** Makes every arrival due by now visible; called before each request and each look at the data. */
  catchUp(): void {
    const nowUs = this.nowMs() * 1000;
    while (this.nextAtUs <= nowUs) {
      const at = this.nextAtUs;
      const stamp = this.stampFor(at);
      const id = this.insertAt(stamp);
      if (stamp < at - 1000) this.late.add(id);
      this.lastStampUs = stamp;
      this.count += 1;
      this.nextAtUs = this.scheduleAfter(at);
    }
  }

  private scheduleAfter(us: number): number {
    if (this.perMinute <= 0) return Number.POSITIVE_INFINITY;
    const meanUs = 60_000_000 / this.perMinute;
    // Exponential gap, at least 1 µs so arrivals stay strictly ordered in time.
    return us + Math.max(1, Math.round(-Math.log(1 - this.random.next()) * meanUs));
  }

  /** Mostly "now"; sometimes the previous arrival's stamp, sometimes seconds in the past. */
  private stampFor(atUs: number): number {
    const maxMs = Math.max(2000, this.opts.lateMaxMs ?? 60_000);
    const shared = this.random.chance(this.opts.sharedShare ?? 0.1);
    // Only a recent stamp is shared: an older one would be a late arrival beyond any overlap.
    if (shared && this.lastStampUs !== null && atUs - this.lastStampUs <= maxMs * 1000) return this.lastStampUs;
    if (this.random.chance(this.opts.lateShare ?? 0.08)) return atUs - this.random.between(2000, maxMs) * 1000;
    return atUs;
  }
}
