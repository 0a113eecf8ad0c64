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

/** Parses an RFC 3339 timestamp with Z or an offset; null for anything else (API data is untrusted). */
export function parseInstant(text: unknown): Instant | null {
  if (typeof text !== 'string') return null;
  const m = RFC3339.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, , sign, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  // 60 is a leap second; counting it into the next minute keeps the order right.
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 60) return null;
  let offsetMinutes = 0;
  if (sign) {
    const oH = Number(oh);
    const oM = Number(om);
    if (oH > 23 || oM > 59) return null;
    offsetMinutes = (sign === '-' ? -1 : 1) * (oH * 60 + oM);
  }
  const seconds = daysFromCivil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second - offsetMinutes * 60;
  return { seconds, fraction: (frac ?? '').replace(/0+$/, '') };
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
