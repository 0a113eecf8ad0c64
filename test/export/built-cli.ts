// A private build of the CLI for spawned tests (SIGINT, kill -9): same esbuild settings as
// scripts/build.mjs, into node_modules/.cache so it never races another test rebuilding dist/.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const buildDir = () => join(ROOT, 'node_modules', '.cache', 'fibe-audit-export-test', String(process.pid));

/** Builds once per test file; returns the path of a bin/fibe-audit.js that loads the fresh bundle. */
export async function buildPrivateCli(): Promise<string> {
  const dir = buildDir();
  rmSync(dir, { recursive: true, force: true });
  const { build } = await import('esbuild');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  await build({
    entryPoints: [join(ROOT, 'src', 'cli.ts')],
    outdir: join(dir, 'dist'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    define: { __FIBE_AUDIT_VERSION__: JSON.stringify(pkg.version) },
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
  });
  mkdirSync(join(dir, 'bin'), { recursive: true });
  copyFileSync(join(ROOT, 'bin', 'fibe-audit.js'), join(dir, 'bin', 'fibe-audit.js'));
  // Under node_modules the package scope would not be ours: mark the copy as ESM itself.
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
  return join(dir, 'bin', 'fibe-audit.js');
}

export function removePrivateCli(): void {
  rmSync(buildDir(), { recursive: true, force: true });
}

export interface Spawned {
  child: ChildProcess;
  stderr(): string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnCli(bin: string, args: string[], env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, [bin, ...args], {
    env: { PATH: process.env.PATH ?? '', FIBE_AUDIT_TZ: 'UTC', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
  child.stdout!.resume();
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, stderr: () => err, exit };
}
