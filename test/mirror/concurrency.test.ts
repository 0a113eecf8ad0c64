// A long sync (built CLI, slowed emulator) and other runs at the same time: readers answer from what
// was committed instead of failing on the lock; a second sync waits, or exits 75 naming the holder.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { runCli, tempDir } from '../helpers/run-cli.js';
import { buildPrivateCli, spawnCli } from './built-cli.js';
import { mirrorIds, mirrorIn } from './mirror-db.js';

let emu: Emulator;
let cli: Awaited<ReturnType<typeof buildPrivateCli>>;
beforeAll(async () => {
  [emu, cli] = await Promise.all([startEmulator({ entries: 40_000, seed: 31, rateLimitPerHour: 1e9 }), buildPrivateCli('concurrency-test')]);
}, 120_000);
afterAll(async () => {
  await emu?.close();
  cli?.remove();
});

describe('one writer, readers alongside', () => {
  it('status answers during a long first sync; a second sync exits 75 after --max-wait, or waits and completes', async () => {
    const dataDir = join(tempDir(), 'data');
    const env = { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url, FIBE_AUDIT_DATA_DIR: dataDir };
    emu.setFaults({ latencyMs: 25 });
    const first = spawnCli(cli.bin, ['sync', '--verbose', '--concurrency', '2'], env);
    try {
      await first.afterResponses(150);
      const status = await runCli(['mirror', 'status', '-o', 'json'], { env, fakeSleep: false });
      expect(status.exitCode, status.stderr).toBe(0);
      const seen = JSON.parse(status.stdout) as { entries: number; covered: { until: string | null } };
      expect(seen.covered.until).toBeNull();
      expect(seen.entries).toBeLessThan(40_000);

      const refused = await runCli(['--max-wait', '1s', 'sync'], { env });
      expect(refused.exitCode).toBe(75);
      expect(refused.stderr).toContain(`is locked by pid ${first.child.pid} (sync, since `);

      const waiting = await runCli(['sync', '-o', 'json'], { env, fakeSleep: false, now: () => new Date() });
      expect(waiting.exitCode, waiting.stderr).toBe(0);
      expect(waiting.stderr).toMatch(/^waiting for pid \d+ \(sync, since .*\) to finish syncing the mirror/);
    } finally {
      emu.setFaults({ latencyMs: 0 });
      const end = await first.done;
      expect(end.code, end.stderr.slice(-300)).toBe(0);
    }
    expect(await mirrorIds(mirrorIn(dataDir))).toEqual([...emu.data.entries()].map((e) => e.id));
  }, 180_000);
});
