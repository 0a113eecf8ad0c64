// When entries happen: seeded timestamps over the history span, denser recently and in working
// hours, with mixed precision (whole seconds, milliseconds, microseconds); and slot reservation
// for the entries the generator must guarantee.

import type { Random } from './random.js';

export const US_PER_SECOND = 1_000_000;
export const US_PER_HOUR = 3600 * US_PER_SECOND;
export const US_PER_DAY = 24 * US_PER_HOUR;

// Density grows as e^(GROWTH x) over the span: about 9x busier at "now" than at the start.
const GROWTH = 2.2;

function activityWeight(us: number): number {
  const hour = Math.floor(us / US_PER_HOUR) % 24;
  const weekday = (Math.floor(us / US_PER_DAY) + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  const base = hour >= 7 && hour < 20 ? 1 : 0.35;
  return weekday === 0 || weekday === 6 ? base * 0.5 : base;
}

/** `count` integer µs timestamps in [startUs, endUs], ascending. */
export function generateTimes(random: Random, count: number, startUs: number, endUs: number): Float64Array {
  const span = endUs - startUs;
  const scale = Math.expm1(GROWTH);
  const times = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    let t: number;
    do {
      t = startUs + (Math.log1p(random.next() * scale) / GROWTH) * span;
    } while (random.next() > activityWeight(t));
    const style = random.next();
    if (style < 0.25) t = Math.floor(t / US_PER_SECOND) * US_PER_SECOND;
    else if (style < 0.8) t = Math.floor(t / 1000) * 1000;
    else t = Math.floor(t);
    times[i] = t;
  }
  return times.sort();
}

/** First index of a sorted array whose value is >= v. */
export function lowerBound(values: Float64Array, v: number, length = values.length): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Hands out distinct indices of a sorted timestamp array inside time windows. */
export class SlotPlanner {
  private readonly taken = new Set<number>();

  constructor(private readonly times: Float64Array, private readonly random: Random) {}

  isTaken(index: number): boolean {
    return this.taken.has(index);
  }

  /**
   * Reserves `count` consecutive free indices with created_at in [fromUs, toUs] and makes them share
   * the first one's created_at (a tie group when count > 1). Undefined when the window has no room.
   */
  reserve(fromUs: number, toUs: number, count = 1): number | undefined {
    const lo = lowerBound(this.times, fromUs);
    const hi = lowerBound(this.times, toUs + 1) - count + 1;
    if (hi <= lo) return undefined;
    const start = lo + this.random.int(hi - lo);
    for (let step = 0; step < hi - lo; step++) {
      const at = lo + ((start - lo + step) % (hi - lo));
      let free = true;
      for (let k = 0; k < count && free; k++) free = !this.taken.has(at + k);
      if (!free) continue;
      for (let k = 0; k < count; k++) {
        this.taken.add(at + k);
        this.times[at + k] = this.times[at] as number;
      }
      return at;
    }
    return undefined;
  }
}
