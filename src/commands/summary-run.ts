// The summary command's work, loaded only when it runs: one pass over the matching entries into groups,
// then the table, JSON or CSV and a summary line.
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import type { Context } from '../context.js';
import { globalsOf } from '../command-kit/globals.js';
import { createGrouper, type GroupBy } from '../model/group.js';
import { formatWindow } from '../time/format.js';
import { renderSummaryCsv, renderSummaryJson, renderSummaryTable } from '../render/summary-view.js';
import { readFilters } from '../command-kit/filter-options.js';
import { openResolvedSource } from '../command-kit/actor-resolution.js';
import { noMatchHints, writeHints } from '../command-kit/no-match-hint.js';
import { showReadProgress } from '../progress/read-progress.js';
import { writeData, writeText } from '../command-kit/output-stream.js';
import type { ViewFormat } from '../render/output.js';

const count = (n: number) => n.toLocaleString('en-US');

export async function runSummary(ctx: Context, command: CommandUnknownOpts): Promise<void> {
  const globals = globalsOf(command, ctx);
  const opts = command.opts() as Record<string, unknown> & { by: GroupBy; top: number; output: ViewFormat; csvGuard: boolean; file?: string };
  const now = ctx.now();
  const zone = globals.tz;
  const filters = readFilters(opts, { now, zone, defaultSince: opts.file !== undefined ? null : '7d' });
  // Every matching entry is counted, so pages may be fetched ahead (still emitted in order).
  const source = await openResolvedSource(ctx, globals, filters, opts.file !== undefined ? { file: opts.file } : {});
  const progress = showReadProgress(ctx, { quiet: globals.quiet, rate: () => source.session?.http.rateLimit ?? null });
  const grouper = createGrouper(opts.by, zone);
  let hints: string[] = [];
  let read;
  try {
    // A source that counts exactly by itself (the mirror's engine) hands over only what it left.
    const counted = await source.countGroups?.({ filters, by: opts.by, zone });
    if (counted) for (const [key, n] of counted.counts) grouper.addCount(key, n);
    read = counted ? counted.rest : source.read({ filters, order: 'any', concurrency: 4, onProgress: progress.onProgress });
    for await (const run of read.batches) for (const e of run) grouper.add(e);
    if (read.stats.matched === 0 && !globals.quiet) hints = await noMatchHints(filters, source);
  } finally {
    await progress.stop();
    await source.close();
  }
  const grouping = grouper.finish({ top: opts.top, window: filters.window });
  const windowText = formatWindow(filters.window.start, filters.window.end, zone);
  if (opts.output === 'json') {
    await writeData(ctx.io, renderSummaryJson(grouping));
  } else if (opts.output === 'csv') {
    await writeData(ctx.io, await renderSummaryCsv(grouping, opts.csvGuard));
  } else if (grouping.groups.length > 0) {
    // Day and hour buckets are listed even when empty: a quiet stretch is an answer too.
    const style = { color: ctx.io.color, tty: ctx.io.stdoutIsTTY, width: ctx.io.columns, zone, now };
    await writeText(ctx.io.stdout, renderSummaryTable(grouping, style));
  }
  if (globals.quiet) return;
  const c = ctx.io.errColor;
  if (grouping.total === 0) {
    ctx.io.stderr.write(`${c.dim(`no entries match (${windowText}; scanned ${count(read.stats.scanned)})`)}\n`);
    writeHints(ctx, hints);
    return;
  }
  const entries = `${count(grouping.total)} ${grouping.total === 1 ? 'entry' : 'entries'}`;
  const filled = grouping.groups.filter((g) => g.count > 0).length;
  const groups = filled + grouping.cutGroups;
  // Day and hour tables list the empty buckets too: say how many of the rows hold entries.
  const bucket = grouping.by === 'day' ? 'day' : grouping.by === 'hour' ? 'hour' : null;
  const rows = grouping.groups.length;
  let line = bucket
    ? `${entries} in ${count(filled)} of ${count(rows)} ${rows === 1 ? bucket : `${bucket}s`}`
    : `${entries} in ${count(groups)} ${groups === 1 ? 'group' : 'groups'}`;
  if (grouping.cutGroups > 0) {
    line += `; ${count(grouping.cutGroups)} smaller ${grouping.cutGroups === 1 ? 'group' : 'groups'} (${count(grouping.cutEntries)} entries) left out: raise --top (now ${opts.top})`;
  }
  ctx.io.stderr.write(`${c.dim(line)}\n${c.dim(windowText)}\n`);
}
