// Zone arithmetic with Intl only: an instant's wall time in a zone, a wall time's instant, day boundaries.
// Wall times that a DST change skips or repeats resolve like Temporal's 'compatible' disambiguation.
import type { Zone } from './zone.js';

export interface CalendarDate {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
}

export interface WallTime extends CalendarDate {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneNameOf(zone: Zone | string): string {
  return typeof zone === 'string' ? zone : zone.name;
}

function formatterFor(zoneName: string): Intl.DateTimeFormat {
  let f = formatters.get(zoneName);
  if (!f) {
    // hourCycle h23 avoids the "24:00" some ICU versions print for midnight.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zoneName,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zoneName, f);
  }
  return f;
}

/** Milliseconds since the epoch of a wall time read as if it were UTC (years below 100 stay literal). */
export function wallToEpochMs(w: CalendarDate & Partial<WallTime>): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour ?? 0, w.minute ?? 0, w.second ?? 0, w.millisecond ?? 0);
  return d.getTime();
}

function wallOfUtc(ms: number): WallTime {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
  };
}

/** The wall-clock reading in `zone` at an instant. */
export function wallTimeAt(instant: Date | number, zone: Zone | string): WallTime {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  const name = zoneNameOf(zone);
  if (name === 'UTC') return wallOfUtc(ms);
  const fields: Record<string, string> = {};
  for (const part of formatterFor(name).formatToParts(ms)) fields[part.type] = part.value;
  const year = Number(fields.year);
  return {
    year: fields.era === 'BC' || fields.era === 'B' ? 1 - year : year,
    month: Number(fields.month),
    day: Number(fields.day),
    hour: Number(fields.hour),
    minute: Number(fields.minute),
    second: Number(fields.second),
    millisecond: ((ms % 1000) + 1000) % 1000,
  };
}

/** The zone's offset from UTC at an instant, in milliseconds (Berlin in winter: 3_600_000). */
export function offsetAt(instant: Date | number, zone: Zone | string): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return wallToEpochMs(wallTimeAt(ms, zone)) - ms;
}

/** Every instant at which `zone` shows this wall time: one, two when clocks go back, none in a gap. */
export function instantsFromWall(wall: CalendarDate & Partial<WallTime>, zone: Zone | string): Date[] {
  const local = wallToEpochMs(wall);
  const name = zoneNameOf(zone);
  if (name === 'UTC') return [new Date(local)];
  const offsets = new Set([offsetAt(local - DAY_MS, name), offsetAt(local, name), offsetAt(local + DAY_MS, name)]);
  return [...offsets]
    .map((offset) => local - offset)
    .filter((t) => wallToEpochMs(wallTimeAt(t, name)) === local)
    .sort((a, b) => a - b)
    .map((t) => new Date(t));
}

/**
 * The instant a wall time in `zone` names. Ambiguous times (clocks set back) take the earlier
 * instant; skipped times (clocks set forward) move forward by the gap, as Temporal's 'compatible'.
 */
export function instantFromWall(wall: CalendarDate & Partial<WallTime>, zone: Zone | string): Date {
  const [first] = instantsFromWall(wall, zone);
  if (first) return first;
  // In a gap: read the wall time with the offset in force before the change, which lands after it.
  const local = wallToEpochMs(wall);
  return new Date(local - offsetAt(local - DAY_MS, zoneNameOf(zone)));
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  const w = wallOfUtc(wallToEpochMs(date) + days * DAY_MS);
  return { year: w.year, month: w.month, day: w.day };
}

export function daysInMonth(year: number, month: number): number {
  // Day 0 of the following month is the last day of this one.
  return wallOfUtc(wallToEpochMs({ year, month: month + 1, day: 0 })).day;
}

/** The calendar date in `zone` at an instant. */
export function dateAt(instant: Date | number, zone: Zone | string): CalendarDate {
  const w = wallTimeAt(instant, zone);
  return { year: w.year, month: w.month, day: w.day };
}

/** First instant of a calendar day in `zone` (midnight, or the first wall time after it if skipped). */
export function startOfDate(date: CalendarDate, zone: Zone | string): Date {
  return instantFromWall({ year: date.year, month: date.month, day: date.day }, zone);
}

/** Last instant (millisecond) of a calendar day in `zone`: the next day's start minus 1 ms. */
export function endOfDate(date: CalendarDate, zone: Zone | string): Date {
  return new Date(startOfDate(addDays(date, 1), zone).getTime() - 1);
}

/** Start of the day in `zone` that contains the instant. */
export function startOfDay(instant: Date | number, zone: Zone | string): Date {
  return startOfDate(dateAt(instant, zone), zone);
}

/** `YYYY-MM-DD` of the instant's calendar day in `zone` (per-day buckets, file names). */
export function dateKeyAt(instant: Date | number, zone: Zone | string): string {
  const d = dateAt(instant, zone);
  return `${String(d.year).padStart(4, '0')}-${pad2(d.month)}-${pad2(d.day)}`;
}

/** `+01:00` / `-05:00` / `+13:45` for an offset in milliseconds. */
export function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  return `${sign}${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
