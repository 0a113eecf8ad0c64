// The export job: resolve target and checkpoint, walk the window oldest first, stream through the
// format writer into an atomic file, then manifest and checkpoint, in that order.
import { mkdir, unlink } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { Context } from '../context.js';
import type { GlobalOptions } from '../global-options.js';
import { InterruptedError } from '../errors.js';
import { formatDuration } from '../time/duration.js';
import { withFileLock } from '../lock/file-lock.js';
import type { Entry } from '../model/entry.js';
import type { Filters } from '../model/filter.js';
import { createEntryWriter } from '../render/output.js';
import { sanitizeLine } from '../text/sanitize.js';
import { nextCheckpoint, resumeStart, writeCheckpoint, type Checkpoint } from './checkpoint.js';
import { markOf, trimToOverlap } from './overlap-mark.js';
import type { ParquetStage } from '../mirror/parquet-stage.js';
import { exportEntries } from './entry-stream.js';
import { openSource } from '../source/open.js';
import { answeredWindow } from '../source/reach.js';
import { planExport, type ExportOptions, type ExportPlan } from './export-plan.js';
import { feedEntries } from './feed.js';
import { copyStageTo, discardEntryStream, openEntryStage, stageEntries, startEntryStream, streamEntries, tallyOfStage, type PendingStream } from './parquet-feed.js';
import { discardLakeFiles, writeLakeFiles } from './lake-files.js';
import { writeLakeManifest } from './lake-manifest.js';
import { commitLake } from './lake-commit.js';
import type { ExportFormat } from './path-template.js';
import { buildManifest, manifestPathFor, writeManifest } from './manifest.js';
import { formatSummary, startProgress, type WalkProgress } from './progress.js';
import { createTally, recordEntry, type ExportTally } from './tally.js';
import { explainWriteFailure } from './write-failure.js';
import { openScratch, type Scratch } from './scratch.js';
import { assertTargetFree, openAtomicFile, type AtomicFile, type PlacedFile } from './writer.js';

export type { ExportOptions } from './export-plan.js';

/**
 * `startedAt` is the instant the window's end was fixed at; {date} and {datetime} come from it too.
 * With --checkpoint the whole run holds the checkpoint's lock: overlapping cron runs take turns, and
 * each reads the checkpoint the previous one left, so every entry is exported once.
 */
export async function runExport(
  ctx: Context,
  globals: GlobalOptions,
  filters: Filters,
  opts: ExportOptions,
  startedAt: Date,
): Promise<void> {
  const checkpoint = opts.checkpoint;
  if (checkpoint === undefined) return runPlanned(ctx, globals, filters, opts, startedAt);
  await assertTargetFree(checkpoint, true, '--checkpoint');
  const lockOptions = {
    maxWaitMs: globals.maxWaitMs,
    what: `the checkpoint '${sanitizeLine(checkpoint)}'`,
    purpose: 'export',
    onWait: (holder: string) => {
      if (!globals.quiet) {
        ctx.io.stderr.write(`waiting for ${holder}, which holds the checkpoint (up to --max-wait ${globals.maxWaitText ?? formatDuration(globals.maxWaitMs)})\n`);
      }
    },
  };
  await withFileLock(ctx, checkpoint, lockOptions, () => runPlanned(ctx, globals, filters, opts, startedAt));
}

/**
 * Where a Parquet run's scratch directory goes: inside a lake's directory (made now if new: the run
 * writes there anyway, and its parent may not be the user's), beside a file, in TMPDIR for stdout.
 */
async function scratchHome(outPath: string, lake: boolean): Promise<string | null> {
  if (outPath === '-') return null;
  if (!lake) return dirname(resolve(outPath));
  await mkdir(outPath, { recursive: true, mode: 0o700 });
  return resolve(outPath);
}

/**
 * Bulk-staged entries start after the checkpoint's millisecond: every id its overlap mark holds is
 * stamped at or before it, so the whole re-read (and the resume test) sees each one in JavaScript.
 */
function bulkFrom(previous: Checkpoint | null): Date | null {
  return previous === null ? null : new Date(resumeStart(previous).getTime() + 1);
}

