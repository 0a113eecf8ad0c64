// The export job: resolve target and checkpoint, walk the window oldest first, stream through the
// format writer into an atomic file, then manifest and checkpoint, in that order.
import { unlink } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { Context } from '../context.js';
import type { GlobalOptions } from '../global-options.js';
import { InterruptedError, UsageError } from '../errors.js';
import type { Filters } from '../model/filter.js';
import { createEntryWriter } from '../render/output.js';
import { sanitizeLine } from '../text/sanitize.js';
import type { Window } from '../time/parse.js';
import { assertSameFilters, nextCheckpoint, readCheckpoint, resumeStart, writeCheckpoint, type Checkpoint } from './checkpoint.js';
import { exportEntries } from './entry-stream.js';
import { openSource } from '../source/open.js';
import { feedEntries } from './feed.js';
import { fingerprintOf, normalizeFilters } from './fingerprint.js';
import { buildManifest, manifestPathFor, writeManifest } from './manifest.js';
import { expandOutPath, resolveFormat, type ExportFormat } from './path-template.js';
import { formatSummary, startProgress, type WalkProgress } from './progress.js';
import { createTally, recordEntry } from './tally.js';
import { assertTargetFree, openAtomicFile, type AtomicFile, type FileDigest } from './writer.js';

export interface ExportOptions {
  out: string;
  format?: ExportFormat;
  force: boolean;
  concurrency: number;
  manifest: boolean;
  checkpoint?: string;
  resetCheckpoint: boolean;
  csvGuard: boolean;
}

interface Plan {
  outPath: string;
  format: ExportFormat;
  description: Record<string, unknown>;
  fingerprint: string;
  previous: Checkpoint | null;
  window: Window;
  /** An existing --out (or manifest) a checkpointed run refuses only once it knows there is something new. */
  refusal: UsageError | null;
}

/** Everything that can be refused is refused here, before the first request. */
async function planExport(filters: Filters, opts: ExportOptions, startedAt: Date): Promise<Plan> {
  const outPath = opts.out === '-' ? '-' : expandOutPath(opts.out, startedAt);
  const format = resolveFormat(outPath, opts.format);
  if (outPath === '-' && opts.manifest) throw new UsageError('--manifest needs a file: it cannot go with --out -');
  if (opts.resetCheckpoint && opts.checkpoint === undefined) throw new UsageError('--reset-checkpoint needs --checkpoint <file>');
  if (filters.actors.some((ref) => ref.by === 'token')) {
    throw new UsageError('--actor: a raw key cannot filter an export', "find its id with 'fibe-audit actor key:<raw key>', then use key:<id>");
  }
  const description = normalizeFilters(filters);
  const fingerprint = fingerprintOf(description);
  let previous: Checkpoint | null = null;
  if (opts.checkpoint !== undefined) {
    await assertTargetFree(opts.checkpoint, true, '--checkpoint');
    previous = opts.resetCheckpoint ? null : await readCheckpoint(opts.checkpoint);
    if (previous) assertSameFilters(previous, fingerprint, description, opts.checkpoint);
  }
  let refusal: UsageError | null = null;
  if (outPath !== '-') {
    try {
      await assertTargetFree(outPath, opts.force, '--out');
      if (opts.manifest) await assertTargetFree(manifestPathFor(outPath), opts.force, '--manifest');
    } catch (err) {
      // A cron re-run with nothing new must stay a quiet exit 0, even when today's {date} file exists.
      if (!(err instanceof UsageError) || previous === null) throw err;
      refusal = err;
    }
  }
  // --since shapes the first run only; later runs continue from the checkpoint, inclusive.
  const window = previous ? { start: resumeStart(previous), end: filters.window.end } : filters.window;
  return { outPath, format, description, fingerprint, previous, window, refusal };
}

/** `startedAt` is the instant the window's end was fixed at; {date} and {datetime} come from it too. */
export async function runExport(
  ctx: Context,
  globals: GlobalOptions,
  filters: Filters,
  opts: ExportOptions,
  startedAt: Date,
): Promise<void> {
  const plan = await planExport(filters, opts, startedAt);
  // The path came from argv: shown escaped like everything else that reaches the terminal.
  const target = plan.outPath === '-' ? 'stdout' : sanitizeLine(plan.outPath);
  const say = (line: string) => {
    if (!globals.quiet) ctx.io.stderr.write(`${line}\n`);
  };
  if (plan.window.start !== null && plan.window.start.getTime() > plan.window.end.getTime()) {
    say(`nothing new since the checkpoint (${plan.previous?.last_created_at}); no file written`);
    return;
  }
  const source = await openSource(ctx, globals);
  const session = source.session;
  const progress = await startProgress(ctx, { quiet: globals.quiet, target });
  const walk = { last: null as WalkProgress | null };
  let file: AtomicFile | undefined;
  const placed: string[] = [];
  const entries = exportEntries(source, {
    filters,
    window: plan.window,
    previous: plan.previous,
    concurrency: opts.concurrency,
    onProgress: (p) => {
      walk.last = p;
      progress.update(p);
    },
  });
  try {
    const first = await entries.next();
    if (first.done && plan.previous !== null) {
      progress.stop();
      say(`nothing new since the checkpoint (${plan.previous.last_created_at}); no file written`);
      return;
    }
    if (plan.refusal) throw plan.refusal;
    const tally = createTally();
    const writer = await createEntryWriter(plan.format, { guard: opts.csvGuard });
    let sink: Writable = ctx.io.stdout;
    if (plan.outPath !== '-') {
      file = await openAtomicFile(plan.outPath, { force: opts.force, flag: '--out' });
      sink = file.stream;
    }
    await feedEntries(first, entries, writer, sink, (entry) => recordEntry(tally, entry));
    if (ctx.signal.aborted) throw new InterruptedError();
    let digest: FileDigest | null = null;
    if (file) {
      digest = await file.commit();
      placed.push(plan.outPath);
    }
    // The file is in place: from here on, finish the bookkeeping even if Ctrl-C arrives.
    const finishedAt = ctx.now();
    const requests = session?.http.requestCount ?? 0;
    // Entries are immutable and the window's end is fixed, so the API's count can only grow: fewer
    // entries than it promised means some were lost on the way.
    const last = walk.last;
    const complete = last === null || last.total === null || last.fetched >= last.total;
    if (!complete) {
      ctx.io.stderr.write(
        `warning: the API counted ${last.total} entries in the window but the walk received ${last.fetched}; the export may be incomplete\n`,
      );
    }
    if (opts.manifest && digest) {
      const manifest = buildManifest({
        outPath: plan.outPath,
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
      await writeManifest(plan.outPath, manifest, opts.force);
      placed.push(manifestPathFor(plan.outPath));
    }
    if (opts.checkpoint !== undefined) {
      const next = nextCheckpoint(plan.previous, tally, { fingerprint: plan.fingerprint, filters: plan.description, now: finishedAt });
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
    throw err;
  } finally {
    await file?.discard();
    // Stops the walk (and its parallel requests) if the writer failed first.
    await entries.return(undefined).catch(() => undefined);
    await source.close();
  }
}
