// query --follow, loaded only when it runs: check the flags that cannot go with a live tail, lock
// and read the checkpoint, open the session and the output, then hand over to the follow loop.
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import type { Context } from '../context.js';
import { globalsOf } from '../command-kit/globals.js';
import { InterruptedError, UsageError } from '../errors.js';
import type { Filters } from '../model/filter.js';
import { openSource } from '../source/open.js';
import { noteResolvedActors } from '../command-kit/actor-resolution.js';
import { parseColumns, type ColumnKey } from '../render/columns.js';
import type { QueryOptionValues } from '../command-kit/query-options.js';
import { parseDuration } from '../time/duration.js';
import { assertTargetFree } from '../export/writer.js';
import { fingerprintOf, normalizeFilters } from '../export/fingerprint.js';
import { acquireFileLock, type FileLock } from '../lock/file-lock.js';
import { FollowCheckpoint } from '../follow/follow-checkpoint.js';
import { openFollowOutput, type FollowFormat } from '../follow/follow-output.js';
import { runFollower } from '../follow/follower.js';
import { createFollowVoice } from '../follow/status-line.js';
import { readFilters } from '../command-kit/filter-options.js';

const MIN_INTERVAL_MS = 5_000;
const DEFAULT_INTERVAL = '15s';
const DEFAULT_LIMIT = 10;

type FollowOpts = QueryOptionValues & {
  until?: string;
  interval?: string;
  checkpoint?: string;
  resetCheckpoint?: boolean;
};

function readInterval(text: string | undefined): number {
  const ms = parseDuration(text ?? DEFAULT_INTERVAL);
  if (ms === undefined) throw new UsageError(`--interval: cannot read '${text}'`, 'use a duration such as 15s, 1m or 2m30s');
  if (ms < MIN_INTERVAL_MS) throw new UsageError(`--interval: ${text} is too short; at least 5s`, 'the API is rate-limited: a follower checks every 15s by default');
  return ms;
}

/** Every flag that cannot go with a live tail is refused before anything else happens. */
function checkFlags(opts: FollowOpts, command: CommandUnknownOpts): { format: FollowFormat; columns?: ColumnKey[]; intervalMs: number } {
  if (opts.output === 'json') {
    throw new UsageError('-o json cannot go with --follow: a JSON array only ends when the run does', 'use -o ndjson (one JSON object per line) or -o csv');
  }
  if (opts.file !== undefined) throw new UsageError('--follow reads the API; it cannot follow an export (--file)');
  if (opts.until !== undefined) throw new UsageError('--until cannot go with --follow: a follower has no end', 'use --since for the opening window');
  if (opts.order === 'desc' && command.getOptionValueSource('order') === 'cli') {
    throw new UsageError('--follow prints oldest first; --order desc cannot go with it');
  }
  if (opts.all && command.getOptionValueSource('limit') === 'cli') throw new UsageError('--all and --limit cannot be combined', 'use one of them');
  if (opts.resetCheckpoint && opts.checkpoint === undefined) throw new UsageError('--reset-checkpoint needs --checkpoint <file>');
  const columns = opts.columns !== undefined ? parseColumns(opts.columns) : undefined;
  if (columns && opts.output === 'ndjson') throw new UsageError('--columns applies to table and csv output, not ndjson');
  return { format: opts.output, ...(columns ? { columns } : {}), intervalMs: readInterval(opts.interval) };
}

async function openCheckpoint(ctx: Context, path: string, filters: Filters, reset: boolean, maxWaitMs: number, quiet: boolean) {
  if (filters.actors.some((ref) => ref.by === 'token')) {
    throw new UsageError('--actor: a raw key cannot go with --checkpoint', "find its id with 'fibe-audit actor key:<raw key>', then use key:<id>");
  }
  await assertTargetFree(path, true, '--checkpoint');
  // SPEC: a checkpoint is locked for the whole run, by export and query --follow alike.
  const lock: FileLock = await acquireFileLock({ now: () => ctx.now(), sleep: (ms, s) => ctx.sleep(ms, s), signal: ctx.signal }, path, {
    maxWaitMs,
    what: `the checkpoint '${path}'`,
    purpose: 'query --follow',
    onWait: (holder) => {
      if (!quiet) ctx.io.stderr.write(`the checkpoint is in use by ${holder}; waiting up to --max-wait\n`);
    },
  });
  try {
    const description = normalizeFilters(filters);
    const checkpoint = await FollowCheckpoint.open({ path, fingerprint: fingerprintOf(description), filters: description }, reset);
    return { lock, checkpoint };
  } catch (err) {
    await lock.release();
    throw err;
  }
}

/** Ctrl-C is how a follow is meant to end (SPEC): exit 130 without an `error:` line. */
export async function runFollow(ctx: Context, command: CommandUnknownOpts): Promise<void> {
  try {
    await follow(ctx, command);
  } catch (err) {
    if (ctx.signal.aborted) throw new InterruptedError('interrupted', { quiet: true });
    throw err;
  }
}

async function follow(ctx: Context, command: CommandUnknownOpts): Promise<void> {
  const globals = globalsOf(command, ctx);
  const opts = command.opts() as FollowOpts;
  const { format, columns, intervalMs } = checkFlags(opts, command);
  // A mirror holds the past; new entries only come from the API. --source mirror promises no network.
  if (globals.source === 'mirror') {
    throw new UsageError('--follow reads new entries from the API: it cannot go with --source mirror', 'drop --source mirror (without --follow, query answers from the mirror)');
  }
  const filters = readFilters(opts, { now: ctx.now(), zone: globals.tz, defaultSince: '7d' });
  const limit = opts.all ? null : command.getOptionValueSource('limit') === 'cli' ? opts.limit : DEFAULT_LIMIT;
  const held = opts.checkpoint !== undefined
    ? await openCheckpoint(ctx, opts.checkpoint, filters, Boolean(opts.resetCheckpoint), globals.maxWaitMs, globals.quiet)
    : null;
  const voice = createFollowVoice(ctx.io, globals.quiet, [ctx.env.FIBE_API_KEY]);
  try {
    // One source for the whole run: its key list (label references, table labels) is fetched once.
    const source = await openSource(ctx, globals, { api: true });
    try {
      await noteResolvedActors(ctx, globals, filters, source);
      const session = source.session as NonNullable<typeof source.session>;
      const output = await openFollowOutput(ctx, { format, ...(columns ? { columns } : {}), guard: opts.csvGuard, zone: globals.tz, source });
      await runFollower(
        { ctx, session, source, filters, voice, print: (entries) => output.write(entries) },
        { sinceMs: filters.window.start?.getTime() ?? Number.NEGATIVE_INFINITY, limit, intervalMs, zone: globals.tz, checkpoint: held?.checkpoint ?? null },
      );
    } finally {
      await source.close();
    }
  } finally {
    voice.clear();
    await held?.lock.release();
  }
}
