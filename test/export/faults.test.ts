// Exports under faults: 5xx bursts, truncated bodies, stalls and entries arriving mid-run still give
// exactly the emulator's id set; a failure that outlasts the retries leaves nothing behind.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, tempDir } from '../helpers/run-cli.js';
import { idsOfFile, runExport } from './harness.js';

const UNTIL = '2026-11-26T11:00:00Z';
let emu: Emulator;
let want: number[];

beforeAll(async () => {
  emu = await startEmulator({ entries: 15_000, seed: 11, now: FIXED_NOW, rateLimitPerHour: 1_000_000 });
  want = emu.data.queryIds({ created_before: UNTIL, sort: 'created_at_asc' });
});
afterEach(() => {
  emu.setFaults({ errorRate: 0, truncateRate: 0, stallRate: 0, resetRate: 0, malformedRate: 0, arrivalsPerRequest: 0, latencyMs: 0 });
});
afterAll(async () => {
  await emu.close();
});

describe('export under faults', () => {
  it.each([
    ['a 5xx burst and a 5% error rate', () => {
      emu.failNext(3, 'error', { status: 503 });
      emu.setFaults({ errorRate: 0.05 });
    }],
    ['truncated bodies', () => {
      emu.failNext(2, 'truncate');
      emu.setFaults({ truncateRate: 0.03 });
    }],
    ['connection resets', () => {
      emu.failNext(1, 'reset');
      emu.setFaults({ resetRate: 0.02 });
    }],
    ['a stalled response (short header timeout)', () => {
      emu.failNext(1, 'stall');
    }],
    ['a 429 with a short Retry-After', () => {
      emu.failNext(2, 'rate_limited', { retryAfter: '1' });
    }],
  ])('%s: exactly the emulator id set, in order', async (_name, arrange) => {
    arrange();
    const dir = tempDir();
    const out = join(dir, 'audit.ndjson');
    const r = await runExport(emu, ['--until', UNTIL, '--out', out]);
    expect(r.stderr).not.toContain('error:');
    expect(r.exitCode).toBe(0);
    expect(idsOfFile(out)).toEqual(want);
    expect(readdirSync(dir)).toEqual(['audit.ndjson']);
  });

  it('entries arriving while it pages: everything up to the fixed end, once', async () => {
    emu.setFaults({ arrivalsPerRequest: 3 });
    const before = emu.data.count;
    const out = join(tempDir(), 'arrivals.csv');
    const r = await runExport(emu, ['--out', out, '--concurrency', '4']);
    expect(r.exitCode).toBe(0);
    expect(emu.data.count).toBeGreaterThan(before);
    // Arrivals carry created_at = now = the window's end, so each one the walk saw belongs in the file.
    const got = idsOfFile(out);
    expect(new Set(got).size).toBe(got.length);
    const all = emu.data.queryIds({ created_before: FIXED_NOW.toISOString(), sort: 'created_at_asc' });
    expect(got).toEqual(all.slice(0, got.length));
    expect(got.length).toBeGreaterThan(before);
  });

  it('a failure past the retries: exit 75, nothing under the final name, no temp file', async () => {
    // Exactly the five attempts of one request (FAST_HTTP.maxAttempts), so no fault is left over.
    emu.failNext(5, 'error', { status: 503 });
    const dir = tempDir();
    const r = await runExport(emu, ['--until', UNTIL, '--out', join(dir, 'audit.json'), '--manifest']);
    expect(r.exitCode).toBe(75);
    expect(r.stderr).toMatch(/^error: .*failed after 5 attempts.*503/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a failure midway (after the file was opened) leaves no temp file either', async () => {
    const dir = tempDir();
    // The clock is read on every response; the 40th read arms a failure that outlasts the retries,
    // well after the first entries went into the temp file.
    let reads = 0;
    const now = () => {
      reads += 1;
      if (reads === 40) emu.failNext(5, 'error', { status: 500 });
      return new Date(FIXED_NOW.getTime());
    };
    const r = await runExport(emu, ['--until', UNTIL, '--out', join(dir, 'audit.csv'), '--concurrency', '1'], { tty: true, now });
    expect(r.exitCode).toBe(75);
    expect(r.stderr).toMatch(/exporting to .*: [1-9][\d,]* of/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
