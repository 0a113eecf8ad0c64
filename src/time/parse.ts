// The --since/--until grammar (SPEC.md "Time expressions") and the window they resolve to.
//
// Day words name whole days: a bare date, `today` and `yesterday` mean the day's first instant in
// --since and its LAST instant (next midnight minus 1 ms, inclusive) in --until, so
// `--since yesterday --until yesterday` is all of yesterday and `--until today` reaches midnight tonight.
// Everything else is one instant in both flags: `now`, durations (always back from now, never
// forward), date-times with or without offset (`--until 2026-11-25T14:00` stops at 14:00:00.000).
import { UsageError } from '../errors.js';
import {
  addDays,
  dateAt,
  daysInMonth,
  endOfDate,
  instantFromWall,
  instantsFromWall,
  startOfDate,
  wallToEpochMs,
  type CalendarDate,
} from './calendar.js';
import { parseDuration } from './duration.js';
import { zoneLabel } from './format.js';
import type { Zone } from './zone.js';

export type TimeFlag = '--since' | '--until';

/**
 * A closed interval of instants, held to the millisecond; start null = from the beginning of the log.
 * Each end takes in its whole millisecond: an entry stamped 12:00:03.417240 is inside an end of
 * 12:00:03.417, from every source (the API is asked up to …999 µs, api/window-end.ts).
 */
export interface Window {
  start: Date | null;
  end: Date;
}

/** The first instant after a window's end (its last millisecond taken in whole), for a `<` bound. */
export function afterWindowEnd(end: Date): Date {
  return new Date(end.getTime() + 1);
}

export const ACCEPTED_TIME_FORMS =
  'use 90s, 15m, 24h, 7d, 2w, 1d12h, now, today, yesterday, 2026-11-25, 2026-11-25T14:00, an ISO instant with Z/offset, or a time as printed (2026-11-25 14:00:00 UTC, 6m ago)';

// Date, optional time (T or space), optional fraction, optional offset (only after a time).
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)?)?$/i;

interface ParsedStamp {
  date: CalendarDate;
  time?: { hour: number; minute: number; second: number; millisecond: number };
  /** Offset from UTC in minutes when the text carried Z or one. */
  offsetMinutes?: number;
}

/** Reads the ISO-like forms; undefined when the shape is wrong, 'invalid' when a field is out of range. */
function readStamp(text: string, allowLeapSecond = false): ParsedStamp | 'invalid' | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, z, sign, oh, om] = m;
  const date = { year: Number(y), month: Number(mo), day: Number(d) };
  if (date.year < 1 || date.month < 1 || date.month > 12 || date.day < 1) return 'invalid';
  if (date.day > daysInMonth(date.year, date.month)) return 'invalid';
  if (h === undefined) return { date };
  const time = {
    hour: Number(h),
    minute: Number(mi),
    second: s === undefined ? 0 : Number(s),
    millisecond: frac === undefined ? 0 : Number(frac.padEnd(3, '0').slice(0, 3)),
  };
  if (time.hour > 23 || time.minute > 59 || time.second > (allowLeapSecond ? 60 : 59)) return 'invalid';
  if (z) return { date, time, offsetMinutes: 0 };
  if (sign) {
    const hours = Number(oh);
    const minutes = om === undefined ? 0 : Number(om);
    if (hours > 23 || minutes > 59) return 'invalid';
    return { date, time, offsetMinutes: (sign === '-' ? -1 : 1) * (hours * 60 + minutes) };
  }
  return { date, time };
}

// What formatAbsolute prints, so a time copied from our own output can be pasted back:
// `2026-12-04 17:49:34 UTC`, `... CEST`, `... +09:00` (the zone after a space).
const PRINTED = /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?) +([A-Za-z]{1,5}|[+-]\d{2}(?::?\d{2})?)$/;
const UNIVERSAL = new Set(['UTC', 'GMT', 'Z', 'UT']);

/**
 * A table prints an instant cut to the second: as --until such a time covers that whole second, so
 * pasting a row's time back keeps that row (`--since T --until T` is the second T).
 */
function printedSpanMs(wallText: string): number {
  return /\d{2}:\d{2}:\d{2}$/.test(wallText) ? 999 : 0;
}