/** The checkpoint after this run, with its overlap mark: what the read remembered, plus what the engine staged in bulk. */
async function checkpointAfter(plan: ExportPlan, tally: ExportTally, now: Date, stage: ParquetStage | null): Promise<Checkpoint | null> {
  const next = nextCheckpoint(plan.previous, tally, { fingerprint: plan.fingerprint, filters: plan.description, now });
  if (next === null || plan.resume === null) return next;
  const seen = plan.resume.seen;
  trimToOverlap(seen, next.last_created_at);
  // Entries copied in bulk never passed the read; those inside the overlap join the mark.
  if (stage) for (const id of await stage.idsFrom(seen.since)) seen.add(id, seen.since);
  return { ...next, overlap: markOf(seen) };
}

/**
 * Entries are immutable and the window's end is fixed, so the API's count can only grow: fewer entries
 * than it promised means some were lost on the way.
 */
function walkComplete(last: WalkProgress | null): boolean {
  return last === null || last.total === null || last.fetched >= last.total;
}

async function runPlanned(ctx: Context, globals: GlobalOptions, filters: Filters, opts: ExportOptions, startedAt: Date): Promise<void> {
  const plan = await planExport(ctx, filters, opts, startedAt);
  // The path came from argv: shown escaped like everything else that reaches the terminal.
  let target = plan.outPath === '-' ? 'stdout' : sanitizeLine(plan.outPath);
  const say = (line: string) => {
    if (!globals.quiet) ctx.io.stderr.write(`${line}\n`);
  };
  const nothingNew = () => `nothing new since the checkpoint (${plan.previous?.last_created_at}); ${plan.outPath === '-' ? 'nothing written' : 'no file written'}`;
  if (plan.recovered !== null) say(`finished an interrupted lake run first: ${plan.recovered} ${plan.recovered === 1 ? 'file' : 'files'} placed, checkpoint moved`);
  if (plan.window.start !== null && plan.window.start.getTime() > plan.window.end.getTime()) {
    say(nothingNew());
    return;
  }
  const source = await openSource(ctx, globals, { window: plan.window, exact: true });
  const session = source.session;
  // A mirror that could not be topped up is read to its covered end, and the manifest says complete: false.
  const readWindow = answeredWindow(source, plan.window);
  const reached = readWindow === plan.window;
  const progress = await startProgress(ctx, { quiet: globals.quiet, target });
  const walk = { last: null as WalkProgress | null };
  let file: AtomicFile | undefined;
  const placed: string[] = [];
  /** The file being written, for the message when the disk says no. */
  let writing = plan.outPath;
  // A lake, or Parquet from a source holding the entries in an engine (which copies what it can), is
  // staged in DuckDB first; a single file from entries read one by one is written as they arrive.
  const staged = plan.format === 'parquet' && (opts.partition !== undefined || source.stageParquet !== undefined);
  let scratch: Scratch | null = null;
  let stage: ParquetStage | null = null;
  let pending: PendingStream | null = null;
  let entries: AsyncGenerator<Entry[]> | undefined;
  try {
    if (plan.format === 'parquet') scratch = await openScratch(await scratchHome(plan.outPath, opts.partition !== undefined));
    if (staged && scratch) stage = await openEntryStage(scratch.dir);
    const staging = stage;
    const bulk = staging && source.stageParquet ? await source.stageParquet({ filters: { ...filters, window: readWindow }, from: bulkFrom(plan.previous), stage: staging }) : null;
    entries = exportEntries(bulk ? { read: (o) => bulk.readRest(o) } : source, {
      filters: { ...filters, window: readWindow },
      window: readWindow,
      resume: plan.resume,
      concurrency: opts.concurrency,
      onProgress: (p) => {
        walk.last = p;
        progress.update(p);
      },
    });
    // The first request goes out before the engine of a streamed file loads, so the two overlap.
    const firstRun = entries.next();
    if (scratch && !staged) pending = startEntryStream(scratch.dir);
    const first = await firstRun;
    if (stage) await stageEntries(stage, first, entries);
    const nothing = stage ? (await stage.summary()).count === 0 : first.done;
    if (nothing && plan.previous !== null) {
      progress.stop();
      say(nothingNew());
      return;
    }
    const tally = stage ? await tallyOfStage(stage) : createTally();
    if (opts.partition !== undefined && stage) {
      const files = await writeLakeFiles(plan.outPath, stage);
      if (ctx.signal.aborted) {
        await discardLakeFiles(files);
        throw new InterruptedError();
      }
      const finishedAt = ctx.now();
      const requests = session?.http.requestCount ?? 0;
      const facts = { filters: plan.description, window: plan.window, resumedAfter: plan.previous, tally, startedAt, finishedAt, requests, complete: walkComplete(walk.last) && reached };
      const manifest = opts.manifest ? [await writeLakeManifest({ ...facts, dir: plan.outPath, files })] : [];
      const next = opts.checkpoint === undefined ? null : await checkpointAfter(plan, tally, finishedAt, stage);
      await commitLake({ files: [...files, ...manifest], ...(opts.checkpoint !== undefined ? { checkpoint: opts.checkpoint } : {}), next });
      const summary = formatSummary({ count: tally.count, target: `${files.length} ${files.length === 1 ? 'file' : 'files'} in ${target}`, elapsedMs: finishedAt.getTime() - startedAt.getTime(), requests });
      if (globals.quiet) progress.stop();
      else progress.succeed(summary);
      return;
    }
    let sink: Writable = ctx.io.stdout;
    if (plan.outPath !== '-') {
      file = await openAtomicFile(plan.outPath, { force: opts.force, flag: '--out', numberIfTaken: opts.checkpoint !== undefined });
      sink = file.stream;
    }
    if (stage) await copyStageTo(stage, sink);
    else if (pending) await streamEntries(pending, first, entries, sink, (entry) => recordEntry(tally, entry));
    else await feedEntries(first, entries, await createEntryWriter(plan.format as Exclude<ExportFormat, 'parquet'>, { guard: opts.csvGuard }), sink, (entry) => recordEntry(tally, entry));
    if (ctx.signal.aborted) throw new InterruptedError();
    let digest: PlacedFile | null = null;
    if (file) {
      digest = await file.commit();
      placed.push(digest.path);
      if (digest.path !== plan.outPath) {
        target = sanitizeLine(digest.path);
        say(`'${sanitizeLine(plan.outPath)}' already holds exported entries (an earlier run); this run's went to '${target}'`);
      }
    }
    // The file is in place: from here on, finish the bookkeeping even if Ctrl-C arrives.
    const finishedAt = ctx.now();
    const requests = session?.http.requestCount ?? 0;
    const last = walk.last;
    // A mirror that could not be topped up answers only to its covered end (the warning said so).
    const complete = walkComplete(last) && reached;
    if (!walkComplete(last) && last) {
      ctx.io.stderr.write(
        `warning: the API counted ${last.total} entries in the window but the walk received ${last.fetched}; the export may be incomplete\n`,
      );
    }
    if (opts.manifest && digest) {
      writing = manifestPathFor(digest.path);
      const manifest = buildManifest({
        outPath: digest.path,
        format: plan.format,
        filters: plan.description,
        window: plan.window,
        resumedAfter: plan.previous,
        tally,
        digest,
        startedAt,
        finishedAt,
        requests,
        complete,
      });
      // A checkpointed run's file name is new, so a manifest already under it is an orphan.
      await writeManifest(digest.path, manifest, opts.force || opts.checkpoint !== undefined);
      placed.push(writing);
    }
    if (opts.checkpoint !== undefined) {
      const next = await checkpointAfter(plan, tally, finishedAt, stage);
      if (next) await writeCheckpoint(opts.checkpoint, next);
    }
    const summary = formatSummary({ count: tally.count, target, elapsedMs: finishedAt.getTime() - startedAt.getTime(), requests });
    if (globals.quiet) progress.stop();
    else progress.succeed(tally.count === 0 ? `${summary} (no entries matched)` : summary);
  } catch (err) {
    progress.stop();
    // A manifest or checkpoint that could not be written takes the export back with it: the next
    // run then exports the same entries again, and no file exists that the checkpoint does not know.
    for (const path of placed) await unlink(path).catch(() => undefined);
    throw (writing !== '-' && explainWriteFailure(err, { path: writing, checkpoint: opts.checkpoint })) || err;
  } finally {
    await file?.discard();
    // Stops the walk (and its parallel requests) if the writer failed first.
    await entries?.return(undefined).catch(() => undefined);
    await stage?.close();
    if (pending) await discardEntryStream(pending);
    await scratch?.remove();
    await source.close();
  }
}
