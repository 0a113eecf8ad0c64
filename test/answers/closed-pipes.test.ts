// A reader that leaves early, on either stream, ends the built CLI quietly with 0 (`2>&1 | head -1`,
// `2>&1 >/dev/null | head -c 1`): spawned through bash, as a user's shell runs it.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { buildPrivateCli, removePrivateCli } from '../export/built-cli.js';

let emu: Emulator;
let bin: string;

beforeAll(async () => {
  [emu, bin] = await Promise.all([startEmulator({ entries: 20_000, seed: 3 }), buildPrivateCli()]);
}, 60_000);
afterAll(async () => {
  await emu.close();
  removePrivateCli();
});

/** Runs `node bin args <redirects> | <reader>` in bash; resolves with the CLI's own exit status. */
function shell(args: string, redirects: string, reader: string): Promise<{ code: number; out: string }> {
  const script = `node "$BIN" ${args} ${redirects} | ${reader}; exit \${PIPESTATUS[0]}`;
  const child = spawn('bash', ['-c', script], {
    env: { PATH: process.env.PATH ?? '', BIN: bin, FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url, FIBE_AUDIT_CONFIG_DIR: '/nonexistent', FIBE_AUDIT_TZ: 'UTC' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, out })));
}

describe('a closed pipe on either stream', () => {
  // The reader waits before leaving, so the CLI is mid-run (stdout, then the stderr notice) when it goes.
  it.each([
    ['stdout and stderr into one pipe (2>&1 | head -1)', '2>&1', 'head -1'],
    ['stdout and stderr into one pipe, reader leaves late', '2>&1', '(sleep 0.3; head -c 10)'],
    ['stderr alone into the pipe (2>&1 >/dev/null | head -c 1)', '2>&1 >/dev/null', '(sleep 0.3; head -c 1)'],
    ['stdout alone into the pipe (| head -1)', '', 'head -1'],
  ])('%s: exit 0, nothing but data', async (_name, redirects, reader) => {
    for (const args of ['query --since 2d --limit 100', 'query --since 2d --limit 100 -o ndjson']) {
      const r = await shell(args, redirects, reader);
      expect(r.out).not.toMatch(/error|at .*\.js/);
      expect(r.code).toBe(0);
    }
  });
});
