// The built bin under real signals: Ctrl-C (SIGINT) mid-export exits 130 and removes its temp file;
// kill -9 leaves the previous checkpoint valid and nothing under the final name, and the next run
// exports exactly what was missing.
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { tempDir } from '../helpers/run-cli.js';
import { buildPrivateCli, removePrivateCli, spawnCli } from './built-cli.js';
import { idsOfFile, partialsIn } from './harness.js';

let emu: Emulator;
let bin: string;
let home: string;

beforeAll(async () => {
  bin = await buildPrivateCli();
  // Real clock: the spawned CLI reads the real time too.
  emu = await startEmulator({ entries: 3_000, seed: 31, rateLimitPerHour: 1_000_000 });
  home = tempDir();
}, 60_000);
afterAll(async () => {
  await emu.close();
  removePrivateCli();
});

const env = () => ({
  FIBE_API_KEY: emu.keys.full,
  FIBE_DOMAIN: emu.url,
  HOME: home,
  FIBE_AUDIT_CONFIG_DIR: join(home, 'config'),
  XDG_CONFIG_HOME: join(home, 'xdg'),
});

/** What the run left in a TMPDIR: Node 22+ keeps its own compile cache there (bin/fibe-audit.js asks for it). */
const leftIn = (tmp: string) => readdirSync(tmp).filter((n) => n !== 'node-compile-cache');

/** Resolves once the export's temp file exists, i.e. entries are being written. */
async function waitForPartial(dir: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (partialsIn(dir).length === 0) {
    if (Date.now() > until) throw new Error(`no temp file appeared in ${dir}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('signals (spawned bin)', () => {
  it('SIGINT mid-export: exit 130, no file under the final name, no temp file', async () => {
    const dir = tempDir();
    emu.setFaults({ latencyMs: 150 });
    try {
      const run = spawnCli(bin, ['export', '--out', join(dir, 'audit.csv'), '--concurrency', '1'], env());
      await waitForPartial(dir);
      run.child.kill('SIGINT');
      const { code } = await run.exit;
      expect(code).toBe(130);
      expect(run.stderr()).toBe('error: interrupted\n');
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      emu.setFaults({ latencyMs: 0 });
    }
  }, 30_000);

  it('SIGINT mid-Parquet export: exit 130, no file, and the private scratch directory (0700, beside --out) gone', async () => {
    const dir = tempDir();
    const tmp = tempDir();
    emu.setFaults({ latencyMs: 150 });
    try {
      const run = spawnCli(bin, ['export', '--out', join(dir, 'audit.parquet'), '--concurrency', '1'], { ...env(), TMPDIR: tmp });
      await waitForPartial(dir);
      // The engine reads its pipe by now, in the export's scratch directory beside the output.
      const scratchOf = () => readdirSync(dir).find((n) => n.startsWith('.fibe-audit-'));
      const until = Date.now() + 20_000;
      while (!(scratchOf() && readdirSync(join(dir, scratchOf() as string)).some((n) => n.startsWith('lines-'))) && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 20));
      }
      const scratch = join(dir, scratchOf() as string);
      expect(readdirSync(scratch).some((n) => n.startsWith('lines-'))).toBe(true);
      expect(statSync(scratch).mode & 0o777).toBe(0o700);
      run.child.kill('SIGINT');
      const { code } = await run.exit;
      expect(code).toBe(130);
      expect(run.stderr()).toBe('error: interrupted\n');
      expect(readdirSync(dir)).toEqual([]);
      expect(leftIn(tmp)).toEqual([]);
    } finally {
      emu.setFaults({ latencyMs: 0 });
    }
  }, 30_000);

  it('Parquet to stdout whose reader has gone: exit 0, and nothing left in TMPDIR', async () => {
    const tmp = tempDir();
    const run = spawnCli(bin, ['export', '--format', 'parquet', '--out', '-'], { ...env(), TMPDIR: tmp });
    // The reader leaves before the file comes: the first write fails (EPIPE), which ends the process
    // at once (cli.ts), before any finally of the export runs.
    run.child.stdout!.destroy();
    const { code } = await run.exit;
    expect(code).toBe(0);
    expect(run.stderr()).toMatch(/^$|exported/);
    expect(leftIn(tmp)).toEqual([]);
  }, 30_000);

  it('a Parquet file needs no TMPDIR (its scratch sits beside --out); stdout needs one and says so in one line', async () => {
    const dir = tempDir();
    // Under a file: no one can make it (Node 22+ would make a missing one for its compile cache).
    const blocker = join(tempDir(), 'a-file');
    writeFileSync(blocker, '');
    const missing = join(blocker, 'tmp');
    const toFile = spawnCli(bin, ['export', '--out', join(dir, 'audit.parquet')], { ...env(), TMPDIR: missing });
    expect((await toFile.exit).code, toFile.stderr()).toBe(0);
    expect(readdirSync(dir)).toEqual(['audit.parquet']);
    const toStdout = spawnCli(bin, ['export', '--format', 'parquet', '--out', '-'], { ...env(), TMPDIR: missing });
    expect((await toStdout.exit).code).toBe(1);
    expect(toStdout.stderr()).toBe(
      `error: cannot make a temporary directory in '${missing}' (TMPDIR): ENOTDIR\nhint: a Parquet export to stdout needs one: set TMPDIR to a writable directory, or export to a file with --out\n`,
    );
  }, 30_000);

  it('kill -9 mid-export keeps the last checkpoint, and the next run exports exactly the missing entries', async () => {
    const dir = tempDir();
    const ckpt = join(dir, 'export.ckpt');
    const first = spawnCli(bin, ['export', '--checkpoint', ckpt, '--out', join(dir, 'run1.ndjson')], env());
    expect((await first.exit).code).toBe(0);
    const saved = readFileSync(ckpt, 'utf8');
    const exported1 = idsOfFile(join(dir, 'run1.ndjson'));
    expect(exported1.length).toBe(emu.data.count);

    const missing = emu.addEntries(1_500).map((e) => e.id);
    emu.setFaults({ latencyMs: 150 });
    try {
      const killed = spawnCli(bin, ['export', '--checkpoint', ckpt, '--out', join(dir, 'run2.ndjson'), '--concurrency', '1'], env());
      await waitForPartial(dir);
      killed.child.kill('SIGKILL');
      expect((await killed.exit).signal).toBe('SIGKILL');
    } finally {
      emu.setFaults({ latencyMs: 0 });
    }
    expect(existsSync(join(dir, 'run2.ndjson'))).toBe(false);
    expect(readFileSync(ckpt, 'utf8')).toBe(saved);
    expect(JSON.parse(saved)).toMatchObject({ version: 1, exported_total: exported1.length });

    const next = spawnCli(bin, ['export', '--checkpoint', ckpt, '--out', join(dir, 'run2.ndjson')], env());
    expect((await next.exit).code).toBe(0);
    expect(next.stderr()).toMatch(/^exported 1,500 entries to .*run2\.ndjson in /);
    expect(idsOfFile(join(dir, 'run2.ndjson'))).toEqual(missing);
  }, 60_000);
});
