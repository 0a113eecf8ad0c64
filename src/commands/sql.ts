// fibe-audit sql "<statement>": SQL on the local mirror, read-only and closed to the world. No network.
// Only options live here; the work (sql-run.ts) is loaded when the command runs.
import { Option } from '@commander-js/extra-typings';
import type { Context } from '../context.js';
import { examples } from '../command-kit/examples.js';
import type { Program } from '../command-kit/registrar.js';
import { csvGuardOption } from '../command-kit/shared-options.js';
import { ENTRY_FORMATS, type EntryFormat } from '../render/output.js';

export function registerSql(program: Program, ctx: Context): void {
  const sql = program
    .command('sql')
    .description('run one read-only SQL SELECT on the local mirror (views: entries, keys); no network')
    .argument('<statement>', "the statement, or '-' to read it from stdin")
    .addOption(new Option('-o, --output <format>', 'output format').choices(ENTRY_FORMATS).default('table' as EntryFormat))
    .addOption(csvGuardOption());
  sql.addHelpText(
    'after',
    examples([
      ["fibe-audit sql \"select actor_label, count(*) n from entries where action like 'secret.%' group by 1 order by n desc\"", 'which actors touched secrets'],
      ["fibe-audit sql \"select min(created_at) from entries where actor_kind = 'genie' and action like '%.destroyed'\"", 'the first time a Genie deleted anything'],
      ["fibe-audit sql -o json \"select label, scopes from keys where agent_accessible\"", 'the Genie keys and their scopes, as JSON'],
      ['fibe-audit sql - < question.sql', 'read the statement from a file'],
    ]),
  );
  sql.action(async (statement, _opts, command) => {
    const { runSql } = await import('./sql-run.js');
    await runSql(ctx, statement, command);
  });
}
