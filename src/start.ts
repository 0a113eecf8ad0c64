// Process start, bundled on its own with no shared chunks: answers `fibe-audit --version` and plain
// `--help` (pre-rendered at build time) before anything else loads, so they cost little more than Node
// itself; everything else goes to cli.ts.
import { readFileSync, writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import { VERSION } from './version.js';
import { HELP_WIDTH, helpPageKey } from './help-pages.js';

/** `--version` (or `-V`) and nothing else: the text commander prints for it, known without commander. */
export function versionOnly(argv: readonly string[]): string | undefined {
  return argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V') ? `${VERSION}\n` : undefined;
}

// errors.ts has isBrokenPipe, but importing it here would bundle a second copy of the error classes.
const codeOf = (err: unknown) => (err as { code?: string } | null)?.code;

/**
 * Writes straight to file descriptor 1: creating process.stdout (a socket or TTY stream) costs more than
 * the rest of --version. A reader that left (EPIPE) is a normal stop; a full non-blocking pipe queues.
 */
function printDirect(text: string): void {
  let rest = Buffer.from(text);
  try {
    while (rest.length > 0) rest = rest.subarray(writeSync(1, rest));
  } catch (err) {
    if (codeOf(err) === 'EPIPE') return;
    if (codeOf(err) !== 'EAGAIN') throw err;
    process.stdout.on('error', (e) => {
      if (codeOf(e) !== 'EPIPE') throw e;
    });
    process.stdout.write(rest);
  }
}

/**
 * The pre-rendered page for a plain `[command...] --help`, when it would look the same as commander's:
 * piped, or on a terminal at least HELP_WIDTH wide. Undefined sends the request the long way.
 */
function prerenderedHelp(argv: readonly string[]): string | undefined {
  const key = helpPageKey(argv);
  if (key === undefined) return undefined;
  let pages: Record<string, string>;
  try {
    pages = JSON.parse(readFileSync(new URL('./help.json', import.meta.url), 'utf8')) as Record<string, string>;
  } catch {
    return undefined;
  }
  const page = pages[key];
  if (page === undefined) return undefined;
  if (isatty(1) && (process.stdout.columns ?? 0) < HELP_WIDTH) return undefined;
  return page;
}

/** What bin/fibe-audit.js runs (the build names this file dist/cli.js, and cli.ts dist/main.js). */
export async function run(): Promise<void> {
  const version = versionOnly(process.argv.slice(2));
  if (version !== undefined) return printDirect(version);
  const help = prerenderedHelp(process.argv.slice(2));
  if (help !== undefined) return printDirect(help);
  const cli = await import('./cli.js');
  await cli.run();
}
