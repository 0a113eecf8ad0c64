// created_at on the wire: RFC 3339 UTC from epoch microseconds, written without Date objects on
// the hot path (a page of 100 entries mostly shares one day, whose prefix is cached).

const DAY_MS = 86_400_000;
const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

let cachedDay = Number.NaN;
let cachedPrefix = '';

/** Whole seconds without a fraction, else millisecond or microsecond digits, as Fibe's entries vary. */
export function formatTime(us: number): string {
  const ms = Math.floor(us / 1000);
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
  }
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = Math.floor(rest / 1000);
  const milli = rest - s * 1000;
  const sub = us - ms * 1000;
  const base = `${cachedPrefix}${PAD2[h]}:${PAD2[m]}:${PAD2[s]}`;
  if (sub !== 0) return `${base}.${PAD3[milli]}${PAD3[sub]}Z`;
  if (milli !== 0) return `${base}.${PAD3[milli]}Z`;
  return `${base}Z`;
}
