// The reference typing of an entry as a Parquet row, written plainly: what the export's entry lines
// (src/export/parquet-line.ts), read by the engine, must come to, value for value. Integers as INT64,
// created_at as exact UTC microseconds (as exactMicrosOf reads it), nulls where the entry has none, text as the
// UTF-8 a Parquet file holds (a lone surrogate becomes U+FFFD; metadata keeps it escaped), and the
// UTC day an entry belongs to in a partitioned lake.
import { PARQUET_COLUMNS } from '../../src/export/parquet-row.js';
import type { Entry } from '../../src/model/entry.js';
import { exactMicrosOf } from '../../src/model/instant.js';
import { FIELDS, textOf } from '../../src/render/columns.js';

export type TypedValue = number | bigint | string | null;

const wellFormed = (text: string) => (text as unknown as { toWellFormed(): string }).toWellFormed();

const DAY_US = 86_400_000_000n;

/** The UTC day, none outside the years 0000-9999 (where a day has no `YYYY-MM-DD`). */
function dayOf(micros: bigint | null): string | null {
  if (micros === null) return null;
  const start = micros >= 0n ? (micros / DAY_US) * DAY_US : -((-micros + DAY_US - 1n) / DAY_US) * DAY_US;
  const iso = new Date(Number(start / 1000n)).toISOString();
  return /^\d{4}-/.test(iso) ? iso.slice(0, 10) : null;
}

/** Values in PARQUET_COLUMNS order, then the UTC day (`YYYY-MM-DD`, null when created_at cannot be read), then created_at as given. */
export function typedRow(e: Entry): TypedValue[] {
  const values: TypedValue[] = [];
  let created: bigint | null = null;
  for (const { name, type } of PARQUET_COLUMNS) {
    const raw = FIELDS[name](e);
    if (type === 'BIGINT') values.push(typeof raw === 'number' && Number.isSafeInteger(raw) ? raw : null);
    else if (type === 'TIMESTAMPTZ') {
      created = exactMicrosOf(raw);
      values.push(created);
    } else if (name === 'metadata') values.push(raw === null || raw === undefined ? null : (JSON.stringify(raw) ?? null));
    else values.push(raw === null || raw === undefined ? null : wellFormed(textOf(raw)));
  }
  return [...values, dayOf(created), typeof e.created_at === 'string' ? wellFormed(e.created_at) : null];
}
