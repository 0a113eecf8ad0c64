// Issue 16 acceptance: query --follow against the emulator's live stream in simulated time, through
// 5xx faults, a 30 s outage and a 429, within the rate budget, across a restart with --checkpoint.
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, tempDir } from '../helpers/run-cli.js';
import { simClock } from '../helpers/sim-clock.js';
import { MINUTE, arrivedAfter, followUntil, ndjsonEntries, newestIds, outOfOrder } from './harness.js';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const ids = (list: Array<{ id: number }>) => list.map((e) => e.id);
const dupes = (list: number[]) => list.filter((id, i) => list.indexOf(id) !== i);

describe('every matching entry once, in order, through faults', () => {
  it('NDJSON holds the opening 10 and every live arrival: ~10% 5xx, a 30 s outage, a 429 with Retry-After', async () => {
    const clock = simClock(FIXED_NOW);
    emu = await startEmulator({ entries: 3000, seed: 7, now: clock.now, live: { perMinute: 40 }, faults: { errorRate: 0.1 } });
    const live = emu.live!;
    const opening = newestIds(emu, 10);
    const lastBefore = emu.data.newest()!.id;
    const e = emu;
    clock.at(2 * MINUTE, () => e.setFaults({ errorRate: 1, errorStatuses: [503] }));
    clock.at(2 * MINUTE + 30_000, () => e.setFaults({ errorRate: 0.1, errorStatuses: [500, 502, 503] }));
    clock.at(4 * MINUTE, () => e.failNext(1, 'rate_limited', { retryAfter: '20' }));
    // Arrivals stop at 7 min; the follower runs on past the overlap so the last ones are seen.
    clock.at(7 * MINUTE, () => live.setPerMinute(0));
    const run = await followUntil(emu, clock, 10 * MINUTE, ['-o', 'ndjson']);

    expect(run.exitCode).toBe(130);
    const printed = ndjsonEntries(run.stdout);
    const want = [...opening, ...arrivedAfter(emu, lastBefore)];
    expect(want.length).toBeGreaterThan(250);
    expect(dupes(ids(printed))).toEqual([]);
    expect([...ids(printed)].sort((a, b) => a - b)).toEqual([...want].sort((a, b) => a - b));
    expect(ids(printed).slice(0, 10)).toEqual(opening);
    expect(live.lateIds.size).toBeGreaterThan(5);
    expect(outOfOrder(printed, live.lateIds)).toEqual([]);

    // The faults really happened, and were ridden out with a notice, not an exit.
    const statuses = emu.requests.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500).length).toBeGreaterThan(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    expect(run.stderr).toMatch(/warning: GET \/api\/audit_logs failed after 5 attempts.*still following, next try in/);
    expect(run.stderr).toMatch(/the API answers again after/);
    expect(clock.sleeps).toContain(20_000); // Retry-After honoured
  });

  it('applies client-side filters to the live stream (CSV, one record per entry)', async () => {
    const clock = simClock(FIXED_NOW);
    emu = await startEmulator({ entries: 3000, seed: 3, now: clock.now, live: { perMinute: 60 } });
    const lastBefore = emu.data.newest()!.id;
    const e = emu;
    clock.at(5 * MINUTE, () => e.live!.setPerMinute(0));
    const run = await followUntil(emu, clock, 8 * MINUTE, ['--action', '*.updated', '--limit', '3', '-o', 'csv', '--columns', 'id,action']);
    expect(run.exitCode).toBe(130);
    const lines = run.stdout.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,action');
    const got = lines.slice(1).map((l) => Number(l.split(',')[0]));
    const opening = newestIds(emu, 3, { q: '.updated' }).filter(() => true);
    const want = [...emu.data.query({ sort: 'created_at_desc' }).filter((x) => x.action.endsWith('.updated') && x.id <= lastBefore).slice(0, 3).map((x) => x.id).reverse(),
      ...arrivedAfter(emu, lastBefore, (x) => String(x.action).endsWith('.updated'))];
    expect(opening.length).toBe(3);
    expect(want.length).toBeGreaterThan(10);
    expect([...got].sort((a, b) => a - b)).toEqual([...want].sort((a, b) => a - b));
    expect(dupes(got)).toEqual([]);
    expect(lines.slice(1).every((l) => /^\d+,[a-z_.]+\.updated$/.test(l))).toBe(true);
  });
});

