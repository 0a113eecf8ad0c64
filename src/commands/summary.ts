// fibe-audit summary: matching entries counted per group (--by), as a table with bars, JSON or CSV.
// One pass over the entries; day/hour are calendar buckets in --tz over the whole window, never cut.
import { Option } from '@commander-js/extra-typings';
import type { Context } from '../context.js';
import { examples, globalsOf, type Program } from '../program.js';
import { GROUP_BYS, createGrouper, type GroupBy } from '../model/group.js';
import { formatWindow } from '../time/format.js';
import { renderSummaryCsv, renderSummaryJson, renderSummaryTable } from '../render/summary-view.js';
import { addFilterOptions, readFilters } from './filter-options.js';
import { positiveInt } from './parsers.js';
import { openEntrySource } from './entry-source.js';
import { writeText } from './output-stream.js';

const SUMMARY_FORMATS = ['table', 'json', 'csv'] as const;
type SummaryFormat = (typeof SUMMARY_FORMATS)[number];

const count = (n: number) => n.toLocaleString('en-US');

export function registerSummary(program: Program, ctx: Context): void {
  const cmd = program
    .command('summary')
    .description('count matching entries per action, actor, resource, channel, day or hour')
    .addOption(new Option('--by <field>', 'what to group by').choices(GROUP_BYS).default('action' as GroupBy))
    .option('--top <n>', 'show the n largest groups (not for day/hour, which are never cut)', positiveInt(), 20)
    .addOption(new Option('-o, --output <format>', 'output format').choices(SUMMARY_FORMATS).default('table' as SummaryFormat))
    .option('--no-csv-guard', "don't prefix CSV cells starting with = + - @ with a quote")
    .option('--file <path>', 'read a local export (NDJSON, JSON array or CSV written by fibe-audit; .gz too) instead of the API');
  addFilterOptions(cmd, { sinceDefault: 'the last 7 days; with --file the whole file' });
  cmd.addHelpText(
    'after',
    examples([
      ['fibe-audit summary', 'the 20 most frequent actions of the last 7 days'],
      ['fibe-audit summary --by actor --since 30d', 'who did the most in a month'],
      ['fibe-audit summary --by day --action "*.destroyed"', 'destroyed things per day, empty days included'],
      ['fibe-audit summary --by resource --actor key:15 --top 5', 'the five resources key 15 touched most'],
      ['fibe-audit summary --by hour --since 24h -o csv > hours.csv', 'an hourly CSV of the last day'],
    ]),
  );
  cmd.action(async (_opts, command) => {
    const globals = globalsOf(command, ctx);
    const opts = command.opts() as Record<string, unknown> & { by: GroupBy; top: number; output: SummaryFormat; csvGuard: boolean; file?: string };
    const now = ctx.now();
    const zone = globals.tz;
    const filters = readFilters(opts, { now, zone, defaultSince: opts.file !== undefined ? null : '7d' });
    // Every matching entry is counted, so pages may be fetched ahead (still emitted in order).
    const source = await openEntrySource(ctx, globals, {
      filters,
      order: 'any',
      concurrency: 4,
      ...(opts.file !== undefined ? { file: opts.file } : {}),
    });
    const grouper = createGrouper(opts.by, zone);
    try {
      for await (const e of source.entries) grouper.add(e);
    } finally {
      await source.close();
    }
    const grouping = grouper.finish({ top: opts.top, window: filters.window });
    const windowText = formatWindow(filters.window.start, filters.window.end, zone);
    if (opts.output === 'json') {
      await writeText(ctx.io.stdout, renderSummaryJson(grouping));
    } else if (opts.output === 'csv') {
      await writeText(ctx.io.stdout, await renderSummaryCsv(grouping, opts.csvGuard));
    } else if (grouping.total > 0) {
      const style = { color: ctx.io.color, tty: ctx.io.stdoutIsTTY, width: ctx.io.columns, zone, now };
      await writeText(ctx.io.stdout, renderSummaryTable(grouping, style));
    }
    if (globals.quiet) return;
    const c = ctx.io.errColor;
    if (grouping.total === 0) {
      ctx.io.stderr.write(`${c.dim(`no entries match (${windowText}; scanned ${count(source.stats.scanned)})`)}\n`);
      return;
    }
    const groups = grouping.groups.filter((g) => g.count > 0).length + grouping.cutGroups;
    let line = `${count(grouping.total)} ${grouping.total === 1 ? 'entry' : 'entries'} in ${count(groups)} ${groups === 1 ? 'group' : 'groups'}`;
    if (grouping.cutGroups > 0) {
      line += `; ${count(grouping.cutGroups)} smaller ${grouping.cutGroups === 1 ? 'group' : 'groups'} (${count(grouping.cutEntries)} entries) left out: raise --top (now ${opts.top})`;
    }
    ctx.io.stderr.write(`${c.dim(line)}\n${c.dim(windowText)}\n`);
  });
}
