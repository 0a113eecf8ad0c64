// The query command's work, loaded only when it runs: read the entries, print them, report the outcome.
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import type { Context } from '../context.js';
import { globalsOf } from '../command-kit/globals.js';
import { UsageError } from '../errors.js';
import { readFilters } from '../command-kit/filter-options.js';
import { limitEntries, pageSizeFor, type LimitState } from '../command-kit/entry-limit.js';
import { openResolvedSource } from '../command-kit/actor-resolution.js';
import { noMatchHints, writeHints } from '../command-kit/no-match-hint.js';
import { showReadProgress } from '../progress/read-progress.js';
import { eachEntry } from '../source/matching.js';
import { clientOnlyFilterNames } from '../model/filter.js';
import { pipeEntries } from '../command-kit/output-stream.js';
import { writeEntryTable } from '../command-kit/entry-table-stream.js';
import { reportQueryOutcome } from '../command-kit/query-notice.js';
import { parseColumns, type ColumnKey } from '../render/columns.js';
import type { QueryOptionValues } from '../command-kit/query-options.js';
import { createEntryWriter } from '../render/output.js';

export async function runQuery(ctx: Context, command: CommandUnknownOpts): Promise<void> {
  const globals = globalsOf(command, ctx);
  const opts = command.opts() as QueryOptionValues;
  for (const flag of ['interval', 'checkpoint', 'resetCheckpoint'] as const) {
    if (opts[flag] !== undefined) throw new UsageError(`--${flag === 'resetCheckpoint' ? 'reset-checkpoint' : flag} goes with --follow`, 'add -f (--follow) for a live tail');
  }
  const columns: ColumnKey[] | undefined = opts.columns !== undefined ? parseColumns(opts.columns) : undefined;
  if (columns && (opts.output === 'json' || opts.output === 'ndjson')) {
    throw new UsageError(`--columns applies to table and csv output, not ${opts.output}`);
  }
  if (opts.all && command.getOptionValueSource('limit') === 'cli') {
    throw new UsageError('--all and --limit cannot be combined', 'use one of them');
  }
  const now = ctx.now();
  const filters = readFilters(opts, { now, zone: globals.tz, defaultSince: opts.file !== undefined ? null : '7d' });
  const limit = opts.all ? null : opts.limit;
  const source = await openResolvedSource(ctx, globals, filters, opts.file !== undefined ? { file: opts.file } : {});
  // --all reads the whole window: progress on the terminal, unless entries stream onto that terminal too
  // (other formats from the first page; a table from its first chunk of rows, which clears the line).
  const progress = showReadProgress(ctx, {
    quiet: globals.quiet || limit !== null || (opts.output !== 'table' && ctx.io.stdoutIsTTY),
    rate: () => source.session?.http.rateLimit ?? null,
  });
  const read = source.read({ filters, order: opts.order, perPage: pageSizeFor(filters, limit), onProgress: progress.onProgress });
  const state: LimitState = { shown: 0, more: false };
  let hints: string[] = [];
  try {
    const entries = limitEntries(eachEntry(read.batches), limit, state);
    if (opts.output === 'table') {
      const style = { color: ctx.io.color, tty: ctx.io.stdoutIsTTY, width: ctx.io.columns, zone: globals.tz, now };
      const beforeWrite = ctx.io.stdoutIsTTY ? () => progress.stop() : undefined;
      await writeEntryTable(entries, ctx.io, style, source, columns, undefined, beforeWrite);
    } else {
      const writer = await createEntryWriter(opts.output, { guard: opts.csvGuard, ...(columns ? { columns } : {}) });
      await pipeEntries(entries, writer, ctx.io, opts.output);
    }
    if (state.shown === 0 && !globals.quiet) hints = await noMatchHints(filters, source);
  } finally {
    await progress.stop();
    await source.close();
  }
  if (!globals.quiet) {
    reportQueryOutcome(ctx, {
      state,
      stats: read.stats,
      window: filters.window,
      zone: globals.tz,
      order: opts.order,
      limit,
      clientFilters: clientOnlyFilterNames(filters),
    });
    writeHints(ctx, hints);
  }
}
