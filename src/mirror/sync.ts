// fibe-audit sync: copies the audit log into the account's mirror, oldest first, in batches each
// committed with the sync state; resumes from what was committed. One writer at a time (src/lock).
import type { Context } from '../context.js';
import type { GlobalOptions } from '../global-options.js';
import type { Session } from '../api/types.js';
import { walkBatches } from '../api/audit.js';
import { listApiKeys } from '../api/keys.js';
import { acquireFileLock } from '../lock/file-lock.js';
import { startProgress } from '../export/progress.js';
import { commitBatch, commitCompletion } from './batch-writer.js';
import { toEntryRow, type EntryRow } from './entry-row.js';
import { withMirror } from './mirror-file.js';
import { resolveSyncTarget } from './sync-target.js';
import { planSync } from './sync-plan.js';
import { mirrorBytes } from './status.js';
import { countHeldBetween, readHoldings, readSyncState, type Holdings, type SyncState } from './sync-state.js';

export interface SyncOptions {
  since: Date | null;
  overlapMs: number;
  concurrency: number;
  /** --mirror: this file instead of the account's mirror in the data directory. */
  mirrorPath?: string;
  /** Show a spinner on a terminal (sync itself; a top-up stays quiet). */
  progress: boolean;
  /** How long to wait for another sync's lock (default --max-wait; a top-up does not wait). */
  lockWaitMs?: number;
}

export interface SyncResult {
  /** The mirror's state as this sync left it. */
  state: SyncState;
  added: number;
  total: number;
  requests: number;
  elapsedMs: number;
  coveredSince: Date | null;
  coveredUntil: Date | null;
  oldest: Date | null;
  newest: Date | null;
  path: string;
  bytes: number;
}

/**
 * Entries per transaction (one engine row group, so a commit never rewrites a half-filled one), and
 * the longest a fetched entry waits for its commit (also what a kill can lose of the work done).
 */
const BATCH_ROWS = 122_880;
const BATCH_MS = 2_000;
const KEYS_MAX_AGE_MS = 60 * 60 * 1000;

export async function runSync(ctx: Context, globals: GlobalOptions, session: Session, opts: SyncOptions): Promise<SyncResult> {
  const started = ctx.now().getTime();
  const requestsBefore = session.http.requestCount;
  const target = await resolveSyncTarget(ctx, session, opts.mirrorPath);
  const lock = await acquireFileLock(ctx, target.path, {
    maxWaitMs: opts.lockWaitMs ?? globals.maxWaitMs,
    what: `the mirror '${target.path}'`,
    purpose: 'sync',
    onWait: (holder) => {
      if (!globals.quiet) ctx.io.stderr.write(`waiting for ${holder} to finish syncing the mirror (up to --max-wait)\n`);
    },
  });
  try {
    const end = ctx.now();
    const { state, plan } = await withMirror(target.path, 'write', ctx, async (s) => {
      await target.claim(s);
      const state = await readSyncState(s.connection);
      const plan = planSync(state, await readHoldings(s.connection), opts.since, opts.overlapMs, end);
      for (const walk of plan.walks) if (state !== null && walk.start !== null) walk.held = await countHeldBetween(s.duckdb, s.connection, walk.start, walk.end);
      return { state, plan };
    });
    const progress = await startProgress(ctx, { quiet: globals.quiet || !opts.progress, target: target.path, prefix: 'syncing the mirror' });
    let added = 0;
    let done: SyncState;
    let held: Holdings;
    try {
      added = await copyWalks(ctx, session, plan.walks, plan.during, opts.concurrency, target.path, (p) => progress.update(p));
      const keysDue = state?.keysSnapshotAt == null || end.getTime() - state.keysSnapshotAt.getTime() >= KEYS_MAX_AGE_MS;
      const keys = keysDue ? await listApiKeys(session.http) : null;
      done = { ...plan.done, lastSyncAt: ctx.now(), keysSnapshotAt: keys !== null ? end : (state?.keysSnapshotAt ?? null) };
      const completed = done;
      held = await withMirror(target.path, 'write', ctx, async (s) => {
        await commitCompletion(s.duckdb, s.connection, completed, keys);
        return readHoldings(s.connection);
      });
    } finally {
      progress.stop();
    }
    return {
      state: done,
      added,
      total: held.entries,
      requests: session.http.requestCount - requestsBefore,
      elapsedMs: ctx.now().getTime() - started,
      coveredSince: done.coveredFromStart ? null : done.coveredSince,
      coveredUntil: done.coveredUntil,
      oldest: held.oldest,
      newest: held.newestUs === null ? null : new Date(Math.floor(held.newestUs / 1000)),
      path: target.path,
      bytes: await mirrorBytes(target.path),
    };
  } finally {
    await lock.release();
  }
}

/**
 * Walks oldest first and commits every BATCH_ROWS entries or BATCH_MS: the next batch is fetched
 * while the last one is written. Batches commit in walk order, so everything before the newest
 * committed entry is held; on any failure what was fetched is committed before the error goes on.
 */
async function copyWalks(
  ctx: Context, session: Session, walks: ReturnType<typeof planSync>['walks'], during: SyncState, concurrency: number, path: string,
  onProgress: (p: { fetched: number; total: number | null; requests: number }) => void,
): Promise<number> {
  let added = 0;
  let buffer: EntryRow[] = [];
  let writing: Promise<void> = Promise.resolve();
  let writeFailed = false;
  let lastCommit = ctx.now().getTime();
  const flush = async () => {
    await writing;
    if (buffer.length === 0) return;
    const rows = buffer;
    buffer = [];
    lastCommit = ctx.now().getTime();
    writing = withMirror(path, 'write', ctx, (s) => commitBatch(s.duckdb, s.connection, rows, during)).then(
      (n) => void (added += n),
      (err: unknown) => {
        writeFailed = true;
        throw err;
      },
    );
    writing.catch(() => undefined);
  };
  let fetchedBefore = 0;
  try {
    for (const walk of walks) {
      let fetched = 0;
      let total: number | null = null;
      const pages = walkBatches(session.http, {}, {
        start: walk.start, end: walk.end, order: 'asc', concurrency, signal: ctx.signal,
        onProgress: (p) => {
          fetched = p.fetched;
          total = p.total;
          onProgress({ ...p, fetched: fetchedBefore + p.fetched });
        },
      });
      let first = true;
      for await (const page of pages) {
        // The API counts what the window holds and entries are never removed: the same count as the
        // mirror's means nothing arrived, late or new, and one request was enough.
        if (first && walk.held !== undefined && total === walk.held) break;
        first = false;
        for (const entry of page) buffer.push(toEntryRow(entry));
        if (buffer.length >= BATCH_ROWS || ctx.now().getTime() - lastCommit >= BATCH_MS) await flush();
      }
      fetchedBefore += fetched;
    }
    await flush();
    await writing;
  } catch (err) {
    if (!writeFailed) {
      // Ctrl-C, exit 75, a network failure: keep every entry already fetched, then report the error.
      await flush().catch(() => undefined);
      await writing.catch(() => undefined);
    }
    throw err;
  }
  return added;
}
