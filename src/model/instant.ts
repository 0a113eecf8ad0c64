// Exact instants from RFC 3339 text: created_at may carry more than millisecond precision, and a
// checkpoint must tell 14:03:11.1234Z from 14:03:11.1235Z, which a Date (whole ms) cannot.

/** Whole seconds since the epoch (UTC) plus the fraction's digits, trailing zeros removed. */
export interface Instant {
  seconds: number;
  fraction: string;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

// Days from 1970-01-01 to a proleptic Gregorian date; avoids Date.UTC's 0-99 => 19xx quirk.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function fromFields(
  year: number, month: number, day: number, hour: number, minute: number, second: number, offsetMinutes: number, fraction: string,
): Instant | null {
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  // 60 is a leap second; counting it into the next minute keeps the order right.
  if (hour > 23 || minute > 59 || second > 60) return null;
  const seconds = daysFromCivil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second - offsetMinutes * 60;
  return { seconds, fraction: fraction.replace(/0+$/, '') };
}

const ZERO = 48;

/** Digits at [from, to) as a number, or -1 when any is not a digit. */
function digitsAt(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - ZERO;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

// The API's own shape, `2026-11-25T14:03:11.123456Z`, read without a regex: exports parse every entry.
function parseCanonical(text: string): Instant | null | undefined {
  const len = text.length;
  if (len < 20 || text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':' || text[len - 1] !== 'Z') {
    return undefined;
  }
  let fraction = '';
  if (len > 20) {
    if (text[19] !== '.' || len === 21 || digitsAt(text, 20, len - 1) < 0) return undefined;
    fraction = text.slice(20, len - 1);
  }
  const f = [digitsAt(text, 0, 4), digitsAt(text, 5, 7), digitsAt(text, 8, 10), digitsAt(text, 11, 13), digitsAt(text, 14, 16), digitsAt(text, 17, 19)];
  if (f.some((n) => n < 0)) return undefined;
  return fromFields(f[0]!, f[1]!, f[2]!, f[3]!, f[4]!, f[5]!, 0, fraction);
}

/** Parses an RFC 3339 timestamp with Z or an offset; null for anything else (API data is untrusted). */
export function parseInstant(text: unknown): Instant | null {
  if (typeof text !== 'string') return null;
  const fast = parseCanonical(text);
  if (fast !== undefined) return fast;
  const m = RFC3339.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, , sign, oh, om] = m;
  let offsetMinutes = 0;
  if (sign) {
    const oH = Number(oh);
    const oM = Number(om);
    if (oH > 23 || oM > 59) return null;
    offsetMinutes = (sign === '-' ? -1 : 1) * (oH * 60 + oM);
  }
  return fromFields(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), offsetMinutes, frac ?? '');
}

/** Negative, zero or positive as a is before, the same as, or after b; exact to every digit given. */
export function compareInstants(a: Instant, b: Instant): number {
  if (a.seconds !== b.seconds) return a.seconds < b.seconds ? -1 : 1;
  const width = Math.max(a.fraction.length, b.fraction.length);
  const fa = a.fraction.padEnd(width, '0');
  const fb = b.fraction.padEnd(width, '0');
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

/** The instant rounded down to the millisecond (what an API parameter can carry), as epoch ms. */
export function floorToMillis(instant: Instant): number {
  return instant.seconds * 1000 + Number(instant.fraction.padEnd(3, '0').slice(0, 3));
}

/** Exact epoch microseconds of an RFC 3339 timestamp (digits past the sixth dropped), or null. */
export function exactMicrosOf(text: unknown): bigint | null {
  const instant = parseInstant(text);
  if (instant === null) return null;
  return BigInt(instant.seconds) * 1_000_000n + BigInt(instant.fraction.slice(0, 6).padEnd(6, '0'));
}

/** Epoch microseconds of an RFC 3339 timestamp (digits past the sixth dropped), or null; past 2^53 (before 1685, after 2255) rounded. */
export function microsOf(text: unknown): number | null {
  const instant = parseInstant(text);
  if (instant === null) return null;
  return instant.seconds * 1_000_000 + Number(instant.fraction.slice(0, 6).padEnd(6, '0'));
}
