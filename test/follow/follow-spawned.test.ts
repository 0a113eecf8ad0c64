// The built CLI following for real (real clock, real pipes): a reader that leaves (| head) ends it
// with 0 at the next write, Ctrl-C with 130; the emulator adds entries live meanwhile.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ entries: 300, seed: 4, live: { perMinute: 1200 } });
});
afterAll(() => emu.close());

function follow() {
  const bin = fileURLToPath(new URL('../../bin/fibe-audit.js', import.meta.url));
  const child = spawn(process.execPath, [bin, 'query', '-f', '-o', 'ndjson', '--interval', '5s'], {
    env: { PATH: process.env.PATH ?? '', FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url, FIBE_AUDIT_CONFIG_DIR: '/nonexistent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, closed, stderr: () => stderr };
}

describe('query --follow as a process', () => {
  it('a reader that goes away ends it quietly with exit 0 at the next write', async () => {
    const run = follow();
    run.child.stdout.once('data', () => run.child.stdout.destroy());
    expect(await run.closed).toBe(0);
    expect(run.stderr()).not.toMatch(/error/);
  }, 30_000);

  it('Ctrl-C ends it quietly with 130 (the documented way to stop following)', async () => {
    const run = follow();
    run.child.stdout.once('data', () => run.child.kill('SIGINT'));
    expect(await run.closed).toBe(130);
    expect(run.stderr()).not.toMatch(/error/);
  }, 30_000);
});
