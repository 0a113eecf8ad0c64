// Starts the standalone emulator (test/emulator/main.ts --json) in its own process, so its CPU and
// memory never mix with the measured CLI's, and reads the URL and keys from its first stdout line.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface EmulatorProcess {
  url: string;
  keys: Record<string, string>;
  child: ChildProcess;
  stop(): Promise<void>;
}

export interface EmulatorProcessOptions {
  entries: number;
  seed?: number;
  /** Requests per hour per player; omitted = the emulator's default. */
  rateLimit?: number;
  /** Added to every response (--latency), as on a real network. */
  latencyMs?: number;
}

export async function startEmulatorProcess(opts: EmulatorProcessOptions): Promise<EmulatorProcess> {
  // --warm: the emulator serialises its entries before it reports ready, so during the measured runs
  // it spends as little as possible of the CPU the CLI shares with it.
  const args = ['--import', 'tsx', 'test/emulator/main.ts', '--port', '0', '--entries', String(opts.entries), '--seed', String(opts.seed ?? 1), '--warm', '--json'];
  if (opts.rateLimit !== undefined) args.push('--rate-limit', String(opts.rateLimit));
  if (opts.latencyMs !== undefined) args.push('--latency', String(opts.latencyMs));
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`the emulator exited (${code}) before it was ready`);
  });
  const first = once(lines, 'line').then(([line]) => line as string);
  const line = await Promise.race([first, exited]);
  exited.catch(() => undefined);
  const info = JSON.parse(line) as { url: string; keys: Record<string, string> };
  return {
    url: info.url,
    keys: info.keys,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
