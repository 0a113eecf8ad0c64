// The same Parquet question gets the same file contents from every source: the mirror's engine-side
// copy (plus the entries it leaves to JavaScript) against the API path, for random filter sets, with
// hostile entries, and across checkpointed runs; and the mirror sends no request.
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli, tempDir } from '../helpers/run-cli.js';
import { readWithDuckDB, type Row } from './parquet-helpers.js';

let emu: Emulator;
let env: Record<string, string>;

beforeAll(async () => {
  emu = await startEmulator({ entries: 2_000, seed: 61, now: FIXED_NOW, hostile: true });
  env = { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url, FIBE_AUDIT_DATA_DIR: join(tempDir(), 'data') };
  const sync = await runCli(['sync'], { env });
  expect(sync.exitCode, sync.stderr).toBe(0);
});
afterAll(async () => {
  await emu.close();
});

async function parquetRows(source: 'api' | 'mirror', filters: string[]): Promise<Row[]> {
  const path = join(tempDir(), `${source}.parquet`);
  const r = await runCli(['--source', source, 'export', '--out', path, ...filters], { env });
  expect(r.exitCode, r.stderr).toBe(0);
  return readWithDuckDB(path, false);
}

/** At most one window (two could contradict each other), and up to two other filters. */
const FILTERS = fc
  .tuple(
    fc.option(fc.constantFrom(['--since', '10d'], ['--since', '45d', '--until', '20d'], ['--until', '2026-11-01']), { nil: undefined }),
    fc.array(
      fc.oneof(
        fc.constantFrom(['--actor-type', 'genie'], ['--actor-type', 'user'], ['--channel', 'api'], ['--resource', 'Trick']),
        fc.constantFrom(['--actor', 'key:15'], ['--actor', 'user:77'], ['--action', 'trick.*'], ['--search', 'seed']),
      ),
      { maxLength: 2 },
    ),
  )
  .map(([window, others]) => (window ? [window, ...others] : others));

describe('Parquet from the mirror and from the API', () => {
  it('holds the same rows, column by column, for random filters (hostile entries included)', async () => {
    await fc.assert(
      fc.asyncProperty(FILTERS, async (sets) => {
        const filters = sets.flat();
        const before = emu.requests.length;
        const mirror = await parquetRows('mirror', filters);
        expect(emu.requests.length, 'the mirror sends no request').toBe(before);
        expect(mirror).toEqual(await parquetRows('api', filters));
      }),
      { numRuns: 12 },
    );
  });

  it('checkpointed lake runs from the mirror hold each id once and the same rows as from the API', async () => {
    const lake = (source: string) => join(tempDir(), `lake-${source}`);
    const dirs = { api: lake('api'), mirror: lake('mirror') };
    const ckpts = { api: join(tempDir(), 'api.ckpt'), mirror: join(tempDir(), 'mirror.ckpt') };
    const run = (source: 'api' | 'mirror', now: Date) =>
      runCli(['--source', source, 'export', '--format', 'parquet', '--partition', 'day', '--out', dirs[source], '--checkpoint', ckpts[source]], { env, now });
    for (const source of ['api', 'mirror'] as const) expect((await run(source, FIXED_NOW)).exitCode).toBe(0);
    const later = new Date(FIXED_NOW.getTime() + 60_000);
    emu.addEntries(3, { sameTimestampAs: 'newest' });
    emu.addEntries(10, { at: later });
    expect((await runCli(['sync'], { env, now: later })).exitCode).toBe(0);
    for (const source of ['api', 'mirror'] as const) {
      const r = await run(source, later);
      expect(r.exitCode, r.stderr).toBe(0);
    }
    const rows = async (dir: string) => readWithDuckDB(join(dir, '**', '*.parquet'), true);
    const fromMirror = await rows(dirs.mirror);
    expect(new Set(fromMirror.map((r) => r.id)).size).toBe(fromMirror.length);
    expect(fromMirror.length).toBe(emu.data.count);
    expect(fromMirror).toEqual(await rows(dirs.api));
  });
});
