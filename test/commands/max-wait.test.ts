// --max-wait 0: never wait for a rate limit or Retry-After; exit 75 at once when a wait is needed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli } from '../helpers/run-cli.js';

let emu: Emulator;
const env = () => ({ FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url });

beforeAll(async () => {
  emu = await startEmulator({ entries: 2_000, seed: 3, now: FIXED_NOW });
});
afterAll(async () => {
  await emu.close();
});

describe('--max-wait 0', () => {
  it('is accepted, and a query that needs no wait runs as usual', async () => {
    const r = await runCli(['query', '--max-wait', '0', '--since', '24h', '--limit', '3', '-o', 'json'], { env: env() });
    expect(r.stderr).not.toContain('error:');
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(3);
  });

  it('exits 75 at once on a Retry-After, having slept not at all', async () => {
    emu.failNext(1, 'rate_limited', { retryAfter: '1' });
    const r = await runCli(['query', '--max-wait', '0', '--since', '24h', '--limit', '3'], { env: env() });
    expect(r.exitCode).toBe(75);
    expect(r.sleeps).toEqual([]);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: .*longer than --max-wait 0[ \n]/);
  });

  it('exits 75 at once when the hourly budget is spent', async () => {
    emu.setRateLimit(1);
    try {
      const r = await runCli(['query', '--max-wait', '0', '--since', '30d', '--all', '-o', 'ndjson'], { env: env() });
      expect(r.exitCode).toBe(75);
      expect(r.sleeps).toEqual([]);
      expect(r.stderr).toMatch(/rate limit is spent .*longer than --max-wait 0\n/);
    } finally {
      emu.setRateLimit(5000);
      emu.resetRateLimit();
    }
  });

  it('other non-durations are still refused with exit 2', async () => {
    const r = await runCli(['query', '--max-wait', '0x'], { env: env() });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--max-wait.*0 to never wait/);
  });
});
