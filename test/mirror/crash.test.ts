// Crash safety of the built CLI: a first sync of 100,000 entries killed with SIGKILL at random points,
// again and again, interrupted with Ctrl-C (130) and stopped by the rate limit (75); every re-run
// continues, and the mirror ends with exactly the emulator's entries: no loss, no duplicate.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { tempDir } from '../helpers/run-cli.js';
import { Random } from '../emulator/random.js';
import { buildPrivateCli, spawnCli } from './built-cli.js';
import { mirrorIds, mirrorIn } from './mirror-db.js';

let emu: Emulator;
let cli: Awaited<ReturnType<typeof buildPrivateCli>>;
beforeAll(async () => {
  [emu, cli] = await Promise.all([startEmulator({ entries: 100_000, seed: 21, rateLimitPerHour: 1e9 }), buildPrivateCli('crash-test')]);
}, 120_000);
afterAll(async () => {
  await emu?.close();
  cli?.remove();
});

describe('sync after kill -9, Ctrl-C and exit 75', () => {
  it('a first sync of 100,000 entries killed at random points several times ends exact', async () => {
    const dataDir = join(tempDir(), 'data');
    const env = { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url, FIBE_AUDIT_DATA_DIR: dataDir };
    const random = new Random(7);
    const counts: number[] = [];
    // 25 ms a page: a first sync takes several seconds, so batches commit (every 2 s) before most kills.
    emu.setFaults({ latencyMs: 25 });
    for (let round = 0; round < 5; round++) {
      // Kill points by progress (of ~1,000 page requests): the first before any commit (2 s, about 320
      // pages here), the others anywhere after it, mid-batch or mid-commit.
      const run = spawnCli(cli.bin, ['sync', '--verbose'], env);
      await run.afterResponses(round === 0 ? 20 + random.int(150) : 350 + random.int(650));
      run.child.kill('SIGKILL');
      const end = await run.done;
      if (end.code === 0) break; // finished before the kill: the re-run below still checks it
      expect(end.signal).toBe('SIGKILL');
      if (existsSync(dataDir) && existsSync(join(dataDir, 'keys'))) {
        const file = (() => { try { return mirrorIn(dataDir); } catch { return null; } })();
        if (file) {
          const ids = await mirrorIds(file);
          expect(new Set(ids).size).toBe(ids.length);
          counts.push(ids.length);
        }
      }
    }
    emu.setFaults({ latencyMs: 0 });
    const last = await spawnCli(cli.bin, ['sync', '-o', 'json'], env).done;
    expect(last.code, last.stderr).toBe(0);
    const ids = await mirrorIds(mirrorIn(dataDir));
    expect(ids).toEqual([...emu.data.entries()].map((e) => e.id));
    // Batches were committed along the way: the kills did not all land before the first one.
    expect(counts.some((n) => n > 0)).toBe(true);
  }, 300_000);

  it('Ctrl-C exits 130 keeping what was fetched; the rate limit exits 75; each re-run completes', async () => {
    const dataDir = join(tempDir(), 'data');
    const env = { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url, FIBE_AUDIT_DATA_DIR: dataDir };
    const run = spawnCli(cli.bin, ['sync', '--verbose'], env);
    await run.afterResponses(300);
    run.child.kill('SIGINT');
    const interrupted = await run.done;
    expect(interrupted.code).toBe(130);
    const kept = await mirrorIds(mirrorIn(dataDir));
    expect(kept.length).toBeGreaterThan(0);
    emu.setRateLimit(150);
    const limited = await spawnCli(cli.bin, ['--max-wait', '1s', 'sync'], env).done;
    expect(limited.code, limited.stderr).toBe(75);
    expect((await mirrorIds(mirrorIn(dataDir))).length).toBeGreaterThan(kept.length);
    emu.setRateLimit(1e9);
    const done = await spawnCli(cli.bin, ['sync'], env).done;
    expect(done.code, done.stderr).toBe(0);
    expect(await mirrorIds(mirrorIn(dataDir))).toEqual([...emu.data.entries()].map((e) => e.id));
  }, 300_000);
});
