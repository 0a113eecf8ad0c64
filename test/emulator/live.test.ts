// --live: entries keep arriving on the emulator's clock, at about the asked rate, with late arrivals
// and shared timestamps, and none is visible before the clock reaches its arrival.
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './index.js';
import { simClock } from '../helpers/sim-clock.js';
import { NOW } from './test-client.js';

let em: Emulator | undefined;
afterEach(async () => {
  await em?.close();
  em = undefined;
});

describe('live arrivals', () => {
  it('adds about n per minute, stamped now, driven by the injected clock', async () => {
    const clock = simClock(NOW);
    em = await startEmulator({ entries: 50, now: clock.now, live: { perMinute: 60 } });
    const before = em.data.count;
    expect(em.data.count).toBe(before); // no time passed: nothing new
    await clock.sleep(10 * 60_000);
    const added = em.data.count - before;
    expect(added).toBeGreaterThan(450);
    expect(added).toBeLessThan(750);
    expect(em.live?.arrived).toBe(added);
    const fresh = [...em.data.entries()].slice(-added);
    // Every live entry lies in the ten minutes, none in the future.
    for (const e of fresh) {
      const t = Date.parse(e.created_at);
      expect(t).toBeGreaterThanOrEqual(NOW.getTime() - 60_000);
      expect(t).toBeLessThanOrEqual(clock.now().getTime());
    }
  });

  it('mixes in late arrivals (stamped up to a minute before they appear) and shared timestamps', async () => {
    const clock = simClock(NOW);
    em = await startEmulator({ entries: 0, now: clock.now, live: { perMinute: 120 } });
    await clock.sleep(30 * 60_000);
    const entries = [...em.data.entries()];
    const late = em.live?.lateIds ?? new Set<number>();
    expect(late.size).toBeGreaterThan(50);
    const stamps = new Map<string, number>();
    for (const e of entries) stamps.set(e.created_at, (stamps.get(e.created_at) ?? 0) + 1);
    expect([...stamps.values()].filter((n) => n > 1).length).toBeGreaterThan(50);
    // A late arrival has a higher id than some entry stamped after it: it was inserted into the past.
    const byId = [...entries].sort((a, b) => a.id - b.id);
    const t = (e: { created_at: string }) => Date.parse(e.created_at);
    const overtaken = byId.filter((l) => late.has(l.id) && byId.some((e) => e.id < l.id && t(e) > t(l)));
    expect(overtaken.length).toBeGreaterThan(50);
  });

  it('serves arrivals over HTTP only once the clock has reached them; setPerMinute(0) stops them', async () => {
    const clock = simClock(NOW);
    em = await startEmulator({ entries: 10, now: clock.now, live: { perMinute: 30 } });
    const total = async () => {
      const res = await fetch(`${(em as Emulator).url}/api/audit_logs?per_page=1`, { headers: { Authorization: `Bearer ${(em as Emulator).keys.full}` } });
      return ((await res.json()) as { meta: { total: number } }).meta.total;
    };
    expect(await total()).toBe(10);
    await clock.sleep(5 * 60_000);
    const grown = await total();
    expect(grown).toBeGreaterThan(100);
    em.live?.setPerMinute(0);
    await clock.sleep(5 * 60_000);
    expect(await total()).toBe(grown);
  });
});