/**
 * A date-time followed by a zone as our tables print it. Offsets and UTC/GMT/Z are exact; any other
 * abbreviation is read only as the one the --tz zone shows at that wall time (CST alone names several
 * zones), which also tells the two passes of a repeated hour apart (CEST, then CET).
 */
function readPrinted(flag: TimeFlag, text: string, zone: Zone): Date | undefined {
  const m = PRINTED.exec(text);
  if (!m) return undefined;
  const [, wallText = '', zoneText = ''] = m;
  const span = flag === '--until' ? printedSpanMs(wallText) : 0;
  const upper = zoneText.toUpperCase();
  if (/^[+-]/.test(zoneText) || UNIVERSAL.has(upper)) {
    const stamp = readStamp(wallText + (/^[+-]/.test(zoneText) ? zoneText : 'Z'));
    if (stamp === undefined || stamp === 'invalid' || !stamp.time || stamp.offsetMinutes === undefined) fail(flag, text, ': no such date or time');
    return checked(flag, text, wallToEpochMs({ ...stamp.date, ...stamp.time }) - stamp.offsetMinutes * 60_000 + span);
  }
  const stamp = readStamp(wallText);
  if (stamp === undefined || stamp === 'invalid' || !stamp.time) fail(flag, text, ': no such date or time');
  const instants = instantsFromWall({ ...stamp.date, ...stamp.time }, zone);
  const match = instants.find((d) => zoneLabel(d, zone).toUpperCase() === upper);
  if (match) return checked(flag, text, match.getTime() + span);
  const shown = instants.length > 0 ? `shows ${instants.map((d) => zoneLabel(d, zone)).join(' or ')} at that time` : 'skips that wall time';
  throw new UsageError(
    `${flag}: '${text}' names zone ${zoneText}, but the --tz zone ${zone.name} ${shown}`,
    'a zone abbreviation is read only in the --tz zone: set --tz, or write an offset such as +01:00 or UTC',
  );
}

function fail(flag: TimeFlag, text: string, reason = ''): never {
  throw new UsageError(`${flag}: cannot read '${text}' as a time${reason} (${ACCEPTED_TIME_FORMS})`);
}

function checked(flag: TimeFlag, text: string, ms: number): Date {
  // Beyond the ±8.64e15 ms a Date can hold (e.g. `99999999w`).
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) fail(flag, text, ': out of range');
  return new Date(ms);
}

function dayBound(flag: TimeFlag, date: CalendarDate, zone: Zone): Date {
  return flag === '--until' ? endOfDate(date, zone) : startOfDate(date, zone);
}

/** One --since/--until value as an instant; UsageError naming the flag, the value and the accepted forms. */
/** A relative time as the tables print it, `6m ago` or `1d 2h ago`: the duration, spaces allowed. */
function durationAgo(t: string): number | undefined {
  const m = /^(.+?)\s+ago$/i.exec(t);
  return m ? parseDuration((m[1] as string).replace(/\s+/g, '')) : undefined;
}

export function parseTimeExpression(text: string, opts: { flag: TimeFlag; now: Date; zone: Zone }): Date {
  const { flag, now, zone } = opts;
  const t = text.trim();
  if (t === '') fail(flag, text);
  const word = t.toLowerCase();
  if (word === 'now') return new Date(now.getTime());
  if (word === 'today') return dayBound(flag, dateAt(now, zone), zone);
  if (word === 'yesterday') return dayBound(flag, addDays(dateAt(now, zone), -1), zone);
  const ms = parseDuration(t) ?? durationAgo(t);
  if (ms !== undefined) return checked(flag, text, now.getTime() - ms);
  const stamp = readStamp(t);
  if (stamp === undefined) return readPrinted(flag, t, zone) ?? fail(flag, text);
  if (stamp === 'invalid') fail(flag, text, ': no such date or time');
  if (!stamp.time) return dayBound(flag, stamp.date, zone);
  if (stamp.offsetMinutes !== undefined) {
    return checked(flag, text, wallToEpochMs({ ...stamp.date, ...stamp.time }) - stamp.offsetMinutes * 60_000);
  }
  return checked(flag, text, instantFromWall({ ...stamp.date, ...stamp.time }, zone).getTime());
}

