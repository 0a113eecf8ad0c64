// Entry point: builds the context, runs the program, maps every outcome to an exit code (the only exit).
// Loaded by start.ts for everything but `--version`, which is answered there without loading this.
import { CommanderError } from '@commander-js/extra-typings';
import { systemContext, type Context } from './context.js';
import { EXIT, InterruptedError, UsageError, exitCodeFor, isBrokenPipe, reportError } from './errors.js';
import { createProgram } from './program.js';

const CLEAN_COMMANDER_EXITS = new Set(['commander.helpDisplayed', 'commander.version', 'commander.help']);

/** Refuses a key on the command line before anything else looks at argv (it leaks into history and ps). */
function rejectApiKeyFlag(argv: readonly string[]): void {
  for (const arg of argv) {
    if (arg === '--') return;
    if (arg === '--api-key' || arg.startsWith('--api-key=')) {
      throw new UsageError(
        'there is no --api-key flag: a key on the command line leaks into shell history and ps',
        "set FIBE_API_KEY, or store it with 'fibe-audit auth login --with-token' (reads stdin)",
      );
    }
  }
}

/**
 * `help <name>` for a name no command has: commander would print the whole help page and exit 2
 * without saying why; say it, as `fibe-audit <name>` does.
 */
function rejectUnknownHelpTopic(program: ReturnType<typeof createProgram>, argv: readonly string[]): void {
  const topic = argv[1];
  if (argv[0] !== 'help' || topic === undefined || topic.startsWith('-')) return;
  const known = program.commands.some((c) => c.name() === topic || c.aliases().includes(topic));
  if (!known) throw new UsageError(`unknown command '${topic}'`, "'fibe-audit --help' lists the commands");
}

/** Runs one invocation and returns its exit code; never exits the process itself. */
export async function main(argv: readonly string[], ctx: Context): Promise<number> {
  const verbose = argv.includes('--verbose');
  try {
    rejectApiKeyFlag(argv);
    const program = createProgram(ctx);
    // `help help`: commander has no page for its own help command; the whole help is the answer.
    if (argv[0] === 'help' && argv[1] === 'help') {
      program.outputHelp();
      return EXIT.ok;
    }
    rejectUnknownHelpTopic(program, argv);
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander has already printed its message (to stderr, via configureOutput).
      return CLEAN_COMMANDER_EXITS.has(err.code) && err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (ctx.signal.aborted && !(err instanceof InterruptedError)) {
      reportError(new InterruptedError(), ctx.io, false);
      return EXIT.interrupted;
    }
    reportError(err, ctx.io, verbose, [ctx.env.FIBE_API_KEY]);
    return exitCodeFor(err);
  }
}

/** The process wrapper used by bin/fibe-audit.js: signals, broken pipes, exit code. */
export async function run(): Promise<void> {
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(EXIT.interrupted);
    controller.abort(new InterruptedError());
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // A reader that left is a normal stop (`| head`). On stdout the data has nowhere to go: end now. On
  // stderr only notices are lost: carry on writing the data (stdout may still be read) and end as the
  // run decides. Either way no error reaches the closed stream, and nothing else may throw for it.
  process.stdout.on('error', (err) => {
    if (isBrokenPipe(err)) process.exit(EXIT.ok);
  });
  process.stderr.on('error', (err) => {
    if (!isBrokenPipe(err)) throw err;
  });
  const ctx = systemContext(controller.signal);
  const code = await main(process.argv.slice(2), ctx);
  process.exitCode = code;
}
