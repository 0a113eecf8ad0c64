// fibe-audit actor <ref>: one actor over a window (default 30 days): key record, activity figures from
// one pass over its entries, unused scopes for keys, and the recent entries (or all of them).
// Only options and help live here; the work (actor-run.ts) is loaded when the command runs.
import { Option } from '@commander-js/extra-typings';
import type { Context } from '../context.js';
import { examples } from '../command-kit/examples.js';
import type { Program } from '../command-kit/registrar.js';
import { csvGuardOption, fileOption } from '../command-kit/shared-options.js';
import { ENTRY_FORMATS, type EntryFormat } from '../render/output.js';
import { addFilterOptions } from '../command-kit/filter-options.js';
import { positiveInt } from '../command-kit/parsers.js';

export function registerActor(program: Program, ctx: Context): void {
  const cmd = program
    .command('actor')
    .description('drill into one actor: key record, activity, per-day chart, destructive actions, unused key scopes')
    .argument('<ref>', 'user:<id>, key:<id>, key:<label>, genie:<key id or label>, automation:<name>, or key:<raw key> (matched locally, never sent)')
    .option('--limit <n>', 'recent entries to show', positiveInt(), 20)
    .option('--all', 'show every entry of the actor in the window')
    .addOption(new Option('-o, --output <format>', 'table (report), json ({actor, key, summary, entries}), ndjson or csv (entries)').choices(ENTRY_FORMATS).default('table' as EntryFormat))
    .addOption(csvGuardOption())
    .addOption(fileOption());
  addFilterOptions(cmd, { sinceDefault: 'the last 30 days; with --file the whole file' });
  cmd.addHelpText(
    'after',
    examples([
      ['fibe-audit actor key:15', 'everything API key 15 did in the last 30 days, with its unused scopes'],
      ['fibe-audit actor key:"GitHub Actions CI" --since 7d --all', 'a key by label: every entry of the last week'],
      ['fibe-audit actor "key:$LEAKED_KEY"', 'which of your keys a leaked key string is, and what it did (matched locally)'],
      ['fibe-audit actor genie:triage-bot --action "*.destroyed"', 'what a Genie destroyed'],
      ['fibe-audit actor automation:Playguard -o json | jq .summary', 'the automation\'s figures as JSON'],
    ]),
  );
  cmd.action(async (refText, _opts, command) => {
    const { runActor } = await import('./actor-run.js');
    await runActor(ctx, refText, command);
  });
}
