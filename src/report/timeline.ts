// The report's timeline: entries per hour (windows up to three days) or per day in the report's zone,
// one count per actor kind, and the called-out (destructive or security-sensitive) entries per bucket.
// Buckets are summary's (model/group.ts): the whole window, empty ones included.
import { ACTOR_KINDS, type Entry } from '../model/entry.js';
import { riskOf } from '../model/action-risk.js';
import { dayKeyOf, dayKeysBetween, hourKeyOf, hourKeysBetween } from '../model/group.js';
import { parseTimestamp } from '../time/parse.js';
import type { Window } from '../time/parse.js';
import type { Zone } from '../time/zone.js';
import type { TimelineData } from './report-data.js';

const HOURLY_UP_TO_MS = 3 * 24 * 3_600_000;

export interface TimelineBuilder {
  add(e: Entry): void;
  finish(): TimelineData;
}

/**
 * `window.start` null (a whole --file): the span is the entries' own, from the oldest to the newest;
 * with no entries there are no buckets.
 */
export function createTimeline(window: Window, zone: Zone): TimelineBuilder {
  const times: number[] = [];
  const kinds: string[] = [];
  const flagged: boolean[] = [];
  let oldest = Number.POSITIVE_INFINITY;
  let newest = Number.NEGATIVE_INFINITY;
  return {
    add(e) {
      const ms = parseTimestamp(e.created_at);
      if (Number.isNaN(ms)) return;
      times.push(ms);
      if (ms < oldest) oldest = ms;
      if (ms > newest) newest = ms;
      kinds.push(e.actor.kind);
      flagged.push(riskOf(e.action) !== null);
    },
    finish() {
      const open = window.start === null;
      const start = open ? oldest : (window.start as Date).getTime();
      const end = open ? newest : window.end.getTime();
      const unit = !(end - start > HOURLY_UP_TO_MS) ? 'hour' : 'day';
      const keyOf = unit === 'hour' ? hourKeyOf : dayKeyOf;
      const keys = times.length === 0 && open ? [] : (unit === 'hour' ? hourKeysBetween : dayKeysBetween)(new Date(start), new Date(end), zone);
      // Entries outside the computed range (odd timestamps in a file) still get their bucket.
      const extra = new Set<string>();
      const known = new Set(keys);
      for (const ms of times) {
        const k = keyOf(ms, zone);
        if (!known.has(k)) extra.add(k);
      }
      const buckets = [...keys, ...extra].sort();
      const at = new Map(buckets.map((k, i) => [k, i]));
      const perKind = new Map<string, number[]>();
      const calledOut = new Array<number>(buckets.length).fill(0);
      for (let i = 0; i < times.length; i++) {
        const b = at.get(keyOf(times[i] as number, zone)) as number;
        const kind = kinds[i] as string;
        let counts = perKind.get(kind);
        if (!counts) perKind.set(kind, (counts = new Array<number>(buckets.length).fill(0)));
        counts[b] = (counts[b] as number) + 1;
        if (flagged[i]) calledOut[b] = (calledOut[b] as number) + 1;
      }
      const order = (k: string) => (ACTOR_KINDS as readonly string[]).indexOf(k) >>> 0;
      const kindList = [...perKind.entries()].sort((a, b) => order(a[0]) - order(b[0]) || (a[0] < b[0] ? -1 : 1));
      return { unit, buckets, kinds: kindList.map(([kind, counts]) => ({ kind, counts })), calledOut };
    },
  };
}
