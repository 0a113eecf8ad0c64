// Lines handed to one engine statement while it runs: the statement reads a named pipe, so the
// engine parses and writes on its own threads while the caller is still fetching, and nothing waits
// for a whole file at the end. Writes go through libuv's workers, as a file's do: the caller's
// thread only hands them over. Where no pipe can be made, the lines go to a file first and the
// statement runs on it once they are all written.
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, constants, createWriteStream, openSync, type WriteStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { promisify } from 'node:util';
import type { DuckDBConnection } from '@duckdb/node-api';

export interface LineFeed {
  /** Whole lines (each ending in a newline); resolves when the feed can take more. */
  write(text: string): Promise<void>;
  /** Ends the lines and waits for the statement to finish. */
  finish(): Promise<void>;
  /** Stops the statement (whatever it wrote is the caller's to discard) and removes the feed. */
  abort(): Promise<void>;
}

async function makePipe(path: string): Promise<boolean> {
  try {
    await promisify(execFile)('mkfifo', ['-m', '600', path]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Lines buffered in memory ahead of the engine before a write waits for it: enough for the pauses
 * while it compresses a row group, so the caller keeps fetching meanwhile.
 */
const BUFFER_BYTES = 32 * 1024 * 1024;

/**
 * The pipe's write end. Opening it waits (on a libuv worker, as every write does, so the event loop
 * never blocks) until the statement opens the read end; a statement that fails before that is
 * answered by opening the read end here, which lets the open return. Writes fail with EPIPE, not a
 * hang, once the engine stops reading.
 */
async function openWriteEnd(path: string, statement: Promise<void>): Promise<WriteStream> {
  const opening = open(path, 'w');
  const ended = statement.then(
    () => ({ error: new Error('the engine finished before reading its input') as unknown }),
    (err: unknown) => ({ error: err }),
  );
  const first = await Promise.race([opening.then((handle: FileHandle) => ({ handle })), ended]);
  if ('handle' in first) return createWriteStream('', { fd: first.handle, highWaterMark: BUFFER_BYTES });
  closeSync(openSync(path, constants.O_RDONLY | constants.O_NONBLOCK));
  await (await opening.catch(() => undefined))?.close();
  throw first.error;
}

/**
 * Starts `sql(path)` on the connection, reading lines from `path`, a pipe (or file) made in `dir`, a
 * private directory of the caller's. The statement must read `path` exactly once, in order (read_csv
 * does). `pipe: false` takes the file even where a pipe can be made.
 */
export async function openLineFeed(connection: DuckDBConnection, sql: (path: string) => string, opts: { dir: string; pipe?: boolean }): Promise<LineFeed> {
  const path = join(opts.dir, `lines-${randomBytes(6).toString('hex')}.ndjson`);
  const piped = opts.pipe !== false && (await makePipe(path));
  const statement = { settled: false, error: undefined as unknown, done: Promise.resolve() };
  const start = () => {
    statement.done = connection.run(sql(path)).then(
      () => {
        statement.settled = true;
      },
      (err: unknown) => {
        statement.settled = true;
        statement.error = err;
        throw err;
      },
    );
    statement.done.catch(() => undefined);
  };
  let sink: Writable;
  try {
    if (piped) {
      start();
      sink = await openWriteEnd(path, statement.done);
    } else {
      sink = createWriteStream(path, { mode: 0o600 });
    }
  } catch (err) {
    await rm(path, { force: true });
    throw err;
  }
  let failure: unknown;
  sink.on('error', (err: unknown) => {
    failure ??= err;
  });
  /**
   * What went wrong, the engine's own error first: a pipe write fails (EPIPE) because the engine
   * stopped reading, and the statement, which then ends at once, says why.
   */
  const reason = async (err: unknown) => {
    if (piped) await statement.done.catch(() => undefined);
    return statement.error ?? failure ?? err;
  };
  // With a pipe, the statement ending before the lines do is a failure (it stopped reading).
  const stopped = () =>
    piped ? statement.done.then(() => Promise.reject(new Error('the engine stopped reading its input'))) : new Promise<never>(() => undefined);
  const removeFeed = () => rm(path, { force: true });
  return {
    async write(text) {
      if (failure !== undefined || statement.error !== undefined) throw await reason(failure);
      if (sink.write(text)) return;
      try {
        await Promise.race([once(sink, 'drain'), stopped()]);
      } catch (err) {
        throw await reason(err);
      }
    },
    async finish() {
      try {
        try {
          sink.end();
          await once(sink, 'finish');
        } catch (err) {
          throw await reason(err);
        }
        if (!piped) start();
        await statement.done;
      } finally {
        await removeFeed();
      }
    },
    async abort() {
      sink.destroy();
      if (piped && !statement.settled) connection.interrupt();
      await statement.done.catch(() => undefined);
      await removeFeed();
    },
  };
}
