// JSON and NDJSON of entries: the API object unchanged plus `actor`, with terminal-unsafe characters \u-escaped.
import { Transform, type TransformCallback } from 'node:stream';
import type { Entry } from '../model/entry.js';

/** What the entry writers take in object mode: one entry, or a batch of them (an export writes a page at a time). */
export type EntryChunk = Entry | readonly Entry[];

export function entriesOf(chunk: EntryChunk): readonly Entry[] {
  return Array.isArray(chunk) ? (chunk as readonly Entry[]) : [chunk as Entry];
}

// for...in visits own keys in the order JSON.stringify writes them, then inherited enumerable ones
// (which make this false, as does an unusual prototype: then the copy decides, as it always did).
function actorIsLast(e: object): boolean {
  if (Object.getPrototypeOf(e) !== Object.prototype) return false;
  let last: string | undefined;
  for (const key in e) last = key;
  return last === 'actor';
}

/** The API's fields in the API's order, then `actor`; nothing renamed or dropped, times stay UTC ISO. */
export function toJsonRecord(e: Entry): Record<string, unknown> {
  // withActor already puts `actor` last, and such an entry serialises exactly like its copy would:
  // skipping the copy (two per entry) is a large share of an export's time.
  if (actorIsLast(e)) return e;
  const { actor, ...api } = e;
  return { ...api, actor };
}

// JSON.stringify already escapes C0 and lone surrogates, but leaves DEL, C1, U+2028/2029 and bidi
// controls raw. They only ever occur inside JSON strings, where `\uXXXX` is valid and parses back the same.
const RAW_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeUnsafe(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** False only when the text certainly needs no escape: all ASCII (one UTF-8 byte per unit) and no DEL. */
function mayHoldUnsafe(json: string): boolean {
  return Buffer.byteLength(json, 'utf8') !== json.length || json.includes('\x7f');
}

/** \u-escapes what JSON.stringify left raw; JSON text only, where such characters can only be inside strings. */
export function escapeJsonForTerminal(json: string): string {
  // The regex scan costs several times the cheap test, and almost no text needs it.
  return mayHoldUnsafe(json) ? json.replace(RAW_UNSAFE, escapeUnsafe) : json;
}

/** One compact JSON text that is safe to show on a terminal. */
export function stringifySafe(value: unknown): string {
  return escapeJsonForTerminal(JSON.stringify(value) ?? 'null');
}

/**
 * The UTF-8 bytes of a writer's JSON text, escaped as escapeJsonForTerminal does. The conversion
 * is needed anyway, and its length answers the ASCII test: the usual text is converted only once.
 */
function safeBytes(json: string): Buffer {
  const bytes = Buffer.from(json, 'utf8');
  if (bytes.length === json.length && !bytes.includes(0x7f)) return bytes;
  return Buffer.from(json.replace(RAW_UNSAFE, escapeUnsafe), 'utf8');
}

// A page serialised as one array costs about half as much as entry by entry (V8 pays a set-up per
// call). The array text is cut back into entries at CUT, which is exact only when every entry but the
// first starts with `{"id":` and CUT occurs nowhere else: both are checked, else entry by entry.
const CUT = '},{"id":';

function startsWithId(record: Record<string, unknown>): boolean {
  if ('toJSON' in record) return false;
  for (const key in record) return key === 'id' && (typeof record.id === 'number' || typeof record.id === 'string');
  return false;
}

function occurrences(text: string, part: string): number {
  let count = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length)) count++;
  return count;
}

/** The entries' JSON texts (as JSON and NDJSON write them, before the terminal escapes) joined by `joiner` (which must not hold CUT). */
export function joinedJson(entries: readonly Entry[], joiner: string): string {
  const records = entries.map(toJsonRecord);
  if (records.length > 1 && records.every(startsWithId)) {
    const text = JSON.stringify(records);
    if (occurrences(text, CUT) === records.length - 1) return text.slice(1, -1).replaceAll(CUT, `}${joiner}{"id":`);
  }
  return records.map((r) => JSON.stringify(r) ?? 'null').join(joiner);
}

/** Object mode in (EntryChunk), one JSON line per entry out. */
export function createNdjsonWriter(): Transform {
  return new Transform({
    writableObjectMode: true,
    transform(chunk: EntryChunk, _enc, callback: TransformCallback) {
      const entries = entriesOf(chunk);
      if (entries.length === 0) callback();
      else callback(null, safeBytes(`${joinedJson(entries, '\n')}\n`));
    },
  });
}

/** Object mode in (EntryChunk), one JSON array out: `[\n` entries joined by `,\n` `\n]\n`; `[]\n` when empty. Streams. */
export function createJsonArrayWriter(): Transform {
  let count = 0;
  return new Transform({
    writableObjectMode: true,
    transform(chunk: EntryChunk, _enc, callback: TransformCallback) {
      const entries = entriesOf(chunk);
      if (entries.length === 0) return callback();
      const lead = count === 0 ? '[\n' : ',\n';
      count += entries.length;
      callback(null, safeBytes(lead + joinedJson(entries, ',\n')));
    },
    flush(callback: TransformCallback) {
      callback(null, count === 0 ? '[]\n' : '\n]\n');
    },
  });
}