/**
 * Reads an entry's `created_at` (RFC 3339; a missing offset is taken as UTC, as the API promises UTC).
 * Returns NaN for anything else, so one odd entry never stops a run.
 */
export function parseTimestamp(text: unknown): number {
  if (typeof text !== 'string') return Number.NaN;
  // Filtered exports read every entry's time: the API's own form skips the regex and the Date objects.
  return readUtcStamp(text) ?? parseTimestampFully(text);
}

/** parseTimestamp without its fast path: the whole grammar (exported so tests can hold the two equal). */
export function parseTimestampFully(text: string): number {
  // A leap second (:60) counts into the next minute, which keeps entries in order.
  const stamp = readStamp(text.trim(), true);
  if (stamp === undefined || stamp === 'invalid') return Number.NaN;
  return wallToEpochMs({ ...stamp.date, ...stamp.time }) - (stamp.offsetMinutes ?? 0) * 60_000;
}

const DIGIT_0 = 48;

/** The number written by the digits at [from, to), or -1 if any is not an ASCII digit. */
function digitsAt(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - DIGIT_0;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function monthLength(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Exactly `YYYY-MM-DDTHH:MM:SS(.f{1,9})?Z` with every field in range, as epoch ms (the fraction
 * truncated to ms, second 60 rolling over as in the full reader); undefined for anything else,
 * which the full grammar then decides.
 */
export function readUtcStamp(text: string): number | undefined {
  const len = text.length;
  if (len < 20 || len > 30 || text[len - 1] !== 'Z' || text[10] !== 'T') return undefined;
  if (text[4] !== '-' || text[7] !== '-' || text[13] !== ':' || text[16] !== ':') return undefined;
  let ms = 0;
  if (len > 20) {
    if (text[19] !== '.' || len === 21) return undefined;
    const fraction = digitsAt(text, 20, Math.min(len - 1, 23));
    if (fraction < 0 || digitsAt(text, 23, len - 1) < 0) return undefined;
    ms = len - 21 >= 3 ? fraction : fraction * (len - 21 === 1 ? 100 : 10);
  }
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 7);
  const day = digitsAt(text, 8, 10);
  const hour = digitsAt(text, 11, 13);
  const minute = digitsAt(text, 14, 16);
  const second = digitsAt(text, 17, 19);
  // Years below 100 would need Date.UTC's 19xx quirk undone: the full reader handles those.
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > monthLength(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

/**
 * The window of --since/--until. Without --until it ends now; without --since it starts at
 * `defaultSince`, a duration of which is measured back from the window's END (so
 * `--until 2026-01-01` alone gives the 7 days before it, not an empty window); null = whole log.
 */
export function resolveWindow(opts: {
  since?: string;
  until?: string;
  now: Date;
  zone: Zone;
  defaultSince: string | null;
}): Window {
  const { now, zone } = opts;
  const end = opts.until === undefined ? new Date(now.getTime()) : parseTimeExpression(opts.until, { flag: '--until', now, zone });
  let start: Date | null = null;
  let sinceText: string | undefined = opts.since;
  if (opts.since !== undefined) {
    start = parseTimeExpression(opts.since, { flag: '--since', now, zone });
  } else if (opts.defaultSince !== null) {
    const ms = parseDuration(opts.defaultSince);
    start = ms !== undefined ? new Date(end.getTime() - ms) : parseTimeExpression(opts.defaultSince, { flag: '--since', now, zone });
    sinceText = `${opts.defaultSince} (default)`;
  }
  // Both ends are inclusive, to the millisecond: --since T --until T is T's millisecond (an entry's own
  // timestamp given twice). Without --until the end is now, and --since now is a mistake, not a window.
  if (start !== null && (start.getTime() > end.getTime() || (start.getTime() === end.getTime() && opts.until === undefined))) {
    throw new UsageError(
      `--since '${sinceText}' (${start.toISOString()}) must be before --until '${opts.until ?? 'now'}' (${end.toISOString()})`,
    );
  }
  return { start, end };
}
