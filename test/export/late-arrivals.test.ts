// Late arrivals and checkpointed exports: entries stamped before the checkpoint's instant but arriving
// after the run that moved it are exported by the next run (within the 2-minute overlap), exactly
// once, in every format and from every source; and checkpoints from before the overlap mark resume.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli, tempDir } from '../helpers/run-cli.js';
import { idsOfFile, sortedAsc } from './harness.js';
import { readWithDuckDB } from './parquet-helpers.js';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

interface SavedCheckpoint {
  last_created_at: string;
  overlap?: { seen_since: string; seen_ids: number[] };
  follow?: unknown;
}
const MINUTE = 60_000;
const readCkpt = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as SavedCheckpoint;
const dupes = (ids: number[]) => ids.filter((id, i) => ids.indexOf(id) !== i);

/** A fixed clock the test moves; the emulator and each run read it. */
function movingClock() {
  let t = FIXED_NOW.getTime();
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

describe('checkpointed exports with late arrivals', () => {
  it.each([
    ['ndjson', 'api'],
    ['ndjson', 'mirror'],
    ['lake', 'api'],
    ['lake', 'mirror'],
  ] as const)('%s from --source %s: over several runs the union holds every id exactly once', async (kind, source) => {
    const clock = movingClock();
    emu = await startEmulator({ entries: 1_500, seed: 33, now: clock.now });
    const dir = tempDir();
    const ckpt = join(dir, 'export.ckpt');
    const env = { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url, FIBE_AUDIT_DATA_DIR: join(dir, 'data') };
    const lake = join(dir, 'lake');
    const files: string[] = [];
    const run = async (n: number) => {
      const now = clock.now();
      if (source === 'mirror') expect((await runCli(['sync'], { env, now })).exitCode).toBe(0);
      const out = kind === 'lake' ? ['--partition', 'day', '--out', lake] : ['--out', join(dir, `run-${n}.ndjson`)];
      const r = await runCli(['--source', source, 'export', '-q', '--checkpoint', ckpt, '--since', '3d', ...out], { env, now });
      expect(r.exitCode, r.stderr).toBe(0);
      if (kind === 'ndjson') files.push(join(dir, `run-${n}.ndjson`));
    };

    await run(0);
    const late: number[] = [];
    for (let n = 1; n <= 3; n++) {
      const last = Date.parse(readCkpt(ckpt).last_created_at);
      clock.advance(MINUTE);
      // Stamped before the checkpoint's instant, arriving only now; one exactly at it; and new ones.
      late.push(...emu.addEntries(2, { at: new Date(last - 30_000) }).map((e) => e.id));
      late.push(...emu.addEntries(1, { at: new Date(last - 100_000 + n) }).map((e) => e.id));
      late.push(...emu.addEntries(1, { at: new Date(last) }).map((e) => e.id));
      emu.addEntries(4);
      await run(n);
    }

    const union =
      kind === 'lake'
        ? (await readWithDuckDB(join(lake, '**', '*.parquet'), true)).map((r) => Number(r.id))
        : files.flatMap((f) => idsOfFile(f));
    const want = emu.data.queryIds({ created_after: new Date(FIXED_NOW.getTime() - 3 * 24 * 60 * MINUTE).toISOString(), sort: 'created_at_asc' });
    expect(dupes(union)).toEqual([]);
    expect(union).toEqual(expect.arrayContaining(late));
    expect(sortedAsc(union)).toEqual(sortedAsc(want));

    // The mark holds only the ids of the overlap before the checkpoint's instant (memory stays bounded).
    const saved = readCkpt(ckpt);
    const since = Date.parse(saved.last_created_at) - 2 * MINUTE;
    expect(saved.overlap?.seen_since).toBe(new Date(since).toISOString());
    const inOverlap = [...emu.data.entries()].filter((e) => Date.parse(e.created_at) >= since).map((e) => e.id);
    expect(sortedAsc(saved.overlap?.seen_ids ?? [])).toEqual(sortedAsc(inOverlap));
  });

  it('a late arrival older than the overlap is not re-read (the documented limit), and nothing is exported twice', async () => {
    const clock = movingClock();
    emu = await startEmulator({ entries: 800, seed: 34, now: clock.now });
    const dir = tempDir();
    const ckpt = join(dir, 'export.ckpt');
    const env = { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url };
    const run = (name: string) => runCli(['export', '--checkpoint', ckpt, '--out', join(dir, name)], { env, now: clock.now() });
    expect((await run('a.ndjson')).exitCode).toBe(0);
    const last = Date.parse(readCkpt(ckpt).last_created_at);
    clock.advance(MINUTE);
    const tooLate = emu.addEntries(1, { at: new Date(last - 3 * MINUTE) })[0]!.id;
    const inTime = emu.addEntries(1, { at: new Date(last - MINUTE) })[0]!.id;
    expect((await run('b.ndjson')).exitCode).toBe(0);
    expect(idsOfFile(join(dir, 'b.ndjson'))).toEqual([inTime]);
    expect(idsOfFile(join(dir, 'a.ndjson'))).not.toContain(tooLate);
    expect((await run('c.ndjson')).stderr).toMatch(/^nothing new since the checkpoint/);
  });
});

describe('checkpoints from before the overlap mark', () => {
  it.each([
    ['without a mark: resumes at its instant, then keeps a mark', (c: SavedCheckpoint) => delete c.overlap],
    ['with the mark under its old name (follow)', (c: SavedCheckpoint) => {
      c.follow = c.overlap;
      delete c.overlap;
    }],
  ])('%s', async (_name, age) => {
    const clock = movingClock();
    emu = await startEmulator({ entries: 800, seed: 35, now: clock.now });
    const dir = tempDir();
    const ckpt = join(dir, 'export.ckpt');
    const env = { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url };
    const run = (name: string) => runCli(['export', '--checkpoint', ckpt, '--out', join(dir, name)], { env, now: clock.now() });
    expect((await run('a.ndjson')).exitCode).toBe(0);
    const old = readCkpt(ckpt);
    expect(old.overlap).toBeDefined();
    age(old);
    writeFileSync(ckpt, JSON.stringify(old));

    clock.advance(MINUTE);
    const tie = emu.addEntries(1, { sameTimestampAs: 'newest' }).map((e) => e.id);
    const added = emu.addEntries(3).map((e) => e.id);
    const second = await run('b.ndjson');
    expect(second.exitCode, second.stderr).toBe(0);
    expect(idsOfFile(join(dir, 'b.ndjson'))).toEqual([...tie, ...added]);
    const saved = readCkpt(ckpt);
    expect(saved.overlap?.seen_ids).toEqual(expect.arrayContaining(added));
    expect(saved.follow).toBeUndefined();

    // From here on late arrivals within the overlap are caught.
    clock.advance(MINUTE);
    const late = emu.addEntries(2, { at: new Date(Date.parse(saved.last_created_at) - 1_000) }).map((e) => e.id);
    expect((await run('c.ndjson')).exitCode).toBe(0);
    expect(idsOfFile(join(dir, 'c.ndjson'))).toEqual(late);
  });
});
