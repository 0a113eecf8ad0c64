// The fault matrix: query, actor and export against the emulator under every fault knob. A fault
// the retries absorb must give exactly the emulator's id set; one they cannot must give SPEC's exit
// code with nothing half-written (no export file, temp file, manifest or checkpoint; only whole lines).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, tempDir, type RunResult } from '../helpers/run-cli.js';
import { EXPORT_FILE, WALKING_COMMANDS, type WalkingCommand } from './commands-under-test.js';
import { FAST_HTTP, onAuditRequest, runAgainst, runOnClock, sharedClock, type SharedClock } from './harness.js';

const NO_FAULTS = { errorRate: 0, truncateRate: 0, stallRate: 0, resetRate: 0, malformedRate: 0, arrivalsPerRequest: 0, latencyMs: 0 };
const SEED = 7;
const ENTRIES = 8_000;
const inSeconds = (s: number) => new Date(FIXED_NOW.getTime() + s * 1000).toUTCString();

let emu: Emulator;
let unhook: (() => void) | undefined;

beforeAll(async () => {
  emu = await startEmulator({ entries: ENTRIES, seed: SEED, now: FIXED_NOW, rateLimitPerHour: 1_000_000 });
});
afterEach(() => {
  unhook?.();
  unhook = undefined;
  emu.setFaults(NO_FAULTS);
  emu.setRateLimit(1_000_000);
});
afterAll(async () => {
  await emu.close();
});

async function runCommand(cmd: WalkingCommand, until?: string | null, extra: string[] = []): Promise<{ r: RunResult; dir: string }> {
  const dir = tempDir('fibe-reliability-');
  const r = await runAgainst(emu, [...cmd.argv(dir, until), ...extra]);
  return { r, dir };
}

/** A successful export leaves exactly the file, its manifest (complete, right count) and the checkpoint. */
function expectExportInPlace(dir: string, count: number): void {
  expect(readdirSync(dir).sort()).toEqual(['audit.ndjson', 'audit.ndjson.manifest.json', 'ckpt.json']);
  const manifest = JSON.parse(readFileSync(join(dir, `${EXPORT_FILE}.manifest.json`), 'utf8')) as { complete: boolean; count: number };
  expect(manifest).toMatchObject({ complete: true, count });
}

/** After a failure: no export artefact at all; on stdout only whole NDJSON lines, a prefix of the answer. */
function expectNothingHalfWritten(cmd: WalkingCommand, r: RunResult, dir: string, want: number[]): void {
  if (cmd.name === 'export') {
    expect(readdirSync(dir)).toEqual([]);
    expect(r.stdout).toBe('');
    return;
  }
  expect(r.stdout === '' || r.stdout.endsWith('\n')).toBe(true);
  const got = cmd.produced(r, dir) as number[];
  expect(got).toEqual(want.slice(0, got.length));
}

type Arrange = (emu: Emulator) => void;
type Check = (r: RunResult) => void;

const RECOVERABLE: Array<[string, Arrange, Check?]> = [
  ['a 5xx burst (503, 502, 500, 504 in a row)', (e) => {
    e.failNext(1, 'error', { status: 503 });
    e.failNext(1, 'error', { status: 502 });
    e.failNext(1, 'error', { status: 500 });
    e.failNext(1, 'error', { status: 504 });
  }],
  ['a 5% rate of 5xx', (e) => e.setFaults({ errorRate: 0.05 })],
  ['429 with Retry-After in seconds', (e) => e.failNext(2, 'rate_limited', { retryAfter: '7' }), (r) => {
    expect(r.sleeps.filter((ms) => ms === 7_000)).toHaveLength(2);
  }],
  ['429 with Retry-After as an HTTP date', (e) => e.failNext(1, 'rate_limited', { retryAfter: inSeconds(42) }), (r) => {
    expect(r.sleeps).toContain(42_000);
  }],
  ['503 with Retry-After', (e) => e.failNext(1, 'error', { status: 503, retryAfter: '3' }), (r) => {
    expect(r.sleeps).toContain(3_000);
  }],
  ['a stall past the headers timeout', (e) => e.failNext(1, 'stall')],
  ['truncated bodies', (e) => {
    e.failNext(2, 'truncate');
    e.setFaults({ truncateRate: 0.05 });
  }],
  ['malformed JSON (cut short, and HTML sent as JSON)', (e) => {
    e.failNext(2, 'malformed');
    e.setFaults({ malformedRate: 0.05 });
  }],
  ['connection resets', (e) => {
    e.failNext(2, 'reset');
    e.setFaults({ resetRate: 0.05 });
  }],
  ['every fault at once, about 12% of requests', (e) => e.setFaults({ errorRate: 0.04, truncateRate: 0.03, malformedRate: 0.02, resetRate: 0.02, stallRate: 0.01 })],
];

