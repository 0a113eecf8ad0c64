// fibe-audit sync end to end against the emulator: the mirror ends with exactly the emulator's
// entries (id by id) through first copies, top-ups, arrivals during a sync, shared timestamps across
// page and batch edges, late arrivals inside --overlap, and backfills; the -o json shape; requests.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli, tempDir } from '../helpers/run-cli.js';
import { mirrorIds, mirrorIn } from './mirror-db.js';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

/** One clock for the emulator and the CLI, moved by the test. */
function setup(entries: number, seed = 5) {
  let now = FIXED_NOW.getTime();
  const clock = { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
  const dataDir = join(tempDir(), 'data');
  return {
    clock,
    dataDir,
    async start() {
      emu = await startEmulator({ entries, seed, now: clock.now });
      return emu;
    },
    sync(args: string[] = [], now: () => Date = clock.now) {
      const e = emu as Emulator;
      return runCli(['sync', ...args], { env: { FIBE_API_KEY: e.keys.full, FIBE_DOMAIN: e.url, FIBE_AUDIT_DATA_DIR: dataDir }, now });
    },
  };
}

const allIds = (e: Emulator) => [...e.data.entries()].map((x) => x.id);

describe('fibe-audit sync', () => {
  it('copies the whole log, then tops up with one request when nothing arrived', async () => {
    const t = setup(3_000);
    const e = await t.start();
    const first = await t.sync(['-o', 'json']);
    expect(first.exitCode, first.stderr).toBe(0);
    const out = JSON.parse(first.stdout);
    const path = mirrorIn(t.dataDir);
    expect(out).toEqual({
      new: 3_000, total: 3_000, requests: expect.any(Number), seconds: expect.any(Number),
      covered: { since: null, until: FIXED_NOW.toISOString() }, path, bytes: expect.any(Number),
    });
    expect(Object.keys(out)).toEqual(['new', 'total', 'requests', 'seconds', 'covered', 'path', 'bytes']);
    // /api/me, the oldest-entry probe, 30 full pages and the empty 31st, /api/api_keys.
    expect(out.requests).toBe(34);
    expect(await mirrorIds(path)).toEqual(allIds(e));

    t.clock.advance(60_000);
    const before = e.requests.length;
    const again = await t.sync();
    expect(again.exitCode, again.stderr).toBe(0);
    expect(e.requests.length - before).toBe(1);
    expect(again.stderr).toMatch(/^synced 0 new entries in \d+\.\d s, 1 request; the mirror holds 3,000 entries \(.+ → .+\), [\d.]+ (KiB|MiB): .+\.duckdb\n$/);
  });

  it('keeps entries sharing one instant across page and batch edges, and takes later ones at that instant', async () => {
    const t = setup(400);
    const e = await t.start();
    const shared = new Date(FIXED_NOW.getTime() - 3_600_000);
    e.addEntries(250, { at: shared });
    // A clock that moves a second per reading makes the sync commit every couple of pages.
    let tick = FIXED_NOW.getTime();
    const r = await t.sync([], () => new Date((tick += 1_000)));
    expect(r.exitCode, r.stderr).toBe(0);
    const path = mirrorIn(t.dataDir);
    expect(await mirrorIds(path)).toEqual(allIds(e));
    // More at the newest instant the mirror holds: the next run re-reads that instant and adds only them.
    e.addEntries(7, { sameTimestampAs: 'newest' });
    t.clock.advance(60_000);
    const next = await t.sync(['-o', 'json']);
    expect(JSON.parse(next.stdout).new).toBe(7);
    expect(await mirrorIds(path)).toEqual(allIds(e));
  });

  it('loses nothing that arrives while it pages, and nothing late inside --overlap', async () => {
    const t = setup(2_000);
    const e = await t.start();
    e.setFaults({ arrivalsPerRequest: 3 });
    expect((await t.sync()).exitCode).toBe(0);
    e.setFaults({ arrivalsPerRequest: 0 });
    t.clock.advance(60_000);
    // Late arrivals: stamped 5 minutes before the newest entry held, inside the default 10m overlap.
    const newest = Date.parse(e.data.newest()!.created_at);
    e.addEntries(4, { at: new Date(newest - 5 * 60_000) });
    e.addEntries(2);
    const r = await t.sync(['-o', 'json']);
    expect(JSON.parse(r.stdout).new).toBeGreaterThanOrEqual(6);
    expect(await mirrorIds(mirrorIn(t.dataDir))).toEqual(allIds(e));
  });

  it('misses a late arrival older than --overlap (the documented limit), and --overlap widens the re-read', async () => {
    const t = setup(1_000);
    const e = await t.start();
    await t.sync();
    const newest = Date.parse(e.data.newest()!.created_at);
    const [late] = e.addEntries(1, { at: new Date(newest - 30 * 60_000) });
    t.clock.advance(60_000);
    await t.sync();
    const path = mirrorIn(t.dataDir);
    expect(await mirrorIds(path)).not.toContain(late!.id);
    await t.sync(['--overlap', '1h']);
    expect(await mirrorIds(path)).toEqual(allIds(e));
  });

  it('starts from --since, and a later --since before it fills the gap (covered.since moves back)', async () => {
    const t = setup(3_000);
    const e = await t.start();
    const tenDays = new Date(FIXED_NOW.getTime() - 10 * 86_400_000);
    const first = JSON.parse((await t.sync(['--since', '10d', '-o', 'json'])).stdout);
    expect(first.covered).toEqual({ since: tenDays.toISOString(), until: FIXED_NOW.toISOString() });
    const path = mirrorIn(t.dataDir);
    const after = (d: Date) => [...e.data.entries()].filter((x) => Date.parse(x.created_at) >= d.getTime()).map((x) => x.id);
    expect(await mirrorIds(path)).toEqual(after(tenDays));
    t.clock.advance(60_000);
    const thirty = new Date(t.clock.now().getTime() - 30 * 86_400_000);
    const second = JSON.parse((await t.sync(['--since', '30d', '-o', 'json'])).stdout);
    expect(second.covered.since).toBe(thirty.toISOString());
    expect(await mirrorIds(path)).toEqual(after(thirty));
    expect(second.new).toBe(after(thirty).length - after(tenDays).length);
  });

  it('refuses a --mirror file of another account (exit 2) and needs a key (exit 4)', async () => {
    const t = setup(200);
    const e = await t.start();
    const file = join(tempDir(), 'm.duckdb');
    const env = { FIBE_DOMAIN: e.url, FIBE_AUDIT_DATA_DIR: t.dataDir };
    expect((await runCli(['--mirror', file, 'sync'], { env: { ...env, FIBE_API_KEY: e.keys.full }, now: t.clock.now })).exitCode).toBe(0);
    const other = await startEmulator({ entries: 10, seed: 99, now: t.clock.now });
    try {
      const r = await runCli(['--mirror', file, 'sync'], { env: { ...env, FIBE_API_KEY: other.keys.full, FIBE_DOMAIN: other.url }, now: t.clock.now });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/^error: the mirror '.*m\.duckdb' belongs to account 77 on http:\/\/127\.0\.0\.1:\d+, not to this key's account \d+/);
    } finally {
      await other.close();
    }
    expect((await runCli(['sync'], { env })).exitCode).toBe(4);
  });
});
