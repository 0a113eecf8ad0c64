// fibe-audit query (alias q): matching entries, newest first, as a table or machine formats.
// Only options and help live here; the work (query-run.ts) is loaded when the command runs.
import { Option } from '@commander-js/extra-typings';
import type { Context } from '../context.js';
import { examples } from '../command-kit/examples.js';
import type { Program } from '../command-kit/registrar.js';
import { csvGuardOption, fileOption } from '../command-kit/shared-options.js';
import { addFilterOptions } from '../command-kit/filter-options.js';
import { positiveInt } from '../command-kit/parsers.js';
import { ENTRY_FORMATS, type EntryFormat } from '../render/output.js';

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
    .addOption(csvGuardOption())
    .addOption(fileOption())
    .option('-f, --follow', 'keep printing new matching entries as they arrive, oldest first (Ctrl-C stops); --limit defaults to 10')
    .option('--interval <duration>', 'with --follow: time between checks, at least 5s (default: 15s)')
    .option('--checkpoint <file>', 'with --follow: resume after the entries the last run printed (no gap, no duplicate)')
    .option('--reset-checkpoint', 'with --follow: ignore the checkpoint (other filters, corrupt file) and start afresh');
  addFilterOptions(cmd, { sinceDefault: 'the last 7 days; with --file the whole file' });
  cmd.addHelpText(
    'after',
    examples([
      ['fibe-audit query --action trick.destroyed --since 24h', 'who destroyed tricks in the last day'],
      ['fibe-audit q --actor key:"GitHub Actions CI" --action "playground.*"', 'what the CI key did to playgrounds this week'],
      ['fibe-audit query --resource Trick:3312 -o json | jq .', 'the history of one trick as JSON'],
      ['fibe-audit query --file audit-2026-11-25.csv --actor-type genie', 're-slice an export offline: no key, no network'],
      ['fibe-audit q -f --action "secret.*" -o ndjson | ./alert.sh', 'a live tail of secret changes for an alert script'],
    ]),
  );
  cmd.action(async (opts, command) => {
    if (opts.follow) {
      const { runFollow } = await import('./follow-run.js');
      await runFollow(ctx, command);
      return;
    }
    const { runQuery } = await import('./query-run.js');
    await runQuery(ctx, command);
  });
}
