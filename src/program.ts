// Builds the commander tree: global options of SPEC.md and one register call per command.
import { Command, Help, Option, InvalidArgumentError } from '@commander-js/extra-typings';
import type { Context } from './context.js';
import { parseDuration } from './time/duration.js';
import { sanitizeLine } from './text/sanitize.js';
import { redactSecrets } from './config/mask.js';
import { VERSION } from './version.js';
import { helpWidthFor } from './help-pages.js';
import { examples } from './command-kit/examples.js';
import { rejectStrayArguments } from './command-kit/stray-arguments.js';
import type { Registrar } from './command-kit/registrar.js';
import { registerQuery } from './commands/query.js';
import { registerActor } from './commands/actor.js';
import { registerKeys } from './commands/keys.js';
import { registerSummary } from './commands/summary.js';
import { registerExport } from './commands/export.js';
import { registerReport } from './commands/report.js';
import { registerAuth } from './commands/auth.js';
import { registerCompletion } from './commands/completion.js';
import { registerCompleteWords } from './commands/complete-words.js';
import { SOURCE_MODES } from './global-options.js';
import { registerSync } from './commands/sync.js';
import { registerMirror } from './commands/mirror.js';
import { registerSql } from './commands/sql.js';

export type RootProgram = ReturnType<typeof createBaseProgram>;

/** A duration, or a bare `0`: never wait, exit 75 at once when a wait would be needed. */
function parseMaxWait(value: string): string {
  if (value.trim() === '0') return '0';
  if (parseDuration(value) === undefined) {
    throw new InvalidArgumentError('expected a duration such as 90s, 15m, 1h, or 0 to never wait');
  }
  return value;
}

// Help wraps at any width (commander stops wrapping descriptions narrower than 40 cells): below
// MIN_DESCRIPTION cells beside the option names, a description moves under its option instead.
const MIN_DESCRIPTION = 20;
const NARROW_HELP = {
  minWidthToWrap: MIN_DESCRIPTION,
  formatItem(this: Help, term: string, termWidth: number, description: string, helper: Help): string {
    const width = this.helpWidth ?? 80;
    if (!description || width - termWidth - 4 >= MIN_DESCRIPTION) return Help.prototype.formatItem.call(this, term, termWidth, description, helper);
    return `  ${term}\n      ${helper.boxWrap(description, width - 6).replace(/\n/g, '\n      ')}`;
  },
};

function createBaseProgram(ctx: Context) {
  const program = new Command()
    .name('fibe-audit')
    .description('Investigate the Fibe audit log: who did what, through which key, and safe exports.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .option('--profile <name>', 'stored profile to use (env FIBE_PROFILE)')
    .option('--domain <host-or-url>', 'Fibe deployment (env FIBE_DOMAIN; default fibe.gg)')
    .option('--no-color', 'no ANSI colour (also NO_COLOR; FORCE_COLOR forces it)')
    .option('-q, --quiet', 'no notices, progress or summaries on stderr')
    .option('--verbose', 'log each HTTP request/response to stderr (key redacted)')
    .option('--tz <zone>', 'UTC, local or an IANA zone for display and dates (env FIBE_AUDIT_TZ; default local)')
    .option('--max-wait <duration>', 'longest rate-limit/Retry-After wait before exit 75 (0: never wait)', parseMaxWait, '15m')
    .addOption(new Option('--source <source>', 'where answers come from: auto (mirror when it covers the question), api or mirror (env FIBE_AUDIT_SOURCE)').choices(SOURCE_MODES))
    .option('--mirror <path>', 'use this mirror file instead of the account\'s mirror in the data directory')
    .addOption(new Option('--api-key <key>').hideHelp())
    .showSuggestionAfterError(true)
    // Extra words reach rejectStrayArguments (preAction), which names them; commander would only count them.
    .allowExcessArguments(true)
    .hook('preAction', (_root, action) => rejectStrayArguments(action))
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true, ...NARROW_HELP })
    .configureOutput({
      writeOut: (s) => ctx.io.stdout.write(s),
      writeErr: (s) => ctx.io.stderr.write(s),
      getOutHelpWidth: () => helpWidthFor(ctx.io.stdoutIsTTY, ctx.io.columns),
      getErrHelpWidth: () => helpWidthFor(ctx.io.stderrIsTTY, ctx.io.errColumns),
      // commander quotes argv back in its errors: argv can carry escapes, or a key pasted in the wrong place.
      outputError: (s, write) => write(ctx.io.errColor.red(sanitizeLine(redactSecrets(s.trimEnd(), [ctx.env.FIBE_API_KEY]), true)) + '\n'),
    })
    .exitOverride();
  program.addHelpText(
    'after',
    examples([
      ['fibe-audit query --action trick.destroyed --since 24h', 'who destroyed tricks in the last day'],
      ['fibe-audit actor key:15', 'everything API key 15 did in the last 30 days'],
      ['fibe-audit export --checkpoint ~/.fibe-audit.ckpt --out audit-{date}.csv', 'nightly incremental export for cron'],
      ['FIBE_API_KEY=... fibe-audit auth status', 'check a key without storing it'],
    ]),
  );
  return program;
}


/** One line per command; each module only defines options and lazy-loads its heavy parts. */
const REGISTRARS: Registrar[] = [
  registerQuery,
  registerActor,
  registerKeys,
  registerSummary,
  registerExport,
  registerReport,
  registerSync,
  registerMirror,
  registerSql,
  registerAuth,
  registerCompletion,
  registerCompleteWords,
];

export function createProgram(ctx: Context): RootProgram {
  const program = createBaseProgram(ctx);
  for (const register of REGISTRARS) register(program, ctx);
  return program;
}
