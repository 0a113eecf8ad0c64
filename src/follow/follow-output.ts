// What a follower prints: a table whose header comes once and rows are appended, or NDJSON/CSV with
// one record written (and so flushed) per entry, for `jq` or an alert script reading line by line.
import type { Transform } from 'node:stream';
import type { Context } from '../context.js';
import type { Session } from '../api/types.js';
import { listApiKeys } from '../api/keys.js';
import type { ApiKeyRecord, Entry } from '../model/entry.js';
import type { ColumnKey } from '../render/columns.js';
import { createEntryWriter } from '../render/output.js';
import { createEntryTableStream } from '../render/table-stream.js';
import { sanitizeEntry } from '../render/terminal-entry.js';
import type { Zone } from '../time/zone.js';
import { applyKeyLabels, needsKeyLabels } from '../commands/key-labels.js';
import { writeText } from '../commands/output-stream.js';

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
  session: Session;
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

/**
 * The key list is fetched once, the first time a row names a key by id alone, and kept: a follower
 * prints rows for hours and must not spend a request on labels every poll.
 */
function keyLabeller(session: Session): (entries: Entry[]) => Promise<Entry[]> {
  let keys: Promise<ApiKeyRecord[] | null> | undefined;
  return async (entries) => {
    if (!needsKeyLabels(entries)) return entries;
    // A failed fetch (an outage) is tried again with the next rows; a 403 (null) is final.
    keys ??= listApiKeys(session.http).catch(() => {
      keys = undefined;
      return null;
    });
    const list = await keys;
    return list ? applyKeyLabels(entries, list) : entries;
  };
}

/** A reader that went away (`| head`) ends the follower like a closed pipe does: quietly, exit 0. */
function assertOpen(io: Context['io']): void {
  if (io.stdout.destroyed || io.stdout.writableEnded) throw Object.assign(new Error('stdout is closed'), { code: 'EPIPE' });
}

export async function openFollowOutput(ctx: Context, opts: FollowOutputOptions): Promise<FollowOutput> {
  const { io } = ctx;
  if (opts.format === 'table') {
    const table = createEntryTableStream({ color: io.color, tty: io.stdoutIsTTY, width: io.columns, zone: opts.zone, now: ctx.now() }, opts.columns);
    const label = keyLabeller(opts.session);
    return {
      async write(entries) {
        const text = table.write(await label(entries));
        assertOpen(io);
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
        assertOpen(io);
        await writeText(io.stdout, text);
      }
    },
  };
}
