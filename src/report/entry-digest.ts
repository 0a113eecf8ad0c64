// The report's integrity line: SHA-256 of the entries exactly as `export --format ndjson` writes them
// (the same writer, oldest first), so anyone can re-export the scope and compare.
import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Entry } from '../model/entry.js';
import { createNdjsonWriter } from '../render/json.js';

const BATCH = 1000;

function* batches(entries: readonly Entry[]): Generator<readonly Entry[]> {
  for (let i = 0; i < entries.length; i += BATCH) yield entries.slice(i, i + BATCH);
}

/** Hex SHA-256 of the NDJSON text of `entries`, in the order given (oldest first for export's order). */
export async function digestEntries(entries: readonly Entry[]): Promise<string> {
  const hash = createHash('sha256');
  const sink = new Writable({
    write(chunk: Buffer, _enc, callback) {
      hash.update(chunk);
      callback();
    },
  });
  await pipeline(Readable.from(batches(entries), { objectMode: true }), createNdjsonWriter(), sink);
  return hash.digest('hex');
}
