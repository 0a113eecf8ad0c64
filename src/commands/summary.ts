// fibe-audit summary: matching entries counted per group (--by), as a table with bars, JSON or CSV.
// One pass over the entries; day/hour are calendar buckets in --tz over the whole window, never cut.
// Only options and help live here; the work (summary-run.ts) is loaded when the command runs.
import { Option } from '@commander-js/extra-typings';
import type { Context } from '../context.js';
import { examples } from '../command-kit/examples.js';
import type { Program } from '../command-kit/registrar.js';
import { csvGuardOption, fileOption } from '../command-kit/shared-options.js';
import { GROUP_BYS, type GroupBy } from '../model/group.js';
import { addFilterOptions } from '../command-kit/filter-options.js';
import { positiveInt } from '../command-kit/parsers.js';
import { VIEW_FORMATS, type ViewFormat } from '../render/output.js';


export function registerSummary(program: Program, ctx: Context): void {
  const cmd = program
    .command('summary')
    .description('count matching entries per action, actor, resource, channel, day or hour')
    .addOption(new Option('--by <field>', 'what to group by').choices(GROUP_BYS).default('action' as GroupBy))
    .option('--top <n>', 'show the n largest groups (not for day/hour, which are never cut)', positiveInt(), 20)
    .addOption(new Option('-o, --output <format>', 'output format').choices(VIEW_FORMATS).default('table' as ViewFormat))
    .addOption(csvGuardOption())
    .addOption(fileOption());
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
    const { runSummary } = await import('./summary-run.js');
    await runSummary(ctx, command);
  });
}
