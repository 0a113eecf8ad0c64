// One entry as the line the Parquet engine reads (mirror/parquet-lines.ts holds the other side of
// this contract): its typed values, read from the same fields the CSV writer reads, with integers
// as INT64, created_at as the engine's instant, nulls where the entry has none, and text as the
// UTF-8 the engine stores (a lone surrogate becomes U+FFFD on the way; metadata keeps it escaped).
import { FibeAuditError } from '../errors.js';
import { FIELD_SEPARATOR, MAX_LINE_BYTES, TEXT_ESCAPE, TEXT_ESCAPES, TEXT_QUOTE } from '../mirror/parquet-lines.js';
import type { Entry } from '../model/entry.js';
import { exactMicrosOf } from '../model/instant.js';
import { FIELDS, textOf } from '../render/columns.js';
import { PARQUET_COLUMNS } from './parquet-row.js';

/** What a text may not hold as it is: the quote (doubled), and what the engine's side escapes. */
const REPLACEMENT: Record<string, string> = Object.fromEntries([
  [TEXT_QUOTE, TEXT_QUOTE + TEXT_QUOTE],
  ...TEXT_ESCAPES.map(([ch, code]) => [ch, TEXT_ESCAPE + code]),
]);
const SPECIALS = new RegExp(`[${Object.keys(REPLACEMENT).join('')}]`, 'g');
/** The same class without the global flag: test() then keeps no position between calls. */
const SPECIAL = new RegExp(SPECIALS.source);

function integerField(value: unknown): string {
  return Number.isSafeInteger(value) ? String(value) : '';
}

function quoted(text: string): string {
  return TEXT_QUOTE + (SPECIAL.test(text) ? text.replace(SPECIALS, (ch) => REPLACEMENT[ch] as string) : text) + TEXT_QUOTE;
}

/** Any JSON value as the CSV writer spells it; NULL when there is none. */
function textField(value: unknown): string {
  if (typeof value === 'string') return quoted(value);
  return value === null || value === undefined ? '' : quoted(textOf(value));
}

/** JSON text as a field, NULL for JSON null (JSON text holds no raw control character: no quote, newline or escape). */
function jsonTextField(json: string | undefined): string {
  return json === undefined || json === 'null' ? '' : TEXT_QUOTE + json + TEXT_QUOTE;
}

/**
 * created_at in the API's own shape (`2026-11-25T14:03:11.123456Z`, at most six fraction digits,
 * hours below 24, no leap second), which the engine casts to the instant exactMicrosOf reads. Other
 * forms go as their µs: the engine refuses a leap second (exactMicrosOf counts 60 into the next
 * minute) and reads some forms differently; which ones is not worth knowing.
 */
const ENGINE_TIME = /^[1-9]\d{3}-\d\d-\d\dT(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,6})?Z$/;

/** An instant's three fields: text the engine reads as exactMicrosOf does, else exactMicrosOf's µs and the text given. */
function instantFields(value: unknown): string {
  if (typeof value === 'string' && ENGINE_TIME.test(value)) return TEXT_QUOTE + value + TEXT_QUOTE + FIELD_SEPARATOR + FIELD_SEPARATOR;
  const micros = exactMicrosOf(value);
  return FIELD_SEPARATOR + (micros === null ? '' : String(micros)) + FIELD_SEPARATOR + (typeof value === 'string' ? quoted(value) : '');
}

const WRITERS = { BIGINT: integerField, TIMESTAMPTZ: instantFields, VARCHAR: textField } as const;

type FieldWriter = (e: Entry, metadataJson: string | undefined) => string;

/**
 * Each Parquet column's field writer, reading the field the CSV writer reads. metadata is kept as
 * compact JSON text: given when the run's metadata was serialised at once, else serialised here.
 */
const FIELD_WRITERS: readonly FieldWriter[] = PARQUET_COLUMNS.map(({ name, type }): FieldWriter => {
  const read = FIELDS[name];
  if (name === 'metadata') return (e, json) => jsonTextField(json ?? JSON.stringify(read(e) ?? null));
  const write = WRITERS[type];
  return (e) => write(read(e));
});

// A run's metadata serialised as one array costs half as much as value by value (V8 pays a set-up per
// call). Each value is wrapped under the key U+0001, whose JSON text `{"\u0001":` cannot occur inside
// a string (a quote there is escaped) and opens only a wrapper, unless an object anywhere inside a
// value has U+0001 as its first key: the count tells, and such a run goes value by value.
const WRAP_KEY = '\u0001';
const WRAPPED = `{"${JSON.stringify(WRAP_KEY).slice(1, -1)}":`;

/** The compact JSON of each entry's metadata ('null' for none), or undefined when the run must go value by value. */
function metadataJson(run: readonly Entry[]): string[] | undefined {
  const text = JSON.stringify(run.map((e) => ({ [WRAP_KEY]: FIELDS.metadata(e) ?? null })));
  const parts = text.split(WRAPPED);
  if (parts.length !== run.length + 1) return undefined;
  // Each part but the first is one value, then `},` (or `}]` for the last).
  const json: string[] = [];
  for (let i = 1; i < parts.length; i++) json.push((parts[i] as string).slice(0, -2));
  return json;
}

/** A UTF-8 byte takes at least a third of a UTF-16 unit: text this short always fits. */
const surelyFits = (text: string) => text.length * 3 <= MAX_LINE_BYTES;

/** Refuses, before the engine sees it, an entry too big for it: the run fails whole, nothing half-written. */
function sized(line: string, e: Entry): string {
  if (surelyFits(line)) return line;
  const bytes = Buffer.byteLength(line, 'utf8');
  if (bytes <= MAX_LINE_BYTES) return line;
  throw new FibeAuditError(
    `entry ${textOf(e.id) || '(no id)'} is too big for a Parquet export (${Math.round(bytes / 1024 / 1024)} MiB; the limit is ${MAX_LINE_BYTES / 1024 / 1024} MiB)`,
    'export this window as NDJSON or CSV (--format ndjson), which take entries of any size',
  );
}

function lineOf(e: Entry, metadata: string | undefined): string {
  let line = (FIELD_WRITERS[0] as FieldWriter)(e, metadata);
  for (let i = 1; i < FIELD_WRITERS.length; i++) line += FIELD_SEPARATOR + (FIELD_WRITERS[i] as FieldWriter)(e, metadata);
  return sized(line, e);
}

/** The line for one entry, without its newline. */
export function parquetLine(e: Entry): string {
  return lineOf(e, undefined);
}

/** The lines for a run of entries, each with its newline. */
export function parquetLines(run: readonly Entry[]): string {
  const metadata = run.length > 1 ? metadataJson(run) : undefined;
  let text = '';
  for (let i = 0; i < run.length; i++) text += `${lineOf(run[i] as Entry, metadata?.[i])}\n`;
  return text;
}
