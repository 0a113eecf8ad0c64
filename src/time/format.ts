// Times for humans: absolute in the --tz zone (with its abbreviation), relative to the clock, windows, day/hour buckets.
import type { Zone } from './zone.js';

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
function zoneLabel(d: Date, zone: Zone): string {
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

const UNITS: [suffix: string, ms: number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
];

/** `just now` within 10 s either way (clock skew), else the largest whole unit: `45s ago`, `3h ago`, `in 5m`. */
export function formatRelative(at: Date | string, now: Date): string {
  const d = toDate(at);
  if (Number.isNaN(d.getTime())) return '';
  const diff = now.getTime() - d.getTime();
  const abs = Math.abs(diff);
  if (abs < 10_000) return 'just now';
  let text = '';
  for (const [suffix, size] of UNITS) {
    if (abs >= size) {
      text = `${Math.floor(abs / size)}${suffix}`;
      break;
    }
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

/** Hour bucket `YYYY-MM-DD HH:00` in the zone (summary --by hour). */
export function formatHour(at: Date | string, zone: Zone): string {
  const d = toDate(at);
  if (Number.isNaN(d.getTime())) return String(at);
  const f = fieldsOf(d, zone);
  return `${f.year}-${f.month}-${f.day} ${f.hour}:00`;
}
