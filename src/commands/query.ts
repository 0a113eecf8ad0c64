// fibe-audit query (alias q): matching entries, newest first, as a table or machine formats.
import { Option } from '@commander-js/extra-typings';
import type { Context } from '../context.js';
import { examples, globalsOf, type Program } from '../program.js';
import { UsageError } from '../errors.js';
import { addFilterOptions, readFilters } from './filter-options.js';
import { positiveInt } from './parsers.js';
import { limitEntries, type LimitState } from './entry-limit.js';
import { hasClientSideFilters, openEntrySource, type EntrySource } from './entry-source.js';
import { pipeEntries, writeText } from './output-stream.js';
import { reportQueryOutcome } from './query-notice.js';
import { labelKeyActors } from './key-labels.js';
import { parseColumns, type ColumnKey } from '../render/columns.js';
import { ENTRY_FORMATS, createEntryWriter, type EntryFormat } from '../render/output.js';
import { renderEntryTable } from '../render/table.js';

export function registerQuery(program: Program, ctx: Context): void {
  const cmd = program
    .command('query')
    .alias('q')
    .description('list matching audit entries, newest first')
    .option('--limit <n>', 'show at most n entries', positiveInt(), 50)
    .option('--all', 'show every matching entry (no limit)')
    .addOption(new Option('--order <order>', 'newest first (desc) or oldest first (asc)').choices(['desc', 'asc'] as const).default('desc' as const))
    .addOption(new Option('-o, --output <format>', 'output format').choices(ENTRY_FORMATS).default('table' as EntryFormat))
    .option('--columns <list>', 'comma-separated columns for table/csv (id, created_at, action, actor_kind, actor_id, actor_label, actor_type, channel, resource_type, resource_id, resource_name, metadata)')
    .option('--no-csv-guard', "don't prefix CSV cells starting with = + - @ with a quote")
    .option('--file <path>', 'read a local export (NDJSON, JSON array or CSV written by fibe-audit; .gz too) instead of the API');
  addFilterOptions(cmd, { sinceDefault: 'the last 7 days; with --file the whole file' });
  cmd.addHelpText(
    'after',
    examples([
      ['fibe-audit query --action trick.destroyed --since 24h', 'who destroyed tricks in the last day'],
      ['fibe-audit q --actor key:"GitHub Actions CI" --action "playground.*"', 'what the CI key did to playgrounds this week'],
      ['fibe-audit query --actor-type genie --since 2d --all', 'everything Genies did in two days'],
      ['fibe-audit query --resource Trick:3312 -o json | jq .', 'the history of one trick as JSON'],
      ['fibe-audit query --file audit-2026-11-25.csv --actor-type genie', 're-slice an export offline: no key, no network'],
    ]),
  );
  cmd.action(async (_opts, command) => {
    const globals = globalsOf(command, ctx);
    const opts = command.opts() as Record<string, unknown> & {
      limit: number;
      all?: boolean;
      order: 'asc' | 'desc';
      output: EntryFormat;
      columns?: string;
      csvGuard: boolean;
      file?: string;
    };
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
    const source: EntrySource = await openEntrySource(ctx, globals, {
      filters,
      ...(opts.file !== undefined ? { file: opts.file } : {}),
      order: opts.order,
      perPage: limit === null ? 100 : Math.min(100, limit + 1),
    });
    const state: LimitState = { shown: 0, more: false };
    try {
      const entries = limitEntries(source.entries, limit, state);
      if (opts.output === 'table') {
        const rows = [];
        for await (const e of entries) rows.push(e);
        if (rows.length > 0) {
          const style = { color: ctx.io.color, tty: ctx.io.stdoutIsTTY, width: ctx.io.columns, zone: globals.tz, now };
          await writeText(ctx.io.stdout, renderEntryTable(await labelKeyActors(rows, source.session), style, columns));
        }
      } else {
        const writer = await createEntryWriter(opts.output, { guard: opts.csvGuard, ...(columns ? { columns } : {}) });
        await pipeEntries(entries, writer, ctx.io.stdout);
      }
    } finally {
      await source.close();
    }
    if (!globals.quiet) {
      reportQueryOutcome(ctx, {
        state,
        stats: source.stats,
        window: filters.window,
        zone: globals.tz,
        order: opts.order,
        limit,
        clientSide: hasClientSideFilters(filters),
      });
    }
  });
}
