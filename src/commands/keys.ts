// fibe-audit keys: every API key of the account with what the audit log saw of it in the window
// (default 30 days): one walk over channel=api entries, counting per key id in both wire styles.
// Only options and help live here; the work (keys-run.ts) is loaded when the command runs.
import { Option } from '@commander-js/extra-typings';
import type { Context } from '../context.js';
import { examples } from '../command-kit/examples.js';
import type { Program } from '../command-kit/registrar.js';
import { csvGuardOption } from '../command-kit/shared-options.js';
import { VIEW_FORMATS, type ViewFormat } from '../render/output.js';


export function registerKeys(program: Program, ctx: Context): void {
  const cmd = program
    .command('keys')
    .description('list API keys with scopes, expiry and their activity in the audit log (needs keys:manage)')
    .option('--since <time>', 'window start for activity: 90s, 15m, 24h, 7d, 2w, today, 2026-11-25, ISO instant (default: the last 30 days)')
    .option('--until <time>', 'window end, same forms; a bare date means the end of that day (default: now)')
    .addOption(new Option('-o, --output <format>', 'output format').choices(VIEW_FORMATS).default('table' as ViewFormat))
    .addOption(csvGuardOption());
  cmd.addHelpText(
    'after',
    examples([
      ['fibe-audit keys', 'every key, which ones expired, and how much each did in the last 30 days'],
      ['fibe-audit keys --since 90d', 'spot keys idle for three months'],
      ['fibe-audit keys -o json | jq \'.[] | select(.entries == 0) | .label\'', 'labels of keys with no activity'],
      ['fibe-audit keys -o csv > keys.csv', 'the key inventory as CSV'],
    ]),
  );
  cmd.action(async (_opts, command) => {
    const { runKeys } = await import('./keys-run.js');
    await runKeys(ctx, command);
  });
}
