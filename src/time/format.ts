// Times for humans: absolute in the --tz zone (with its abbreviation), relative to the clock, windows, day/hour buckets.
import type { Zone } from './zone.js';
import { formatOffset, offsetAt, wallTimeAt } from './calendar.js';

interface ZoneFormatters {
  fields: Intl.DateTimeFormat;
  /** en-US knows EST/PST, en-GB knows CET/BST; neither knows everything. */
  abbrevs: Intl.DateTimeFormat[];
  offset: Intl.DateTimeFormat;
}

// Building an Intl formatter costs far more than using one; tables and buckets call these per row.
const cache = new Map<string, ZoneFormatters>();

function formattersFor(zone: Zone): ZoneFormatters {
  let f = cache.get(zone.name);
  if (!f) {
    const timeZone = zone.name;
    f = {
      fields: new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      }),
      abbrevs: ['en-US', 'en-GB'].map((l) => new Intl.DateTimeFormat(l, { timeZone, timeZoneName: 'short' })),
      offset: new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }),
    };
    cache.set(zone.name, f);
  }
  return f;
}

function toDate(at: Date | string): Date {
  return at instanceof Date ? at : new Date(at);
}

interface Fields {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
  second: string;
}

function fieldsOf(d: Date, zone: Zone): Fields {
  const out: Record<string, string> = {};
  for (const p of formattersFor(zone).fields.formatToParts(d)) out[p.type] = p.value;
  return out as unknown as Fields;
}

function partOf(fmt: Intl.DateTimeFormat, d: Date): string {
  return fmt.formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/** `CET`, `EDT`, `UTC`; `+09:00` where no locale has a letter abbreviation for the zone. */
export function zoneLabel(d: Date, zone: Zone): string {
  if (zone.name === 'UTC') return 'UTC';
  const f = formattersFor(zone);
  for (const fmt of f.abbrevs) {
    const name = partOf(fmt, d);
    if (/^[A-Z]{2,5}$/.test(name)) return name;
  }
  const offset = partOf(f.offset, d).replace(/^GMT/, '');
  return offset === '' ? '+00:00' : offset;
}

/** `2026-11-25 14:03:11 UTC`; text that is not a time comes back unchanged (API data is untrusted). */
export function formatAbsolute(at: Date | string, zone: Zone): string {
  const d = toDate(at);
  if (Number.isNaN(d.getTime())) return String(at);
  const f = fieldsOf(d, zone);
  return `${f.year}-${f.month}-${f.day} ${f.hour}:${f.minute}:${f.second} ${zoneLabel(d, zone)}`;
}

/** `11-26 10:12:14`: the instant without year and zone, for a narrow terminal's rows that must not go stale. */
export function formatShortAbsolute(at: Date | string, zone: Zone): string {
  const d = toDate(at);
  if (Number.isNaN(d.getTime())) return String(at);
  const f = fieldsOf(d, zone);
  return `${f.month}-${f.day} ${f.hour}:${f.minute}:${f.second}`;
}

const UNITS: [suffix: string, ms: number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
];

/**
 * How long ago, never overstated: each unit is floored, and below 10 days or 10 hours the next unit is
 * added (`1d 23h`, not `1d` or `2d`, for 47 hours), so the shown age errs by under 10% (under a minute
 * below an hour) and never up. `just now` within 10 s either way (clock skew); the future reads `in 5m`.
 */
export function formatRelative(at: Date | string, now: Date): string {
  const d = toDate(at);
  if (Number.isNaN(d.getTime())) return '';
  const diff = now.getTime() - d.getTime();
  const abs = Math.abs(diff);
  if (abs < 10_000) return 'just now';
  const top = UNITS.findIndex(([, size]) => abs >= size);
  const [suffix, size] = UNITS[top] as [string, number];
  const whole = Math.floor(abs / size);
  let text = `${whole}${suffix}`;
  const next = UNITS[top + 1];
  if (whole < 10 && next && (suffix === 'd' || suffix === 'h')) {
    const rest = Math.floor((abs - whole * size) / next[1]);
    if (rest > 0) text += ` ${rest}${next[0]}`;
  }
  return diff > 0 ? `${text} ago` : `in ${text}`;
}

/** The resolved window stated in human output; a null start means the oldest entry. */
export function formatWindow(start: Date | null, end: Date, zone: Zone): string {
  const from = start ? formatAbsolute(start, zone) : 'the beginning';
  return `window: ${from} → ${formatAbsolute(end, zone)}`;
}

/** Calendar day `YYYY-MM-DD` in the zone (summary --by day, actor per-day chart). */
export function formatDay(at: Date | string, zone: Zone): string {
  const d = toDate(at);
  if (Number.isNaN(d.getTime())) return String(at);
  const f = fieldsOf(d, zone);
  return `${f.year}-${f.month}-${f.day}`;
}

const HOUR_MS = 3_600_000;

/**
 * Hour bucket `YYYY-MM-DD HH:00` in the zone (summary --by hour). An hour the clocks go back through
 * happens twice, so its two buckets carry the offset in force: `2026-10-25 01:00+01:00` then
 * `2026-10-25 01:00+00:00` in Europe/London; every other hour keeps the plain key.
 */
export function formatHour(at: Date | string, zone: Zone): string {
  const d = toDate(at);
  if (Number.isNaN(d.getTime())) return String(at);
  const w = wallTimeAt(d, zone.name);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const base = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:00`;
  const offset = offsetAt(d, zone.name);
  return isRepeatedHour(d.getTime(), offset, zone) ? `${base}${formatOffset(offset)}` : base;
}

/**
 * True when the wall hour containing `ms` (read with `offset`) also occurs under another offset in force
 * nearby: clocks set back. Depends only on the hour and the offset, so it is the same for every instant
 * of one bucket.
 */
function isRepeatedHour(ms: number, offset: number, zone: Zone): boolean {
  if (zone.name === 'UTC') return false;
  const hourStart = Math.floor((ms + offset) / HOUR_MS) * HOUR_MS; // the wall hour's start, read as UTC
  const others = new Set([offsetAt(ms - 3 * HOUR_MS, zone.name), offsetAt(ms + 3 * HOUR_MS, zone.name)]);
  others.delete(offset);
  for (const other of others) {
    // The hour's first or last millisecond read with `other` is an instant when `other` is in force.
    if (offsetAt(hourStart - other, zone.name) === other || offsetAt(hourStart + HOUR_MS - 1 - other, zone.name) === other) return true;
  }
  return false;
}
