// CSV typed at a terminal: every string in an entry is escaped like the tables before it becomes a
// cell (done on the values, not the bytes, so lone surrogates are shown rather than replaced).
import type { Entry } from '../model/entry.js';
import { sanitizeLine } from '../text/sanitize.js';

function sanitizeValue(value: unknown): unknown {
  if (typeof value === 'string') return sanitizeLine(value);
  if (Array.isArray(value)) return value.map(sanitizeValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    // defineProperty, so a hostile "__proto__" key stays a field instead of replacing the prototype.
    for (const [k, v] of Object.entries(value)) {
      Object.defineProperty(out, sanitizeLine(k), { value: sanitizeValue(v), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

export function sanitizeEntry(entry: Entry): Entry {
  return sanitizeValue(entry) as Entry;
}

export async function* sanitizeEntries(entries: AsyncIterable<Entry>): AsyncGenerator<Entry> {
  for await (const e of entries) yield sanitizeEntry(e);
}
