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
import { finished } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
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

/**
 * A named pipe at `path`, when the platform has them and libuv has a worker to spare: the statement
 * holds one worker for the whole run (reading the pipe), and every write needs another.
 */
async function makePipe(path: string): Promise<boolean> {
  if (process.platform === 'win32' || Number(process.env.UV_THREADPOOL_SIZE ?? 4) < 2) return false;
  try {
    await promisify(execFile)('mkfifo', ['-m', '600', path]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Lines buffered in memory ahead of the engine before a write waits for it: enough for the pauses
 * while it compresses a row group, so the caller keeps fetching meanwhile. The file taking the lines
 * where no pipe can be made buffers as much: with the default 16 KiB every page waited for its write
 * (a 1,000,000-entry export took a second longer).
 */
const BUFFER_BYTES = 32 * 1024 * 1024;

/**
 * The pipe's write end. Opening it waits (on a libuv worker, as every write does, so the event loop
 * never blocks) until the statement opens the read end; a statement that fails before that is
 * answered by opening the read end here, which lets the open return. Writes fail with EPIPE, not a
 * hang, once the engine stops reading.
 */
async function openWriteEnd(path: string, statement: Promise<void>): Promise<{ stream: WriteStream; fd: number }> {
  const opening = open(path, 'w');
  const ended = statement.then(
    () => ({ error: new Error('the engine finished before reading its input') as unknown }),
    (err: unknown) => ({ error: err }),
  );
  const first = await Promise.race([opening.then((handle: FileHandle) => ({ handle })), ended]);
  if ('handle' in first) return { stream: createWriteStream('', { fd: first.handle, highWaterMark: BUFFER_BYTES }), fd: first.handle.fd };
  // The pending open may not have reached the pipe yet: offer a reader until it has returned.
  let settled = false;
  const released = opening.then(
    (handle) => handle.close(),
    () => undefined,
  ).finally(() => {
    settled = true;
  });
  while (!settled) {
    closeSync(openSync(path, constants.O_RDONLY | constants.O_NONBLOCK));
    await Promise.race([released, sleep(10)]);
  }
  throw first.error;
}

/**
 * Starts `sql(path)` on the connection, reading lines from `path`, a pipe (or file) made in `dir`, a
 * private directory of the caller's. The statement must read `path` exactly once, in order (read_csv
 * does). `pipe: false` takes the file even where a pipe can be made.
 */
export async function openLineFeed(connection: DuckDBConnection, sql: (path: string) => string, opts: { dir: string; pipe?: boolean }): Promise<LineFeed> {
  const path = join(opts.dir, `lines-${randomBytes(6).toString('hex')}.tmp`);
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
  /**
   * Leaving the process waits for libuv's workers, and the statement's sits reading the pipe for
   * as long as its write end is open (a second Ctrl-C exits from the middle of a run): close it.
   */
  let onExit: (() => void) | undefined;
  try {
    if (piped) {
      start();
      const end = await openWriteEnd(path, statement.done);
      sink = end.stream;
      onExit = () => {
        connection.interrupt();
        try {
          closeSync(end.fd);
        } catch {
          // already closed
        }
      };
      process.once('exit', onExit);
    } else {
      sink = createWriteStream(path, { mode: 0o600, highWaterMark: BUFFER_BYTES });
    }
  } catch (err) {
    await rm(path, { force: true });
    throw err;
  }
  const releaseExit = () => {
    if (onExit) process.removeListener('exit', onExit);
  };
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
      let ended = false;
      try {
        // A write that failed already destroyed the sink: end() would then never finish.
        if (failure !== undefined || sink.destroyed) throw await reason(failure ?? new Error('the engine stopped reading its input'));
        // The statement must still be reading: one that ended before its input did has not read it all.
        if (piped && statement.settled) throw await reason(new Error('the engine stopped reading its input'));
        try {
          sink.end();
          await finished(sink);
          ended = true;
        } catch (err) {
          throw await reason(err);
        }
        if (!piped) start();
        await statement.done;
      } finally {
        if (!ended) sink.destroy();
        releaseExit();
        await removeFeed();
      }
    },
    async abort() {
      sink.destroy();
      if (piped && !statement.settled) connection.interrupt();
      await statement.done.catch(() => undefined);
      releaseExit();
      await removeFeed();
    },
  };
}
