// What an export will do, decided before the first request: target name and format, the checkpoint
// it resumes from, the window. Everything that can be refused is refused here.
import { stat } from 'node:fs/promises';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import type { Filters } from '../model/filter.js';
import { sanitizeLine } from '../text/sanitize.js';
import type { Window } from '../time/parse.js';
import { assertResettable, assertSameFilters, readCheckpoint, type Checkpoint } from './checkpoint.js';
import { fingerprintOf, normalizeFilters } from './fingerprint.js';
import { finishPendingRun } from './lake-journal.js';
import { manifestPathFor } from './manifest.js';
import { freshStart, resumeFrom, type ResumePoint } from './overlap-mark.js';
import { expandOutPath, formatOfPath, resolveFormat, type ExportFormat } from './path-template.js';
import { assertTargetFree } from './writer.js';

export interface ExportOptions {
  out: string;
  format?: ExportFormat;
  /** A Hive-partitioned Parquet lake under the --out directory. */
  partition?: 'day';
  force: boolean;
  concurrency: number;
  manifest: boolean;
  checkpoint?: string;
  resetCheckpoint: boolean;
  csvGuard: boolean;
}

export interface ExportPlan {
  outPath: string;
  format: ExportFormat;
  description: Record<string, unknown>;
  fingerprint: string;
  previous: Checkpoint | null;
  /** With --checkpoint: where the read starts and what it skips (the overlap re-read's ids). */
  resume: ResumePoint | null;
  window: Window;
  /** Files placed to finish an interrupted lake run (null: none was pending). */
  recovered: number | null;
}

/** A lake is a directory that only grows: it may exist, but not as a file, and nothing in it is replaced. */
async function assertLakeTarget(outPath: string, opts: ExportOptions): Promise<void> {
  if (opts.format !== undefined && opts.format !== 'parquet') throw new UsageError(`--partition writes Parquet, not ${opts.format}`, 'drop --format, or use --format parquet');
  if (outPath === '-') throw new UsageError('--partition writes a directory of files: it cannot go with --out -', 'give --out a directory, e.g. --out ./lake');
  if (opts.force) throw new UsageError('--force does not apply to a lake: a run only adds files and never replaces one');
  const st = await stat(outPath).catch(() => null);
  if (st && !st.isDirectory()) throw new UsageError(`--out: '${outPath}' is a file; --partition needs a directory`);
}

/** `--out x.json --format csv` is allowed (the flag wins) but most likely a slip: say so. */
function warnFormatMismatch(ctx: Context, outPath: string, flag: ExportFormat | undefined): void {
  const implied = outPath === '-' ? undefined : formatOfPath(outPath);
  if (flag === undefined || implied === undefined || implied === flag) return;
  ctx.io.stderr.write(
    `${ctx.io.errColor.yellow('warning:')} --format ${flag} does not match the extension of '${sanitizeLine(outPath)}' (${implied}); writing ${flag.toUpperCase()}\n`,
  );
}

/** Runs with the checkpoint already locked, so the checkpoint read here stays true for the run. */
export async function planExport(ctx: Context, filters: Filters, opts: ExportOptions, startedAt: Date): Promise<ExportPlan> {
  const outPath = opts.out === '-' ? '-' : expandOutPath(opts.out, startedAt);
  if (opts.partition !== undefined) await assertLakeTarget(outPath, opts);
  const format = opts.partition !== undefined ? 'parquet' : resolveFormat(outPath, opts.format);
  if (outPath === '-' && opts.manifest) throw new UsageError('--manifest needs a file: it cannot go with --out -');
  if (outPath === '-' && format === 'parquet' && ctx.io.stdoutIsTTY) {
    throw new UsageError('Parquet is binary: it is not written to a terminal', 'redirect stdout (> audit.parquet), pipe it on, or use --out audit.parquet');
  }
  if (opts.resetCheckpoint && opts.checkpoint === undefined) throw new UsageError('--reset-checkpoint needs --checkpoint <file>');
  if (filters.actors.some((ref) => ref.by === 'token')) {
    throw new UsageError('--actor: a raw key cannot filter an export', "find its id with 'fibe-audit actor key:<raw key>', then use key:<id>");
  }
  const description = normalizeFilters(filters);
  const fingerprint = fingerprintOf(description);
  let previous: Checkpoint | null = null;
  let recovered: number | null = null;
  if (opts.checkpoint !== undefined) {
    // A lake run that crashed between placing its files and moving the checkpoint is finished first.
    recovered = await finishPendingRun(opts.checkpoint);
    if (opts.resetCheckpoint) await assertResettable(opts.checkpoint);
    else previous = await readCheckpoint(opts.checkpoint);
    if (previous) assertSameFilters(previous, fingerprint, description, opts.checkpoint);
  }
  if (outPath !== '-' && opts.partition === undefined) {
    // A checkpointed run never replaces (nor refuses) an existing file: it holds entries the
    // checkpoint has moved past, which no later run would export again. The writer numbers the name.
    const replaceable = opts.force || opts.checkpoint !== undefined;
    await assertTargetFree(outPath, replaceable, '--out', "write to standard output with '--out -' and redirect it there");
    if (opts.manifest && opts.checkpoint === undefined) await assertTargetFree(manifestPathFor(outPath), opts.force, '--manifest');
  }
  if (opts.partition === undefined) warnFormatMismatch(ctx, outPath, opts.format);
  // --since shapes the first run only; later runs re-read the overlap before the checkpoint's
  // instant (late arrivals), skipping the ids its mark says were exported.
  const resume = previous ? resumeFrom(previous) : opts.checkpoint === undefined ? null : freshStart(filters.window.start?.getTime() ?? Number.NEGATIVE_INFINITY);
  const window = previous && resume ? { start: new Date(resume.startMs), end: filters.window.end } : filters.window;
  return { outPath, format, description, fingerprint, previous, resume, window, recovered };
}
