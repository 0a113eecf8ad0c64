// Feeds entries into a format writer and on into a sink, with backpressure and in constant memory.
// A plain loop rather than Readable.from(), taking runs of entries: async hops per entry are what exports feel.
import { once } from 'node:events';
import type { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Entry } from '../model/entry.js';
import type { EntryChunk } from '../render/json.js';

/**
 * Writes `first` and then the rest of `entries` (each one entry or a run of them) through `writer`
 * into `sink`, calling `onEntry` for every entry. The sink is not ended (stdout stays open; an
 * atomic file is committed by its owner).
 */
export async function feedEntries(
  first: IteratorResult<EntryChunk>,
  entries: AsyncIterator<EntryChunk>,
  writer: Transform,
  sink: Writable,
  onEntry: (entry: Entry) => void,
): Promise<void> {
  // A failure downstream (writer or sink) must also end a wait for 'drain'. One abort signal does
  // that without piling a promise reaction onto the pipeline per wait (memory must stay flat).
  const failed = new AbortController();
  let failure: unknown;
  const piped = pipeline(writer, sink, { end: false });
  piped.catch((err: unknown) => {
    failure = err;
    failed.abort(err);
  });
  try {
    for (let r = first; !r.done; r = await entries.next()) {
      const chunk = r.value;
      if (Array.isArray(chunk)) for (const entry of chunk as readonly Entry[]) onEntry(entry);
      else onEntry(chunk as Entry);
      if (!writer.write(chunk)) {
        try {
          await once(writer, 'drain', { signal: failed.signal });
        } catch (err) {
          throw failure ?? err;
        }
      }
    }
  } catch (err) {
    writer.destroy();
    throw err;
  }
  writer.end();
  await piped;
}