const FATAL: Array<[string, Arrange, number, RegExp]> = [
  ['5xx on all 5 attempts', (e) => e.failNext(5, 'error', { status: 503 }), 75, /failed after 5 attempts; last: 503/],
  // Stalls cost a timeout each (undici rounds short ones up to about a second): two attempts here.
  ['stalls on both of 2 attempts (attempts tuned to 2)', (e) => e.failNext(2, 'stall'), 75, /failed after 2 attempts; last: no response headers in time/],
  ['truncated bodies on all 5 attempts', (e) => e.failNext(5, 'truncate'), 75, /failed after 5 attempts/],
  ['malformed JSON on all 5 attempts', (e) => e.failNext(5, 'malformed'), 75, /failed after 5 attempts; last: 200 with a truncated or invalid JSON body/],
  ['connection resets on all 5 attempts', (e) => e.failNext(5, 'reset'), 75, /failed after 5 attempts/],
  ['429 Retry-After 3600 (seconds) beyond --max-wait 15m', (e) => e.failNext(1, 'rate_limited', { retryAfter: '3600' }), 75, /wait 1h .*longer than --max-wait 15m/],
  ['429 Retry-After an HTTP date 2h ahead', (e) => e.failNext(1, 'rate_limited', { retryAfter: inSeconds(7200) }), 75, /wait 2h .*longer than --max-wait 15m/],
  ['the hourly budget runs out midway (reset in ~1h)', (e) => e.setRateLimit(4), 75, /(rate limit is spent and resets in|wait) 1h.*longer than --max-wait 15m/],
  ['5xx on every request from the 3rd page on', (e) => {
    unhook = onAuditRequest(e, 3, () => e.setFaults({ errorRate: 1 }));
  }, 75, /failed after 5 attempts/],
  ['401: the key expired', () => undefined, 4, /the API key was rejected \(401\)/],
  ['403: the key may not read the audit log', () => undefined, 4, /may not read the audit log/],
];

const keyFor = (name: string, e: Emulator) => (name.startsWith('401') ? e.keys.expired : name.startsWith('403') ? e.keys.no_audit : e.keys.full);

describe.each(WALKING_COMMANDS)('$name under faults it can recover from', (cmd) => {
  it.each(RECOVERABLE)('%s: exactly the emulator ids, exit 0', async (_name, arrange, check) => {
    const want = cmd.expected(emu);
    expect(want.length).toBeGreaterThan(cmd.name === 'actor' ? 100 : 2_000);
    arrange(emu);
    const { r, dir } = await runCommand(cmd);
    expect(r.stderr).not.toContain('error:');
    expect(r.exitCode).toBe(0);
    expect(cmd.produced(r, dir)).toEqual(want);
    if (cmd.name === 'export') expectExportInPlace(dir, want.length);
    check?.(r);
  });
});

describe.each(WALKING_COMMANDS)('$name under faults it cannot recover from', (cmd) => {
  it.each(FATAL.map(([name, arrange, code, message]) => [name, code, arrange, message] as const))('%s: exit %i, nothing half-written', async (name, code, arrange, message) => {
    const want = cmd.expected(emu);
    arrange(emu);
    const dir = tempDir('fibe-reliability-');
    const http = name.startsWith('stalls') ? { ...FAST_HTTP, maxAttempts: 2 } : FAST_HTTP;
    const r = await runAgainst(emu, cmd.argv(dir), { env: { FIBE_API_KEY: keyFor(name, emu) }, http });
    expect(r.exitCode).toBe(code);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('error: '));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
    expectNothingHalfWritten(cmd, r, dir, want);
    // Never a wait longer than --max-wait (the fake sleep records what a real one would have slept).
    expect(r.sleeps.every((ms) => ms <= 15 * 60_000)).toBe(true);
  });
});

describe.each(WALKING_COMMANDS)('$name with entries arriving mid-walk (window ending now)', (cmd) => {
  it('every entry that was there once, new arrivals only at the new end, no duplicates', async () => {
    const before = cmd.expected(emu, null);
    const maxBefore = emu.data.newest()?.id as number;
    emu.setFaults({ arrivalsPerRequest: 5 });
    const { r, dir } = await runCommand(cmd, null);
    expect(r.stderr).not.toContain('error:');
    expect(r.exitCode).toBe(0);
    expect(emu.data.count).toBeGreaterThan(ENTRIES);
    const got = cmd.produced(r, dir) as number[];
    expect(new Set(got).size).toBe(got.length);
    const arrived = got.filter((id) => id > maxBefore);
    // Arrivals are the newest entries: ahead of everything in a newest-first listing, behind it in an export.
    expect(got).toEqual(cmd.name === 'export' ? [...before, ...arrived] : [...arrived, ...before]);
    if (cmd.name === 'export') expect(arrived.length).toBeGreaterThan(0);
  });
});

describe('a spent hourly budget whose reset is within --max-wait', () => {
  let clock: SharedClock;
  let slow: Emulator;
  beforeAll(async () => {
    clock = sharedClock();
    // Same seed and start: the same data as the main emulator, but a clock the CLI's sleeps move on.
    slow = await startEmulator({ entries: ENTRIES, seed: SEED, now: clock.now, rateLimitPerHour: 1_000_000 });
  });
  afterAll(async () => {
    await slow.close();
  });

  it.each(WALKING_COMMANDS)('$name waits for the reset (about 1h) and still gives exactly the ids', async (cmd) => {
    const want = cmd.expected(slow);
    slow.setRateLimit(10);
    const dir = tempDir('fibe-reliability-');
    const r = await runOnClock(slow, clock, ['--max-wait', '2h', ...cmd.argv(dir)]);
    expect(r.stderr).not.toContain('error:');
    expect(r.exitCode).toBe(0);
    expect(cmd.produced(r, dir)).toEqual(want);
    expect(r.sleeps.some((ms) => ms > 50 * 60_000)).toBe(true);
    expect(r.sleeps.every((ms) => ms <= 2 * 3_600_000)).toBe(true);
  });
});
