// What a follower prints: a table whose header comes once and rows are appended, or NDJSON/CSV with
// one record written (and so flushed) per entry, for `jq` or an alert script reading line by line.
import type { Transform } from 'node:stream';
import type { Context } from '../context.js';
import type { Entry } from '../model/entry.js';
import type { EntrySource } from '../source/types.js';
import type { ColumnKey } from '../render/columns.js';
import { createEntryWriter } from '../render/output.js';
import { createEntryTableStream } from '../render/table-stream.js';
import { sanitizeEntry } from '../render/terminal-entry.js';
import type { Zone } from '../time/zone.js';
import { labelKeyActors } from '../command-kit/key-labels.js';
import { assertStdoutOpen, writeText } from '../command-kit/output-stream.js';

export type FollowFormat = 'table' | 'ndjson' | 'csv';

export interface FollowOutput {
  /** Prints these entries in the order given; resolves once each record is handed to stdout. */
  write(entries: Entry[]): Promise<void>;
}

export interface FollowOutputOptions {
  format: FollowFormat;
  columns?: ColumnKey[];
  guard: boolean;
  zone: Zone;
  /** The run's source: its key list (fetched once) labels older-style key entries in the table. */
  source: EntrySource;
}

/** The text a format writer makes of one entry: written, then read back from its buffer at once. */
function encoderFor(writer: Transform): (entry: Entry) => Promise<string> {
  return (entry) =>
    new Promise((resolve, reject) => {
      writer.write(entry, (err) => {
        if (err) return reject(err);
        const out = writer.read() as Buffer | string | null;
        resolve(out === null ? '' : out.toString());
      });
    });
}

/** Rows print unlabelled rather than not at all when the key list cannot be had (an outage). */
async function labelled(entries: Entry[], source: EntrySource): Promise<Entry[]> {
  try {
    return await labelKeyActors(entries, source);
  } catch {
    return entries;
  }
}

export async function openFollowOutput(ctx: Context, opts: FollowOutputOptions): Promise<FollowOutput> {
  const { io } = ctx;
  if (opts.format === 'table') {
    const table = createEntryTableStream({ color: io.color, tty: io.stdoutIsTTY, width: io.columns, zone: opts.zone, now: ctx.now() }, opts.columns);
    return {
      async write(entries) {
        const text = table.write(await labelled(entries, opts.source));
        assertStdoutOpen(io);
        await writeText(io.stdout, text);
      },
    };
  }
  const encode = encoderFor(await createEntryWriter(opts.format, { guard: opts.guard, ...(opts.columns ? { columns: opts.columns } : {}) }));
  // CSV typed at a terminal is escaped like the tables; the JSON writers escape controls themselves.
  const safe = io.stdoutIsTTY && opts.format === 'csv' ? sanitizeEntry : (e: Entry) => e;
  return {
    async write(entries) {
      for (const entry of entries) {
        const text = await encode(safe(entry));
        assertStdoutOpen(io);
        await writeText(io.stdout, text);
      }
    },
  };
}
