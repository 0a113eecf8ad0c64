// A private build of the CLI for tests that spawn it (kill -9, Ctrl-C, two processes at once), so
// they never race another test or a benchmark rebuilding dist/.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export async function buildPrivateCli(name: string): Promise<{ bin: string; remove(): void }> {
  const dir = join(ROOT, 'node_modules', '.cache', `fibe-audit-${name}`, String(process.pid));
  rmSync(dir, { recursive: true, force: true });
  await promisify(execFile)(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--outdir', join(dir, 'dist')]);
  mkdirSync(join(dir, 'bin'), { recursive: true });
  copyFileSync(join(ROOT, 'bin', 'fibe-audit.js'), join(dir, 'bin', 'fibe-audit.js'));
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
  return { bin: join(dir, 'bin', 'fibe-audit.js'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Spawned {
  child: ChildProcess;
  /** Resolves once stderr holds n response lines of --verbose (progress measured in requests). */
  afterResponses(n: number): Promise<void>;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

export function spawnCli(bin: string, args: string[], env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH ?? '', HOME: env.HOME ?? '/nonexistent', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let responses = 0;
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => {
    const text = c.toString('utf8');
    stderr += text;
    responses += text.split('\n< ').length - 1 + (text.startsWith('< ') ? 1 : 0);
    for (const w of waiters.filter((x) => responses >= x.n)) w.resolve();
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  const afterResponses = (n: number) =>
    new Promise<void>((resolve) => {
      if (responses >= n) return resolve();
      waiters.push({ n, resolve });
      void done.then(() => resolve());
    });
  return { child, done, afterResponses };
}
