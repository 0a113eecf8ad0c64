// fibe-audit sync: copy the audit log into the local mirror (first run the whole log, then only
// what is new). Only options live here; the work (sync-run.ts, then src/mirror/) loads when it runs.
import { InvalidArgumentError, Option } from '@commander-js/extra-typings';
import type { Context } from '../context.js';
import { examples } from '../command-kit/examples.js';
import type { Program } from '../command-kit/registrar.js';
import { parseDuration } from '../time/duration.js';
import { positiveInt } from '../command-kit/parsers.js';

const SYNC_FORMATS = ['text', 'json'] as const;
export type SyncFormat = (typeof SYNC_FORMATS)[number];

function duration(value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined) throw new InvalidArgumentError('expected a duration such as 90s, 10m, 1h');
  return ms;
}

export function registerSync(program: Program, ctx: Context): void {
  const cmd = program
    .command('sync')
    .description('copy the audit log into the local mirror, so investigations cost no API requests')
    .option('--since <time>', 'first run: copy from here instead of the whole log; before the mirror\'s oldest entry: fill the gap')
    .addOption(new Option('--overlap <duration>', 're-read this much before the newest entry held, for late arrivals').argParser(duration).default(600_000, '10m'))
    .option('--concurrency <n>', 'parallel page requests', positiveInt(16), 4)
    .addOption(new Option('-o, --output <format>', 'text (a line on stderr) or json (on stdout)').choices(SYNC_FORMATS).default('text' as SyncFormat));
  cmd.addHelpText(
    'after',
    examples([
      ['fibe-audit sync', 'first run copies the whole log; later runs fetch only what is new'],
      ['fibe-audit sync --since 90d', 'start the mirror with the last 90 days only'],
      ['*/10 * * * * fibe-audit sync -q', 'cron: keep the mirror fresh every 10 minutes'],
      ['fibe-audit sync -o json | jq .new', 'how many entries the run added'],
    ]),
  );
  cmd.action(async (_opts, command) => {
    const { runSyncCommand } = await import('./sync-run.js');
    await runSyncCommand(ctx, command);
  });
}
