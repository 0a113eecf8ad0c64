// fibe-audit mirror status|drop: what the local mirror holds, and deleting it. No network.
// Only options live here; the work (mirror-run.ts) is loaded when a subcommand runs.
import { Option } from '@commander-js/extra-typings';
import type { Context } from '../context.js';
import { examples } from '../command-kit/examples.js';
import type { Program } from '../command-kit/registrar.js';

const STATUS_FORMATS = ['text', 'json'] as const;
export type StatusFormat = (typeof STATUS_FORMATS)[number];

export function registerMirror(program: Program, ctx: Context): void {
  const mirror = program.command('mirror').description('inspect or delete the local mirror (no network)');
  mirror.addHelpText(
    'after',
    examples([
      ['fibe-audit mirror status', 'entries, covered range, last sync and size of this account\'s mirror'],
      ['fibe-audit mirror status -o json | jq .covered', 'the covered range for a script'],
      ['fibe-audit mirror drop --yes', 'delete this account\'s mirror'],
    ]),
  );
  const status = mirror
    .command('status')
    .description('path, size, entries, covered range, last sync and key snapshot age of the mirror')
    .addOption(new Option('-o, --output <format>', 'output format').choices(STATUS_FORMATS).default('text' as StatusFormat));
  status.addHelpText(
    'after',
    examples([
      ['fibe-audit mirror status', 'how fresh the mirror is and what it covers'],
      ['fibe-audit mirror status -o json', 'the same as one JSON object'],
      ['fibe-audit --mirror ./audit.duckdb mirror status', 'a mirror file copied from another machine'],
    ]),
  );
  status.action(async (_opts, command) => {
    const { runMirrorStatus } = await import('./mirror-run.js');
    await runMirrorStatus(ctx, command);
  });
  const drop = mirror
    .command('drop')
    .description("delete this account's mirror (asks first on a terminal)")
    .option('--yes', 'do not ask (scripts)');
  drop.addHelpText(
    'after',
    examples([
      ['fibe-audit mirror drop', 'asks, then deletes the mirror'],
      ['fibe-audit mirror drop --yes', 'no question asked (scripts)'],
      ['fibe-audit --mirror ./audit.duckdb mirror drop --yes', 'delete a named mirror file'],
    ]),
  );
  drop.action(async (_opts, command) => {
    const { runMirrorDrop } = await import('./mirror-run.js');
    await runMirrorDrop(ctx, command);
  });
}
