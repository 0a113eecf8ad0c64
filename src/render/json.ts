// JSON and NDJSON of entries: the API object unchanged plus `actor`, with terminal-unsafe characters \u-escaped.
import { Transform, type TransformCallback } from 'node:stream';
import type { Entry } from '../model/entry.js';

/** The API's fields in the API's order, then `actor`; nothing renamed or dropped, times stay UTC ISO. */
export function toJsonRecord(e: Entry): Record<string, unknown> {
  const { actor, ...api } = e;
  return { ...api, actor };
}

// JSON.stringify already escapes C0 and lone surrogates, but leaves DEL, C1, U+2028/2029 and bidi
// controls raw. They only ever occur inside JSON strings, where `\uXXXX` is valid and parses back the same.
const RAW_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function escapeUnsafe(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** One compact JSON text that is safe to show on a terminal. */
export function stringifySafe(value: unknown): string {
  return (JSON.stringify(value) ?? 'null').replace(RAW_UNSAFE, escapeUnsafe);
}

/** Object mode in (Entry), one JSON line per entry out. */
export function createNdjsonWriter(): Transform {
  return new Transform({
    writableObjectMode: true,
    transform(entry: Entry, _enc, callback: TransformCallback) {
      callback(null, `${stringifySafe(toJsonRecord(entry))}\n`);
    },
  });
}

/** Object mode in (Entry), one JSON array out: `[\n` entries joined by `,\n` `\n]\n`; `[]\n` when empty. Streams. */
export function createJsonArrayWriter(): Transform {
  let count = 0;
  return new Transform({
    writableObjectMode: true,
    transform(entry: Entry, _enc, callback: TransformCallback) {
      const lead = count === 0 ? '[\n' : ',\n';
      count++;
      callback(null, lead + stringifySafe(toJsonRecord(entry)));
    },
    flush(callback: TransformCallback) {
      callback(null, count === 0 ? '[]\n' : '\n]\n');
    },
  });
}
