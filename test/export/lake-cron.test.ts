// Checkpointed lake runs from cron: every id exactly once across all files, entries arriving (and
// sharing a timestamp) between runs; a run killed with SIGKILL leaves no file under a final name, and
// a run that died between placing its files and moving the checkpoint is finished by the next one.
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli, tempDir } from '../helpers/run-cli.js';
import { buildPrivateCli, spawnCli } from '../mirror/built-cli.js';
import { parquetFiles, readWithDuckDB } from './parquet-helpers.js';

let emu: Emulator;
let env: Record<string, string>;
const later = (minutes: number) => new Date(FIXED_NOW.getTime() + minutes * 60_000);

beforeAll(async () => {
  emu = await startEmulator({ entries: 3_000, seed: 41, now: () => clock });
  env = { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url };
});
afterAll(async () => {
  await emu.close();
});
let clock = FIXED_NOW;

async function lakeIds(dir: string): Promise<number[]> {
  if (parquetFiles(dir).length === 0) return [];
  return (await readWithDuckDB(join(dir, '**', '*.parquet'), true)).map((r) => Number(r.id));
}
const allIds = async () => {
  const out = await runCli(['export', '--out', '-', '--format', 'ndjson'], { env, now: clock });
  return out.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: number }).id);
};
const lakeRun = (dir: string, ckpt: string) =>
  runCli(['export', '--format', 'parquet', '--partition', 'day', '--out', dir, '--checkpoint', ckpt, '--manifest'], { env, now: clock });

describe('lake runs with --checkpoint', () => {
  it('export every id exactly once across runs, with arrivals (and shared timestamps) in between', async () => {
    const dir = join(tempDir(), 'lake');
    const ckpt = join(tempDir(), 'lake.ckpt');
    clock = FIXED_NOW;
    expect((await lakeRun(dir, ckpt)).exitCode).toBe(0);
    for (let run = 1; run <= 3; run++) {
      clock = later(run * 10);
      emu.addEntries(5, { sameTimestampAs: 'newest' });
      emu.addEntries(20);
      const r = await lakeRun(dir, ckpt);
      expect(r.exitCode, r.stderr).toBe(0);
    }
    clock = later(45);
    const idle = await lakeRun(dir, ckpt);
    expect(idle.exitCode).toBe(0);
    expect(idle.stderr).toContain('nothing new since the checkpoint');
    const ids = await lakeIds(dir);
    expect(ids).toEqual(await allIds());
    expect(new Set(ids).size).toBe(ids.length);
    expect(readdirSync(join(dir, '_manifests')).filter((f) => f.endsWith('.json'))).toHaveLength(4);
  });

  it('finishes a run recorded in the journal (files partly placed, checkpoint not yet moved) before going on', async () => {
    const dir = join(tempDir(), 'lake');
    const ckpt = join(tempDir(), 'lake.ckpt');
    clock = later(100);
    expect((await lakeRun(dir, ckpt)).exitCode).toBe(0);
    const firstCheckpoint = readFileSync(ckpt, 'utf8');
    const before = new Set(parquetFiles(dir));
    clock = later(110);
    emu.addEntries(30);
    expect((await lakeRun(dir, ckpt)).exitCode).toBe(0);
    // Wind the second run back to a crash mid-commit: journal written, its first file placed, the
    // others still under temporary names, the checkpoint not yet moved.
    const files = parquetFiles(dir)
      .filter((name) => !before.has(name))
      .map((name) => ({ path: join(dir, name), temp: join(dir, `${name}.journal-test.tmp`) }));
    expect(files.length).toBeGreaterThanOrEqual(1);
    for (const f of files.slice(1)) renameSync(f.path, f.temp);
    writeFileSync(`${ckpt}.pending`, JSON.stringify({ files, checkpoint: JSON.parse(readFileSync(ckpt, 'utf8')) }));
    writeFileSync(ckpt, firstCheckpoint);
    clock = later(120);
    const r = await lakeRun(dir, ckpt);
    expect(r.exitCode, r.stderr).toBe(0);
    const placed = files.length - 1;
    expect(r.stderr).toContain(`finished an interrupted lake run first: ${placed} ${placed === 1 ? 'file' : 'files'} placed, checkpoint moved`);
    expect(r.stderr).toContain('nothing new since the checkpoint');
    expect(existsSync(`${ckpt}.pending`)).toBe(false);
    for (const f of files) expect(existsSync(f.path)).toBe(true);
    const ids = await lakeIds(dir);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(await allIds());
  });
});

describe('lake runs killed with SIGKILL', () => {
  it('leave no file under a final name, and the next run completes the set', async () => {
    const { bin, remove } = await buildPrivateCli('lake-crash');
    const slow = await startEmulator({ entries: 20_000, seed: 43, now: FIXED_NOW, faults: { latencyMs: 15 } });
    try {
      const dir = join(tempDir(), 'lake');
      const ckpt = join(tempDir(), 'lake.ckpt');
      const cliEnv = { FIBE_API_KEY: slow.keys.full, FIBE_DOMAIN: slow.url, FIBE_AUDIT_CONFIG_DIR: tempDir() };
      const args = ['--verbose', 'export', '--format', 'parquet', '--partition', 'day', '--out', dir, '--checkpoint', ckpt, '--until', FIXED_NOW.toISOString()];
      for (const afterResponses of [5, 60, 150, 203]) {
        const run = spawnCli(bin, args, cliEnv);
        await run.afterResponses(afterResponses);
        run.child.kill('SIGKILL');
        const end = await run.done;
        if (end.code === 0) continue;
        // Nothing under a final name unless the checkpoint (or its journal) accounts for it.
        if (!existsSync(ckpt) && !existsSync(`${ckpt}.pending`)) expect(parquetFiles(dir)).toEqual([]);
      }
      const final = spawnCli(bin, args.slice(1), cliEnv);
      expect((await final.done).code).toBe(0);
      const ids = await lakeIds(dir);
      expect(ids).toHaveLength(20_000);
      expect(new Set(ids).size).toBe(20_000);
    } finally {
      await slow.close();
      remove();
    }
  }, 180_000);
});
