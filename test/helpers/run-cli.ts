// runCli(argv, opts): one fibe-audit invocation in-process with a test context; returns its output.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli.js';
import { openSession, type Context } from '../../src/context.js';
import type { Env } from '../../src/global-options.js';
import { DEFAULT_HTTP_TUNING, type HttpTuning } from '../../src/api/tuning.js';
import { testIO, type TestIO } from '../../src/io.js';
import type { SimClock } from './sim-clock.js';

export const FIXED_NOW = new Date('2026-11-26T12:00:00.000Z');

export interface RunOptions {
  tty?: boolean;
  columns?: number;
  /** stderr's width when it differs from stdout's. */
  errColumns?: number;
  env?: Env;
  stdin?: string;
  stdinTTY?: boolean;
  now?: Date | (() => Date);
  /** Records every sleep instead of waiting (default); set false to really wait. */
  fakeSleep?: boolean;
  http?: Partial<HttpTuning>;
  signal?: AbortSignal;
  /** A simulated clock (sim-clock.ts): sleeps advance it; replaces `now` and `fakeSleep`. */
  clock?: SimClock;
  configDir?: string;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  sleeps: number[];
  io: TestIO;
}

export function tempDir(prefix = 'fibe-audit-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function testContext(opts: RunOptions = {}): { ctx: Context; io: TestIO; sleeps: number[] } {
  const io = testIO({
    ...(opts.tty !== undefined ? { tty: opts.tty } : {}),
    ...(opts.columns !== undefined ? { columns: opts.columns } : {}),
    ...(opts.errColumns !== undefined ? { errColumns: opts.errColumns } : {}),
    ...(opts.stdinTTY !== undefined ? { stdinTTY: opts.stdinTTY } : {}),
  });
  if (opts.stdin !== undefined) io.writeStdin(opts.stdin);
  const sleeps: number[] = opts.clock?.sleeps ?? [];
  const now = opts.clock ? () => (opts.clock as SimClock).now() : (opts.now ?? FIXED_NOW);
  const configDir = opts.configDir ?? tempDir();
  const ctx: Context = {
    io,
    env: {
      HOME: configDir,
      XDG_CONFIG_HOME: join(configDir, 'xdg'),
      FIBE_AUDIT_CONFIG_DIR: join(configDir, 'fibe-audit'),
      FIBE_AUDIT_TZ: 'UTC',
      ...opts.env,
    },
    now: typeof now === 'function' ? now : () => new Date(now.getTime()),
    sleep: opts.clock
      ? (ms, signal) => (opts.clock as SimClock).sleep(ms, signal)
      : opts.fakeSleep === false
        ? (ms, signal) => new Promise((resolve, reject) => {
            const t = setTimeout(resolve, ms);
            signal?.addEventListener('abort', () => { clearTimeout(t); reject(signal.reason); }, { once: true });
          })
        : async (ms) => {
            sleeps.push(ms);
          },
    random: () => 0.5,
    signal: opts.signal ?? new AbortController().signal,
    http: { ...DEFAULT_HTTP_TUNING, ...opts.http },
    createApi(globals) {
      return openSession(this, globals);
    },
  };
  return { ctx, io, sleeps };
}

export async function runCli(argv: string[], opts: RunOptions = {}): Promise<RunResult> {
  const { ctx, io, sleeps } = testContext(opts);
  const exitCode = await main(argv, ctx);
  return { stdout: io.out(), stderr: io.err(), exitCode, sleeps, io };
}
