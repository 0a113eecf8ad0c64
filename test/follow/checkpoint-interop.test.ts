// One checkpoint format for export and query --follow: a follower continues an export's checkpoint,
// and an export continues a follower's, each exactly once.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli, tempDir } from '../helpers/run-cli.js';
import { simClock } from '../helpers/sim-clock.js';
import { MINUTE, arrivedAfter, followUntil, ndjsonEntries } from './harness.js';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const lines = (text: string) => text.split('\n').filter((l) => l !== '').map((l) => (JSON.parse(l) as { id: number }).id);

describe('checkpoint shared with export', () => {
  it('a follower resumes after an export checkpoint; an export then continues after the follower', async () => {
    const clock = simClock(FIXED_NOW);
    emu = await startEmulator({ entries: 1500, seed: 9, now: clock.now, live: { perMinute: 30, lateShare: 0 } });
    const dir = tempDir();
    const checkpoint = join(dir, 'audit.ckpt');
    const env = { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url };
    const first = await runCli(['export', '--since', '1d', '--out', join(dir, 'a.ndjson'), '--checkpoint', checkpoint], { clock, env });
    expect(first.exitCode).toBe(0);
    const exported = lines(readFileSync(join(dir, 'a.ndjson'), 'utf8'));
    const lastExported = Math.max(...exported);

    const e = emu;
    clock.at(4 * MINUTE, () => e.live!.setPerMinute(0));
    const run = await followUntil(emu, clock, 7 * MINUTE, ['-o', 'ndjson', '--since', '1d', '--checkpoint', checkpoint]);
    expect(run.exitCode).toBe(130);
    const followed = ndjsonEntries(run.stdout).map((x) => x.id);
    expect(followed).toEqual(arrivedAfter(emu, lastExported));
    expect(followed.length).toBeGreaterThan(60);

    // Nothing new since the follower: export says so; two new entries: export writes exactly those.
    const none = await runCli(['export', '--out', join(dir, 'b.ndjson'), '--checkpoint', checkpoint], { clock, env });
    expect(none.exitCode).toBe(0);
    expect(none.stderr).toMatch(/nothing new since the checkpoint/);
    await clock.sleep(MINUTE);
    const added = emu.addEntries(2).map((x) => x.id);
    const next = await runCli(['export', '--out', join(dir, 'c.ndjson'), '--checkpoint', checkpoint], { clock, env });
    expect(next.exitCode).toBe(0);
    expect(lines(readFileSync(join(dir, 'c.ndjson'), 'utf8'))).toEqual(added);
  });
});
