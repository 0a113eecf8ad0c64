// `summary --by ...`: the group key of an entry, counting in one pass, and the finished groups
// (by count and cut by --top; or calendar buckets in --tz, in time order, never cut, zero-filled).
//
// Day and hour buckets cover the whole window, empty ones included, so gaps in activity show.
import type { Entry } from './entry.js';
import type { Window } from '../time/parse.js';
import type { Zone } from '../time/zone.js';
import { parseTimestamp } from '../time/parse.js';
import { addDays, dateAt, wallTimeAt, type CalendarDate, type WallTime } from '../time/calendar.js';
import { formatHour } from '../time/format.js';
import { refTextFor } from './actor-ref.js';

export const GROUP_BYS = ['action', 'actor', 'actor_type', 'resource_type', 'resource', 'channel', 'day', 'hour'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

export interface Group {
  /** Stable key for machines (`key:15`, `Trick:3312`, `2026-11-25`); null when the entry has no value. */
  key: string | null;
  count: number;
  /** The newest entry of the group, for the table's human text (null for empty day/hour buckets). */
  sample: Entry | null;
}

export interface Grouping {
  by: GroupBy;
  /** Every counted entry, also those in groups cut by --top. */
  total: number;
  groups: Group[];
  cutGroups: number;
  cutEntries: number;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function dateKey(d: CalendarDate): string {
  return `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

interface Buckets {
  day: string;
  hour: string;
}

function bucketsOfWall(w: WallTime): Buckets {
  const day = dateKey(w);
  return { day, hour: `${day} ${pad(w.hour)}:00` };
}

/** The quarter's buckets; the hour key from formatHour, which marks a repeated (clocks back) hour with its offset. */
function bucketsOfQuarter(ms: number, w: WallTime, zone: Zone): Buckets {
  return { day: dateKey(w), hour: formatHour(new Date(ms), zone) };
}

// An Intl lookup costs tens of microseconds, far too much per entry. Every zone offset in use is a
// multiple of 15 minutes, so no local hour (or day) starts inside a UTC quarter-hour: one lookup per
// quarter serves all its entries. A quarter whose start is not on a local quarter (old LMT offsets)
// is not cached and each instant is looked up.
const QUARTER_MS = 900_000;
const quarterCache = new Map<string, Buckets | null>();

function bucketsAt(ms: number, zone: Zone): Buckets {
  if (zone.name === 'UTC') return bucketsOfWall(wallTimeAt(ms, zone));
  const quarter = Math.floor(ms / QUARTER_MS) * QUARTER_MS;
  const key = `${zone.name}\u0000${quarter}`;
  let hit = quarterCache.get(key);
  if (hit === undefined) {
    const w = wallTimeAt(quarter, zone);
    hit = w.minute % 15 === 0 && w.second === 0 && w.millisecond === 0 ? bucketsOfQuarter(quarter, w, zone) : null;
    if (quarterCache.size >= 50_000) quarterCache.clear();
    quarterCache.set(key, hit);
  }
  return hit ?? bucketsOfQuarter(ms, wallTimeAt(ms, zone), zone);
}

/** `YYYY-MM-DD` of the instant's day in the zone. */
export function dayKeyOf(ms: number, zone: Zone): string {
  return bucketsAt(ms, zone).day;
}

/** `YYYY-MM-DD HH:00` of the instant's hour in the zone (`YYYY-MM-DD HH:00+01:00` for a repeated hour). */
export function hourKeyOf(ms: number, zone: Zone): string {
  return bucketsAt(ms, zone).hour;
}

/** Every day key from start's day to end's day, in order. */
export function dayKeysBetween(start: Date, end: Date, zone: Zone): string[] {
  const keys: string[] = [];
  const last = dayKeyOf(end.getTime(), zone);
  let d = dateAt(start, zone);
  for (let k = dateKey(d); k <= last; d = addDays(d, 1), k = dateKey(d)) keys.push(k);
  return keys;
}

/**
 * Every hour key from start's hour to end's hour, in time order; a repeated DST hour twice (its keys
 * carry the offset). Stepped by quarter hours, so buckets of zones shifting by 30 minutes are not skipped.
 */
export function hourKeysBetween(start: Date, end: Date, zone: Zone): string[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  const add = (ms: number) => {
    const k = hourKeyOf(ms, zone);
    if (!seen.has(k)) {
      seen.add(k);
      keys.push(k);
    }
  };
  for (let t = start.getTime(); t <= end.getTime(); t += QUARTER_MS) add(t);
  add(end.getTime());
  return keys;
}

function text(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  return typeof value === 'string' ? value : String(value);
}

/**
 * The group key of one entry. Actors are keyed by their reference (`key:15`, `user:77`,
 * `automation:Playguard`), which `actor <ref>` accepts; others by `<kind>:<label or id>`.
 */
export function groupKeyOf(by: GroupBy, e: Entry, zone: Zone): string | null {
  switch (by) {
    case 'action':
    case 'resource_type':
    case 'channel':
      return text(e[by]);
    case 'actor_type':
      return e.actor.kind;
    case 'actor':
      return refTextFor(e.actor) ?? `${e.actor.kind}:${e.actor.label ?? e.actor.id ?? ''}`;
    case 'resource': {
      const type = text(e.resource_type);
      const id = text(e.resource_id);
      if (type === null) return id === null ? null : `:${id}`;
      return id === null ? type : `${type}:${id}`;
    }
    case 'day':
    case 'hour': {
      const ms = parseTimestamp(e.created_at);
      if (Number.isNaN(ms)) return null;
      return by === 'day' ? dayKeyOf(ms, zone) : hourKeyOf(ms, zone);
    }
  }
}

export interface Grouper {
  add(e: Entry): void;
  /** Entries counted elsewhere (a source that counts itself); their group gets no sample. */
  addCount(key: string | null, count: number): void;
  finish(opts: { top: number; window: Window }): Grouping;
}

/** Counts entries per group in one pass; each group keeps its first entry (the newest, input being newest first). */
export function createGrouper(by: GroupBy, zone: Zone): Grouper {
  const counts = new Map<string | null, { count: number; sample: Entry | null }>();
  let total = 0;
  return {
    add(e) {
      const key = groupKeyOf(by, e, zone);
      total += 1;
      const g = counts.get(key);
      if (g) g.count += 1;
      else counts.set(key, { count: 1, sample: e });
    },
    addCount(key, count) {
      total += count;
      const g = counts.get(key);
      if (g) g.count += count;
      else counts.set(key, { count, sample: null });
    },
    finish({ top, window }) {
      if (by === 'day' || by === 'hour') {
        // Without a window start (never for summary, whose default is 7d) only seen buckets are listed.
        const start = window.start;
        const keys = start ? (by === 'day' ? dayKeysBetween : hourKeysBetween)(start, window.end, zone) : [];
        const inWindow = new Set(keys);
        // Buckets outside the computed range (odd timestamps) are still shown, never dropped.
        const extra = [...counts.keys()].filter((k) => !inWindow.has(k as string));
        const all = [...keys, ...extra].sort(compareBucketKeys);
        const groups = all.map((key) => ({ key, count: counts.get(key)?.count ?? 0, sample: counts.get(key)?.sample ?? null }));
        return { by, total, groups, cutGroups: 0, cutEntries: 0 };
      }
      const sorted = [...counts.entries()]
        .map(([key, g]) => ({ key, count: g.count, sample: g.sample }))
        .sort((a, b) => b.count - a.count || compareKeys(a.key, b.key));
      const shown = sorted.slice(0, top);
      const cut = sorted.slice(top);
      return { by, total, groups: shown, cutGroups: cut.length, cutEntries: cut.reduce((n, g) => n + g.count, 0) };
    },
  };
}

/**
 * Day and hour keys in time order: by the wall text, and for the two keys of a repeated hour the larger
 * offset first (it is the earlier instant). Null (no value) last.
 */
function compareBucketKeys(a: string | null, b: string | null): number {
  const wallA = a?.slice(0, 16) ?? null;
  const wallB = b?.slice(0, 16) ?? null;
  if (a === null || b === null || wallA !== wallB) return compareKeys(wallA, wallB);
  return offsetMinutesOf(b) - offsetMinutesOf(a);
}

function offsetMinutesOf(key: string): number {
  const m = /([+-])(\d{2}):(\d{2})$/.exec(key.slice(16));
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** Null (no value) sorts last; the rest by code unit, which orders date keys in time. */
function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

