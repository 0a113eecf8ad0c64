// Runs the BUILT CLI (node bin/fibe-audit.js) as a child and measures it: wall time from spawn to
// exit, peak RSS (via rss-preload.mjs), exit code and stderr (where the export summary is).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PRELOAD = fileURLToPath(new URL('./rss-preload.mjs', import.meta.url));
const BIN = join(ROOT, 'bin', 'fibe-audit.js');

export interface CliRun {
  exitCode: number | null;
  wallMs: number;
  /** Peak resident set size of the CLI process, bytes. */
  maxRssBytes: number;
  stderr: string;
}

export async function runBuiltCli(args: string[], env: Record<string, string>, cwd: string): Promise<CliRun> {
  const scratch = mkdtempSync(join(tmpdir(), 'fibe-bench-rss-'));
  const rssFile = join(scratch, 'rss');
  const home = join(scratch, 'home');
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', PRELOAD, BIN, ...args], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      FIBE_AUDIT_CONFIG_DIR: join(home, 'config'),
      XDG_CONFIG_HOME: join(home, 'xdg'),
      FIBE_BENCH_RSS_FILE: rssFile,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const [code] = (await once(child, 'exit')) as [number | null];
  const wallMs = performance.now() - started;
  let maxRssBytes = Number.NaN;
  try {
    maxRssBytes = Number(readFileSync(rssFile, 'utf8').trim()) * 1024;
  } catch {
    // the process died before its exit hook ran
  }
  rmSync(scratch, { recursive: true, force: true });
  return { exitCode: code, wallMs, maxRssBytes, stderr };
}

/** `exported 12,345 entries ... 130 requests` -> {entries, requests}. */
export function readSummary(stderr: string): { entries: number; requests: number } | null {
  const m = /exported ([\d,]+) entr(?:y|ies) .*?, ([\d,]+) requests?/.exec(stderr);
  if (!m) return null;
  const num = (s: string) => Number(s.replaceAll(',', ''));
  return { entries: num(m[1] as string), requests: num(m[2] as string) };
}
