// Writing command output: text with backpressure, and entry streams piped through a format writer.
import { once } from 'node:events';
import { Readable, type Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Entry } from '../model/entry.js';

/** Writes text and waits for the stream to drain when it asks to. */
export async function writeText(stream: Writable, text: string): Promise<void> {
  if (text === '') return;
  if (!stream.write(text)) await once(stream, 'drain');
}

/**
 * Streams entries through a writer (CSV/JSON/NDJSON) into `out` in constant memory. `out` is
 * left open (it is stdout, or a file the caller finishes itself).
 */
export async function pipeEntries(entries: AsyncIterable<Entry>, writer: Transform, out: Writable): Promise<void> {
  await pipeline(Readable.from(entries, { objectMode: true }), writer, out, { end: false });
}
