// The generic file lock: exclusive create, waiting through the Context's sleep, stale holders,
// release on every way out, and the exit-75 error that names the holder.
import { readFileSync, statSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TempError, EXIT } from '../../src/errors.js';
import { acquireFileLock, lockPathFor, withFileLock, type LockClock } from '../../src/lock/file-lock.js';
import { tempDir } from '../helpers/run-cli.js';

const T0 = new Date('2026-11-26T12:00:00.000Z');

/** A fixed clock whose sleeps are recorded and run `onSleep` (to change the world mid-wait). */
function fakeClock(onSleep?: (n: number) => void | Promise<void>): LockClock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => new Date(T0),
    async sleep(ms) {
      sleeps.push(ms);
      await onSleep?.(sleeps.length);
    },
  };
}

const opts = { maxWaitMs: 1_000, what: 'the checkpoint', pollMs: 250 };

describe('file lock', () => {
  it('creates <path>.lock (0600) holding pid, host and start time, and removes it on release', async () => {
    const path = join(tempDir(), 'state.json');
    const lock = await acquireFileLock(fakeClock(), path, { ...opts, purpose: 'export' });
    expect(lock.lockPath).toBe(`${path}.lock`);
    const record = JSON.parse(readFileSync(lock.lockPath, 'utf8'));
    expect(record).toMatchObject({ pid: process.pid, hostname: hostname(), started_at: T0.toISOString(), purpose: 'export' });
    expect(statSync(lock.lockPath).mode & 0o777).toBe(0o600);
    await lock.release();
    expect(existsSync(lock.lockPath)).toBe(false);
    await lock.release();
  });

  it('a second taker polls through sleep, then gives up with exit 75 naming the holder pid', async () => {
    const path = join(tempDir(), 'state.json');
    const first = await acquireFileLock(fakeClock(), path, { ...opts, purpose: 'export' });
    const clock = fakeClock();
    const waits: string[] = [];
    const err = await acquireFileLock(clock, path, { ...opts, onWait: (h) => waits.push(h) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TempError);
    expect((err as TempError).exitCode).toBe(EXIT.temporary);
    expect((err as Error).message).toContain(`locked by pid ${process.pid}`);
    expect((err as Error).message).toContain('export');
    expect(clock.sleeps).toEqual([250, 250, 250, 250]);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toContain(`pid ${process.pid}`);
    // The loser never touched the holder's lock.
    expect(JSON.parse(readFileSync(first.lockPath, 'utf8')).pid).toBe(process.pid);
    await first.release();
  });

  it('gets the lock as soon as the holder releases it during the wait', async () => {
    const path = join(tempDir(), 'state.json');
    const first = await acquireFileLock(fakeClock(), path, opts);
    const clock = fakeClock(async (n) => {
      if (n === 2) await first.release();
    });
    const second = await acquireFileLock(clock, path, opts);
    expect(clock.sleeps).toEqual([250, 250]);
    await second.release();
  });

  it('counts the Context clock too: a clock that moves ends the wait without sleeping the whole deadline', async () => {
    const path = join(tempDir(), 'state.json');
    const first = await acquireFileLock(fakeClock(), path, opts);
    let now = T0.getTime();
    const clock: LockClock & { sleeps: number[] } = {
      sleeps: [],
      now: () => new Date(now),
      async sleep(ms) {
        this.sleeps.push(ms);
        now += 600; // the world took longer than the poll (a slow disk, a suspended laptop)
      },
    };
    await expect(acquireFileLock(clock, path, opts)).rejects.toBeInstanceOf(TempError);
    expect(clock.sleeps).toEqual([250, 250]);
    await first.release();
  });

  it('breaks a lock left by a dead process on this host without waiting', async () => {
    const path = join(tempDir(), 'state.json');
    writeFileSync(lockPathFor(path), JSON.stringify({ pid: 4_000_000_001, hostname: hostname(), started_at: 'x', token: 'dead' }));
    const clock = fakeClock();
    const lock = await acquireFileLock(clock, path, opts);
    expect(clock.sleeps).toEqual([]);
    expect(JSON.parse(readFileSync(lock.lockPath, 'utf8')).token).not.toBe('dead');
    await lock.release();
  });

  it('breaks a lock naming this very process that it no longer holds (left behind by a failed release)', async () => {
    const path = join(tempDir(), 'state.json');
    writeFileSync(lockPathFor(path), JSON.stringify({ pid: process.pid, hostname: hostname(), started_at: 'x', token: 'orphan' }));
    const clock = fakeClock();
    const lock = await acquireFileLock(clock, path, opts);
    expect(clock.sleeps).toEqual([]);
    await lock.release();
  });

  it('uses the injected liveness check: a live holder on this host is waited for', async () => {
    const path = join(tempDir(), 'state.json');
    writeFileSync(lockPathFor(path), JSON.stringify({ pid: 4_000_000_001, hostname: hostname(), started_at: 'x', token: 't' }));
    await expect(acquireFileLock(fakeClock(), path, { ...opts, isAlive: () => true })).rejects.toThrow(/pid 4000000001/);
  });

  it('never judges a holder on another host stale: it waits, and the error names the host', async () => {
    const path = join(tempDir(), 'state.json');
    writeFileSync(lockPathFor(path), JSON.stringify({ pid: 4_000_000_001, hostname: 'other-box', started_at: 'x', token: 't' }));
    const clock = fakeClock();
    await expect(acquireFileLock(clock, path, opts)).rejects.toThrow(/pid 4000000001 on other-box/);
    expect(clock.sleeps.length).toBe(4);
    expect(existsSync(lockPathFor(path))).toBe(true);
  });

  it('waits for a young empty lock file (a holder between create and write), breaks an old one', async () => {
    const path = join(tempDir(), 'state.json');
    writeFileSync(lockPathFor(path), '');
    await expect(acquireFileLock(fakeClock(), path, opts)).rejects.toThrow(/locked by another process/);
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(lockPathFor(path), old, old);
    const lock = await acquireFileLock(fakeClock(), path, opts);
    await lock.release();
  });

  it('releases on a throw, and release leaves a lock that is no longer ours alone', async () => {
    const path = join(tempDir(), 'state.json');
    await expect(withFileLock(fakeClock(), path, opts, async () => {
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(existsSync(lockPathFor(path))).toBe(false);
    const lock = await acquireFileLock(fakeClock(), path, opts);
    writeFileSync(lock.lockPath, JSON.stringify({ pid: 1, hostname: 'h', started_at: 'x', token: 'someone-else' }));
    await lock.release();
    expect(existsSync(lock.lockPath)).toBe(true);
  });

  it('an abort during the wait ends it with the signal reason', async () => {
    const path = join(tempDir(), 'state.json');
    const first = await acquireFileLock(fakeClock(), path, opts);
    const controller = new AbortController();
    const clock: LockClock = {
      now: () => new Date(T0),
      signal: controller.signal,
      sleep: async (_ms, signal) => {
        controller.abort(new Error('interrupted'));
        if (signal?.aborted) throw signal.reason;
      },
    };
    await expect(acquireFileLock(clock, path, { ...opts, maxWaitMs: 60_000 })).rejects.toThrow('interrupted');
    await first.release();
  });

  it('a missing directory is a clear error, not a wait', async () => {
    const path = join(tempDir(), 'nope', 'state.json');
    await expect(acquireFileLock(fakeClock(), path, opts)).rejects.toThrow(/cannot lock the checkpoint: .*ENOENT/);
  });

  it('mutual exclusion: eight concurrent takers never overlap and all get their turn', async () => {
    const path = join(tempDir(), 'state.json');
    const clock: LockClock = {
      now: () => new Date(T0),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 2))),
    };
    let inside = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(Array.from({ length: 8 }, (_, i) => withFileLock(clock, path, { ...opts, maxWaitMs: 600_000 }, async () => {
      inside += 1;
      most = Math.max(most, inside);
      await new Promise((resolve) => setTimeout(resolve, 3));
      order.push(i);
      inside -= 1;
    })));
    expect(most).toBe(1);
    expect(order.sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(existsSync(lockPathFor(path))).toBe(false);
  });
});