describe('rate budget', () => {
  it('with 100 requests per hour, uses at most 20% of what is left in each window, with a notice, and never a 429', async () => {
    const clock = simClock(FIXED_NOW);
    emu = await startEmulator({ entries: 500, seed: 2, now: clock.now, rateLimitPerHour: 100, live: { perMinute: 2 } });
    const e = emu;
    let firstWindow = 0;
    // The emulator's window opens with the first request (at 0) and resets an hour later.
    clock.at(60 * MINUTE - 1, () => (firstWindow = e.requests.length));
    const run = await followUntil(emu, clock, 120 * MINUTE - 1, ['-o', 'ndjson']);
    const secondWindow = emu.requests.length - firstWindow;
    expect(run.exitCode).toBe(130);
    expect(firstWindow).toBeGreaterThan(5);
    expect(firstWindow).toBeLessThanOrEqual(20);
    expect(secondWindow).toBeLessThanOrEqual(20);
    expect(emu.requests.every((r) => r.status === 200)).toBe(true);
    expect(run.stderr).toMatch(/slowing down: next check in \d+m \d+s instead of 15s, to use at most 20% of the \d+ requests left/);
    // Without the pacing it would have asked 240 times an hour.
    expect(run.requests).toBeLessThan(45);
  });
});

describe('a budget spent by someone else', () => {
  it('waits for the reset without a burst of 429s (one), then follows', async () => {
    const clock = simClock(FIXED_NOW);
    emu = await startEmulator({ entries: 500, seed: 2, now: clock.now, rateLimitPerHour: 3, live: { perMinute: 1 } });
    for (let i = 0; i < 3; i++) await fetch(`${emu.url}/api/me`, { headers: { Authorization: `Bearer ${emu.keys.full}` } });
    const spent = emu.requests.length;
    const run = await followUntil(emu, clock, 75 * MINUTE, ['-o', 'ndjson']);
    const mine = emu.requests.slice(spent).map((r) => r.status);
    expect(mine.filter((s) => s === 429)).toHaveLength(1);
    expect(mine.filter((s) => s === 200).length).toBeGreaterThan(0);
    expect(ndjsonEntries(run.stdout)).toHaveLength(10); // the opening screen, once the budget is back
    expect(run.stderr).toMatch(/warning: the server asked to wait .* longer than --max-wait 15m; still following/);
  });
});

describe('restart with --checkpoint', () => {
  it('two runs with a gap between them print every entry once (union = every arrival + the opening screen)', async () => {
    const clock = simClock(FIXED_NOW);
    emu = await startEmulator({ entries: 2000, seed: 5, now: clock.now, live: { perMinute: 45 } });
    const dir = tempDir();
    const checkpoint = join(dir, 'follow.ckpt');
    const opening = newestIds(emu, 10);
    const lastBefore = emu.data.newest()!.id;
    const first = await followUntil(emu, clock, 4 * MINUTE, ['-o', 'ndjson', '--checkpoint', checkpoint]);
    expect(first.exitCode).toBe(130);
    const saved = JSON.parse(readFileSync(checkpoint, 'utf8')) as { overlap: { seen_ids: number[] }; exported_total: number };
    expect(saved.exported_total).toBe(ndjsonEntries(first.stdout).length);
    expect(saved.overlap.seen_ids.length).toBeGreaterThan(0);

    // Down for three minutes while entries (late ones too) keep arriving; then a second burst.
    await clock.sleep(3 * MINUTE);
    const e = emu;
    clock.at(11 * MINUTE, () => e.live!.setPerMinute(0));
    const second = await followUntil(emu, clock, 14 * MINUTE, ['-o', 'ndjson', '--checkpoint', checkpoint]);
    expect(second.exitCode).toBe(130);
    expect(second.stderr).toMatch(/resumed after the checkpoint \(.+\): \d+ entries since/);

    const a = ids(ndjsonEntries(first.stdout));
    const b = ids(ndjsonEntries(second.stdout));
    expect(a.length).toBeGreaterThan(50);
    expect(b.length).toBeGreaterThan(100);
    const union = [...a, ...b];
    expect(dupes(union)).toEqual([]);
    expect(union.sort((x, y) => x - y)).toEqual([...opening, ...arrivedAfter(emu, lastBefore)].sort((x, y) => x - y));
  });
});
