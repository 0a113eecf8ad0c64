// IO streams, terminal facts and the colour decision, as one value passed to every command.
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { Chalk, type ChalkInstance } from 'chalk';

export interface IO {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  stdinIsTTY: boolean;
  /** Terminal width for stdout (80 when unknown or piped). */
  columns: number;
  /** Terminal width for stderr (80 when unknown or piped): progress and status lines fit this one. */
  errColumns: number;
  /** Colour for stdout, decided once from flags and env (see decideColor). */
  color: ChalkInstance;
  /** Colour for stderr notices (same decision, judged against stderr's TTY flag). */
  errColor: ChalkInstance;
}

/**
 * SPEC.md precedence: --no-color > FORCE_COLOR (non-empty, not "0") > NO_COLOR (non-empty)
 * > colour when the stream is a terminal.
 */
export function decideColor(
  noColorFlag: boolean,
  env: Record<string, string | undefined>,
  isTTY: boolean,
): boolean {
  if (noColorFlag) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY;
}

export function chalkFor(enabled: boolean): ChalkInstance {
  return new Chalk({ level: enabled ? 1 : 0 });
}

/** Re-decides colour once global options are known. */
export function applyColor(io: IO, noColorFlag: boolean, env: Record<string, string | undefined>): void {
  io.color = chalkFor(decideColor(noColorFlag, env, io.stdoutIsTTY));
  io.errColor = chalkFor(decideColor(noColorFlag, env, io.stderrIsTTY));
}

export function systemIO(): IO {
  const stdoutIsTTY = Boolean(process.stdout.isTTY);
  const stderrIsTTY = Boolean(process.stderr.isTTY);
  const io: IO = {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    stdoutIsTTY,
    stderrIsTTY,
    stdinIsTTY: Boolean(process.stdin.isTTY),
    columns: stdoutIsTTY ? process.stdout.columns || 80 : 80,
    // `summary > file` on a terminal: the progress line on stderr still fits the terminal.
    errColumns: stderrIsTTY ? process.stderr.columns || 80 : 80,
    color: chalkFor(false),
    errColor: chalkFor(false),
  };
  applyColor(io, false, process.env);
  return io;
}

export interface TestIO extends IO {
  out(): string;
  err(): string;
  /** Feeds text to stdin and ends it. */
  writeStdin(text: string): void;
}

export interface TestIOOptions {
  tty?: boolean;
  stdinTTY?: boolean;
  columns?: number;
  /** stderr's width when it differs from stdout's (stdout redirected to a file, say). */
  errColumns?: number;
}

/** In-memory IO for tests: capture stdout/stderr, script stdin, pretend to be a terminal. */
export function testIO(opts: TestIOOptions = {}): TestIO {
  const outChunks: Buffer[] = [];
  const errChunks: Buffer[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (c: Buffer) => outChunks.push(c));
  stderr.on('data', (c: Buffer) => errChunks.push(c));
  const stdin = new PassThrough();
  const tty = opts.tty ?? false;
  return {
    stdout,
    stderr,
    stdin,
    stdoutIsTTY: tty,
    stderrIsTTY: tty,
    stdinIsTTY: opts.stdinTTY ?? false,
    columns: opts.columns ?? (tty ? 100 : 80),
    errColumns: opts.errColumns ?? opts.columns ?? (tty ? 100 : 80),
    color: chalkFor(false),
    errColor: chalkFor(false),
    out: () => Buffer.concat(outChunks).toString('utf8'),
    err: () => Buffer.concat(errChunks).toString('utf8'),
    writeStdin: (text: string) => {
      stdin.end(text);
    },
  };
}
