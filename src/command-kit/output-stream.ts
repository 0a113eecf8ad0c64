// Writing command output: text with backpressure, and entry streams piped through a format writer.
import { once } from 'node:events';
import { Readable, type Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Entry } from '../model/entry.js';
import type { IO } from '../io.js';
import { sanitizeRecords } from '../text/sanitize.js';
import { sanitizeEntries } from '../render/terminal-entry.js';

/** Writes text and waits for the stream to drain when it asks to (or to close: a reader that left). */
export async function writeText(stream: Writable, text: string): Promise<void> {
  if (text === '') return;
  if (stream.write(text)) return;
  const settled = new AbortController();
  try {
    await Promise.race([once(stream, 'drain', { signal: settled.signal }), once(stream, 'close', { signal: settled.signal })]);
  } finally {
    settled.abort();
  }
}

/** A reader that went away (`| head`) ends a listing like a closed pipe does: quietly, exit 0. */
export function assertStdoutOpen(io: IO): void {
  if (io.stdout.destroyed || io.stdout.writableEnded) throw Object.assign(new Error('stdout is closed'), { code: 'EPIPE' });
}

/** Machine-format text (CSV, JSON) to stdout: escaped like the tables when stdout is a terminal. */
export function writeData(io: IO, text: string): Promise<void> {
  return writeText(io.stdout, io.stdoutIsTTY ? sanitizeRecords(text) : text);
}

/**
 * Streams entries through a writer (CSV/JSON/NDJSON) to stdout in constant memory; stdout is left
 * open. CSV on a terminal gets its values escaped first (JSON writers escape controls themselves).
 */
export async function pipeEntries(entries: AsyncIterable<Entry>, writer: Transform, io: IO, format: 'csv' | 'json' | 'ndjson'): Promise<void> {
  const safe = io.stdoutIsTTY && format === 'csv' ? sanitizeEntries(entries) : entries;
  await pipeline(Readable.from(safe, { objectMode: true }), writer, io.stdout, { end: false });
}
