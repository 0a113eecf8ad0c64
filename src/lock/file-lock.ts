// An exclusive lock on a path for one run: `<path>.lock` created with O_EXCL holds pid, host and start
// time; a second taker polls until the holder is gone or its deadline passes (TempError, exit 75).
import { randomBytes } from 'node:crypto';
import { unlinkSync, readFileSync } from 'node:fs';
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { FibeAuditError, TempError } from '../errors.js';
import { describeHolder, encodeHolder, isProcessAlive, isStale, parseHolder, type LockHolder } from './lock-holder.js';

/** The Context's clock, sleep and abort signal: tests pass fake ones, so waiting costs no time. */
export interface LockClock {
  now(): Date;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  signal?: AbortSignal;
}

export interface LockOptions {
  /** Longest total wait for the holder (the run's --max-wait). */
  maxWaitMs: number;
  /** What the lock guards, for messages ("the checkpoint", "the mirror"). */
  what: string;
  purpose?: string;
  pollMs?: number;
  /** Called once when the lock is busy and the wait begins (a notice for the user). */
  onWait?(holder: string): void;
  /** Liveness check, replaceable in tests. */
  isAlive?(pid: number): boolean;
}

export interface FileLock {
  readonly lockPath: string;
  /** Removes the lock file if it is still ours; harmless when called twice. */
  release(): Promise<void>;
}

const DEFAULT_POLL_MS = 250;
/** A lock file nobody managed to write a record into for this long was left by a crash mid-create. */
const UNWRITTEN_GRACE_MS = 5_000;
const codeOf = (err: unknown) => (err as { code?: string } | null)?.code;

export const lockPathFor = (path: string) => `${path}.lock`;

/**
 * Tokens of the locks this process holds. A lock file naming this pid with a token not held here
 * was left behind by this process (its release could not remove it): stale, like a dead pid's.
 */
const heldHere = new Set<string>();

function isStaleHolder(holder: LockHolder, isAlive: (pid: number) => boolean): boolean {
  if (holder.pid === process.pid && holder.hostname === hostname()) return !heldHere.has(holder.token);
  return isStale(holder, isAlive);
}

/** Creates the file only if absent (O_EXCL); false when someone else has it. */
async function tryCreate(lockPath: string, holder: LockHolder, what: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(lockPath, 'wx', 0o600);
  } catch (err) {
    if (codeOf(err) === 'EEXIST') return false;
    throw new FibeAuditError(`cannot lock ${what}: '${lockPath}' (${codeOf(err) ?? (err as Error).message})`);
  }
  try {
    await handle.writeFile(encodeHolder(holder));
  } finally {
    await handle.close();
  }
  return true;
}

async function readHolder(lockPath: string): Promise<{ holder: LockHolder | null; gone: boolean; ageMs: number }> {
  try {
    const [text, info] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
    // File times are wall-clock, so they are compared with the wall clock, not the Context's.
    return { holder: parseHolder(text), gone: false, ageMs: Date.now() - info.mtimeMs };
  } catch (err) {
    if (codeOf(err) === 'ENOENT') return { holder: null, gone: true, ageMs: 0 };
    throw err;
  }
}

/**
 * Removes a stale lock file. Breakers are serialised by `<lock>.break` (itself O_EXCL), and the lock
 * is re-read inside: two waiters that both saw the dead holder cannot remove each other's new lock.
 */
async function breakStaleLock(lockPath: string, staleToken: string | null, me: LockHolder, isAlive: (pid: number) => boolean): Promise<void> {
  const breakPath = `${lockPath}.break`;
  if (!(await tryCreate(breakPath, me, 'the lock'))) {
    const other = await readHolder(breakPath);
    // A breaker that died mid-break: rare enough that removing its file directly is fine.
    if (other.holder && isStaleHolder(other.holder, isAlive)) await unlink(breakPath).catch(() => undefined);
    return;
  }
  try {
    const now = await readHolder(lockPath);
    if (!now.gone && (now.holder?.token ?? null) === staleToken) await unlink(lockPath).catch(() => undefined);
  } finally {
    await unlink(breakPath).catch(() => undefined);
  }
}

function releaseOnExit(lockPath: string, token: string): () => void {
  // Last resort for a process that exits without running its finally blocks (process.exit on a
  // second Ctrl-C): a synchronous removal, only if the file is still ours.
  const onExit = () => {
    try {
      if (parseHolder(readFileSync(lockPath, 'utf8'))?.token === token) unlinkSync(lockPath);
    } catch {
      // nothing to release
    }
  };
  process.once('exit', onExit);
  return () => process.removeListener('exit', onExit);
}

/** Takes the lock on `path`, waiting up to opts.maxWaitMs; release it in a finally. */
export async function acquireFileLock(clock: LockClock, path: string, opts: LockOptions): Promise<FileLock> {
  const lockPath = lockPathFor(path);
  const isAlive = opts.isAlive ?? isProcessAlive;
  const startMs = clock.now().getTime();
  const me: LockHolder = {
    pid: process.pid,
    hostname: hostname(),
    started_at: new Date(startMs).toISOString(),
    ...(opts.purpose ? { purpose: opts.purpose } : {}),
    token: randomBytes(8).toString('hex'),
  };
  const pollMs = opts.pollMs ?? DEFAULT_POLL_MS;
  let slept = 0;
  let told = false;
  for (;;) {
    heldHere.add(me.token);
    if (await tryCreate(lockPath, me, opts.what)) break;
    heldHere.delete(me.token);
    const seen = await readHolder(lockPath);
    if (seen.gone) continue;
    const stale = seen.holder ? isStaleHolder(seen.holder, isAlive) : seen.ageMs > UNWRITTEN_GRACE_MS;
    if (stale) {
      await breakStaleLock(lockPath, seen.holder?.token ?? null, me, isAlive);
      continue;
    }
    // Both clocks count: the Context's (real runs) and the sleeps taken (tests with a fixed clock).
    const waited = Math.max(clock.now().getTime() - startMs, slept);
    if (waited >= opts.maxWaitMs) {
      throw new TempError(
        `${opts.what} is locked by ${describeHolder(seen.holder)}; gave up after waiting ${Math.round(waited / 1000)} s`,
        {},
        `another fibe-audit run is using it (lock file '${lockPath}'); try again later, or raise --max-wait`,
      );
    }
    if (!told) {
      told = true;
      opts.onWait?.(describeHolder(seen.holder));
    }
    const step = Math.min(pollMs, opts.maxWaitMs - waited);
    await clock.sleep(step, clock.signal);
    slept += step;
  }
  const forget = releaseOnExit(lockPath, me.token);
  let released = false;
  return {
    lockPath,
    async release() {
      if (released) return;
      released = true;
      forget();
      const seen = await readHolder(lockPath).catch(() => null);
      if (seen?.holder?.token === me.token) await unlink(lockPath).catch(() => undefined);
      // Only now: while the file is still ours, a waiter here must not take it for a leftover.
      heldHere.delete(me.token);
    },
  };
}

/** Runs fn holding the lock; the lock is released on every way out (return, throw, abort). */
export async function withFileLock<T>(clock: LockClock, path: string, opts: LockOptions, fn: () => Promise<T>): Promise<T> {
  const lock = await acquireFileLock(clock, path, opts);
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}
