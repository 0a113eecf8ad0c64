// Builds the commander tree: global options of SPEC.md and one register call per command.
import { Command, Option, InvalidArgumentError } from '@commander-js/extra-typings';
import type { Context, GlobalOptions } from './context.js';
import { UsageError } from './errors.js';
import { parseDuration } from './time/duration.js';
import { resolveZone } from './time/zone.js';
import { applyColor } from './io.js';
import { sanitizeLine } from './render/sanitize.js';
import { redactSecrets } from './config/mask.js';
import { VERSION } from './version.js';
import { helpWidthFor } from './help-pages.js';
import { registerQuery } from './commands/query.js';
import { registerActor } from './commands/actor.js';
import { registerKeys } from './commands/keys.js';
import { registerSummary } from './commands/summary.js';
import { registerExport } from './commands/export.js';
import { registerAuth } from './commands/auth.js';
import { registerCompletion } from './commands/completion.js';

export type Program = ReturnType<typeof createBaseProgram>;

/** Formats the examples block every command's help ends with. */
export function examples(lines: Array<[string, string]>): string {
  const body = lines.map(([cmd, why]) => `  $ ${cmd}\n      ${why}`).join('\n');
  return `\nExamples:\n${body}\n`;
}

function parseMaxWait(value: string): string {
  if (parseDuration(value) === undefined) {
    throw new InvalidArgumentError('expected a duration such as 90s, 15m, 1h');
  }
  return value;
}

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
    .option('--max-wait <duration>', 'longest rate-limit/Retry-After wait before exit 75', parseMaxWait, '15m')
    .addOption(new Option('--api-key <key>').hideHelp())
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false, showGlobalOptions: true })
    .configureOutput({
      writeOut: (s) => ctx.io.stdout.write(s),
      writeErr: (s) => ctx.io.stderr.write(s),
      getOutHelpWidth: () => helpWidthFor(ctx.io.stdoutIsTTY, ctx.io.columns),
      getErrHelpWidth: () => helpWidthFor(ctx.io.stderrIsTTY, ctx.io.columns),
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

/**
 * Reads and validates the global options of the command being run. Every command calls this
 * first, so colour, zone and wait limits are settled before anything is printed.
 */
export function globalsOf(cmd: { optsWithGlobals(): Record<string, unknown> }, ctx: Context): GlobalOptions {
  const o = cmd.optsWithGlobals() as {
    profile?: string;
    domain?: string;
    color?: boolean;
    quiet?: boolean;
    verbose?: boolean;
    tz?: string;
    maxWait?: string;
  };
  const color = o.color !== false;
  applyColor(ctx.io, !color, ctx.env);
  const tzInput = o.tz ?? (ctx.env.FIBE_AUDIT_TZ || 'local');
  const tz = resolveZone(tzInput, ctx.env);
  if (!tz) {
    throw new UsageError(`--tz: unknown time zone '${tzInput}'`, 'use UTC, local or an IANA zone such as Europe/Berlin');
  }
  const maxWaitMs = parseDuration(o.maxWait ?? '15m') as number;
  return {
    ...(o.profile !== undefined ? { profile: o.profile } : {}),
    ...(o.domain !== undefined ? { domain: o.domain } : {}),
    color,
    quiet: Boolean(o.quiet),
    verbose: Boolean(o.verbose),
    tz,
    maxWaitMs,
  };
}

type Registrar = (program: Program, ctx: Context) => void;

/** One line per command; each module only defines options and lazy-loads its heavy parts. */
const REGISTRARS: Registrar[] = [
  registerQuery,
  registerActor,
  registerKeys,
  registerSummary,
  registerExport,
  registerAuth,
  registerCompletion,
];

export function createProgram(ctx: Context): Program {
  const program = createBaseProgram(ctx);
  for (const register of REGISTRARS) register(program, ctx);
  return program;
}
