// One entry as the line the Parquet engine reads (mirror/parquet-lines.ts holds the other side of
// this contract). Most entries go as their own JSON, the text an NDJSON export writes, and the
// engine types the columns itself; an entry whose JSON the engine would read differently from
// toTypedRow goes as its typed row instead, under the one key `fibe_row`.
import { FibeAuditError } from '../errors.js';
import { MAX_LINE_BYTES } from '../mirror/parquet-lines.js';
import type { Entry } from '../model/entry.js';
import { FIELDS, textOf } from '../render/columns.js';
import { joinedJson } from '../render/json.js';
import { PARQUET_COLUMNS, toTypedRow } from './parquet-row.js';

const intish = (v: unknown) => v === null || v === undefined || Number.isSafeInteger(v);
const textish = (v: unknown) => v === null || v === undefined || typeof v === 'string';

/**
 * created_at the engine casts to the instant microsOf reads: whole UTC text, six fraction digits at
 * most, hours below 24 and no leap second (microsOf counts 60 into the next minute, the engine refuses it).
 */
const ENGINE_TIME = /^[1-9]\d{3}-\d\d-\d\dT(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,6})?Z$/;

const MAX_DEPTH = 64;

/**
 * True when the engine writes this value back as JSON.stringify wrote it: every number a safe integer
 * (fractions and exponents are spelled differently), nesting within MAX_DEPTH. Strings are checked on
 * the whole line (no `\u` escape there).
 */
function integersOnly(value: unknown, depth: number): boolean {
  if (typeof value === 'number') return Number.isSafeInteger(value);
  if (typeof value !== 'object' || value === null) return true;
  if (depth >= MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (const v of value) if (!integersOnly(v, depth + 1)) return false;
    return true;
  }
  for (const key in value) if (!integersOnly((value as Record<string, unknown>)[key], depth + 1)) return false;
  return true;
}

/** The fields the engine reads from an entry's own JSON hold what toTypedRow would make of them. */
function engineReadable(e: Entry): boolean {
  if (typeof e !== 'object' || e === null || Array.isArray(e) || e.fibe_row !== undefined) return false;
  const actor = e.actor as Entry['actor'] | undefined;
  return (
    intish(e.id) &&
    intish(e.resource_id) &&
    textish(e.action) &&
    textish(e.actor_type) &&
    textish(e.channel) &&
    textish(e.resource_type) &&
    typeof e.created_at === 'string' &&
    ENGINE_TIME.test(e.created_at) &&
    actor !== undefined &&
    typeof actor.kind === 'string' &&
    intish(actor.id) &&
    textish(actor.label) &&
    textish(FIELDS.resource_name(e)) &&
    integersOnly(e.metadata, 0)
  );
}

function typedLine(e: Entry): string {
  const row = toTypedRow(e);
  const typed: Record<string, unknown> = {};
  PARQUET_COLUMNS.forEach(({ name }, i) => {
    typed[name] = row.values[i];
  });
  typed.fibe_partition = row.partition;
  typed.fibe_created_text = row.createdText;
  return JSON.stringify({ fibe_row: typed });
}

/**
 * JSON.stringify escapes with `\u` only control characters (which the engine's writer spells in
 * capitals) and lone surrogates (which its reader refuses): JSON text holding either, or a backslash-u
 * of the entry's own text, is not for the engine.
 */
const engineSafe = (json: string) => !json.includes('\\u');

/** A UTF-8 byte takes at least a third of a UTF-16 unit: text this short always fits. */
const surelyFits = (text: string) => text.length * 3 <= MAX_LINE_BYTES;

/** Refuses, before the engine sees it, an entry too big for it: the run fails whole, nothing half-written. */
function sized(line: string, e: Entry): string {
  if (surelyFits(line)) return line;
  const bytes = Buffer.byteLength(line, 'utf8');
  if (bytes <= MAX_LINE_BYTES) return line;
  throw new FibeAuditError(
    `entry ${textOf(e.id) || '(no id)'} is too big for a Parquet export (${Math.round(bytes / 1024 / 1024)} MiB of JSON; the limit is ${MAX_LINE_BYTES / 1024 / 1024} MiB)`,
    'export this window as NDJSON or CSV (--format ndjson), which take entries of any size',
  );
}

/** The line for one entry whose readability is already known, without its newline. */
function lineOf(e: Entry, readable: boolean): string {
  if (readable) {
    const json = JSON.stringify(e);
    if (engineSafe(json)) return sized(json, e);
  }
  return sized(typedLine(e), e);
}

/** The line for one entry, without its newline. */
export function parquetLine(e: Entry): string {
  return lineOf(e, engineReadable(e));
}

/**
 * The lines for a run of entries, each with its newline. A run the engine can read whole is written
 * as the NDJSON export writes it (one serialisation for the run), else entry by entry.
 */
export function parquetLines(run: readonly Entry[]): string {
  const readable = run.map(engineReadable);
  if (readable.every(Boolean)) {
    const text = joinedJson(run, '\n');
    // A long run may hold one entry too big: entry by entry then tells which.
    if (engineSafe(text) && surelyFits(text)) return `${text}\n`;
  }
  let text = '';
  run.forEach((entry, i) => {
    text += `${lineOf(entry, readable[i] as boolean)}\n`;
  });
  return text;
}
