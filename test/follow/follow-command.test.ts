// query --follow as a command: the table on a terminal (header once, rows appended, status line on
// stderr only), flags that cannot go with it, 401/403, a closed pipe, and the checkpoint lock.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli, tempDir, testContext } from '../helpers/run-cli.js';
import { simClock } from '../helpers/sim-clock.js';
import { main } from '../../src/cli.js';
import { acquireFileLock } from '../../src/lock/file-lock.js';
import { MINUTE, followUntil, newestIds } from './harness.js';
import { withActor } from '../../src/model/actor.js';
import type { AuditEntry, Entry } from '../../src/model/entry.js';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const start = async (perMinute = 30) => {
  const clock = simClock(FIXED_NOW);
  emu = await startEmulator({ entries: 2000, seed: 11, now: clock.now, live: { perMinute } });
  return { clock, emu };
};

describe('on a terminal', () => {
  it('prints the table header once and appends rows; the status line goes to stderr only', async () => {
    const { clock, emu } = await start(20);
    const opening = newestIds(emu, 10);
    const run = await followUntil(emu, clock, 3 * MINUTE, [], { tty: true, columns: 100 });
    expect(run.exitCode).toBe(130);
    expect(run.stdout).toContain('\x1b[1mTIME'); // colour on a terminal: bold header, actions by verb
    const lines = run.stdout.replace(/\x1b\[\d+m/g, '').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TIME\s+ACTION\s+ACTOR\s+CHANNEL\s+RESOURCE\s+ID$/);
    expect(lines.filter((l) => /^TIME\s+ACTION/.test(l))).toHaveLength(1);
    expect(lines.length).toBeGreaterThan(40); // the opening 10 and the rows appended after them
    // Every row fits the terminal and ends in its entry's id; absolute times, oldest first.
    const rows = lines.slice(1);
    expect(rows.every((l) => l.length <= 100)).toBe(true);
    const shownIds = rows.map((l) => Number(/(\d+)$/.exec(l)?.[1]));
    expect(shownIds.slice(0, 10)).toEqual(opening);
    // At 100 columns the table takes query's narrower step: absolute times without year and zone.
    expect(rows.every((l) => /^11-26 \d\d:\d\d:\d\d  /.test(l))).toBe(true);
    // The status line never reaches stdout; on stderr it is redrawn in place and cleared at the end.
    expect(run.stdout).not.toMatch(/following|last check|\r|\x1b\[2K/);
    expect(run.stderr).toMatch(/\r\x1b\[2K(\x1b\[2m)?following: last check 2026-11-26 12:0/);
    // Ctrl-C is how a follow ends: the status line is cleared and nothing else is said (exit 130).
    expect(run.stderr.endsWith('\r\x1b[2K')).toBe(true);
    expect(run.stderr).not.toContain('error');
    expect(run.stderr).toMatch(/next check in 15s/);
    expect(run.stderr).toMatch(/the last 10 entries shown; following every 15s \(Ctrl-C stops\)\n/);
  });

  it('piped: the same table without colour, cuts or status line', async () => {
    const { clock, emu } = await start(20);
    const run = await followUntil(emu, clock, 2 * MINUTE, ['--columns', 'id,action,resource_name']);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\s*ID\s+ACTION\s+RESOURCE_NAME$/);
    expect(run.stdout).not.toMatch(/\x1b|…/);
    expect(run.stderr).not.toMatch(/\r|last check/);
    expect(run.stderr).toMatch(/following every 15s/);
  });

  it('--quiet: neither notices nor a status line', async () => {
    const { clock, emu } = await start(20);
    const run = await followUntil(emu, clock, 2 * MINUTE, ['-q', '-o', 'ndjson'], { tty: true });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(130);
    expect(run.stdout.split('\n').length).toBeGreaterThan(20);
  });
});

describe.each([60, 80, 120])('on a %i-column terminal', (columns) => {
  it('the follow table fits like query\'s: every line fits, entry ID, actor #id or automation name and resource #id whole', async () => {
    const { clock, emu } = await start(20);
    const run = await followUntil(emu, clock, 3 * MINUTE, [], { tty: true, columns, env: { NO_COLOR: '1' } });
    expect(run.exitCode).toBe(130);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => [...l].length > columns)).toEqual([]);
    expect(lines.filter((l) => /^TIME\s/.test(l))).toHaveLength(1);
    const byId = new Map([...emu.data.entries()].map((e) => [e.id, withActor(e as unknown as AuditEntry)]));
    const rows = lines.map((l, i) => ({ l, i })).filter(({ l }) => /^\S.*\s(\d+)$/.test(l) && !l.startsWith('TIME'));
    expect(rows.length).toBeGreaterThan(40);
    for (const { l, i } of rows) {
      const e = byId.get(Number(/(\d+)$/.exec(l)?.[1])) as Entry;
      const next = lines[i + 1] ?? '';
      const block = /^\s/.test(next) ? `${l}\n${next}` : l;
      const ids = [e.actor.kind === 'automation' ? `automation ${e.actor.label}` : `#${e.actor.id}`];
      if (e.resource_id !== null && e.resource_id !== undefined) ids.push(`#${e.resource_id}`);
      for (const id of ids) expect(block).toContain(id);
    }
  });
});

describe('flags', () => {
  it.each([
    [['-o', 'json'], /-o json cannot go with --follow/],
    [['--interval', '4s'], /--interval: 4s is too short; at least 5s/],
    [['--interval', 'soon'], /--interval: cannot read 'soon'/],
    [['--until', '1h'], /--until cannot go with --follow/],
    [['--file', 'x.ndjson'], /cannot follow an export \(--file\)/],
    [['--order', 'desc'], /--order desc cannot go with it/],
    [['--all', '--limit', '3'], /--all and --limit cannot be combined/],
    [['--reset-checkpoint'], /--reset-checkpoint needs --checkpoint/],
    [['--columns', 'id', '-o', 'ndjson'], /--columns applies to table and csv/],
    [['--source', 'mirror'], /^error: --follow reads new entries from the API: it cannot go with --source mirror\n/],
  ])('query -f %j: exit 2', async (args, message) => {
    const r = await runCli(['query', '-f', ...args], { env: { FIBE_API_KEY: 'fibe_test_unused', FIBE_DOMAIN: 'http://127.0.0.1:9' } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it.each([['--interval', '30s'], ['--checkpoint', 'x.ckpt'], ['--reset-checkpoint']])('%s without --follow: exit 2', async (...args) => {
    const r = await runCli(['query', ...args], { env: { FIBE_API_KEY: 'fibe_test_unused', FIBE_DOMAIN: 'http://127.0.0.1:9' } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/goes with --follow/);
  });

  it('--interval sets the time between checks', async () => {
    const { clock, emu } = await start(10);
    const run = await followUntil(emu, clock, 2 * MINUTE + 1000, ['-o', 'ndjson', '--interval', '40s']);
    expect(run.requests).toBe(1 + 3); // the opening read, then checks at 40, 80 and 120 s
    expect(clock.sleeps.every((ms) => ms === 40_000)).toBe(true);
  });
});

describe('opening screen', () => {
  it('--all --since 1d: every match of the day first, then the new ones, each once', async () => {
    const { clock, emu } = await start(20);
    const hour = emu.data.queryIds({ sort: 'created_at_asc', created_after: new Date(FIXED_NOW.getTime() - 24 * 60 * MINUTE).toISOString() });
    const lastBefore = emu.data.newest()!.id;
    clock.at(3 * MINUTE, () => emu.live!.setPerMinute(0));
    const run = await followUntil(emu, clock, 6 * MINUTE, ['--all', '--since', '1d', '-o', 'ndjson']);
    const got = run.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as { id: number }).id);
    expect(hour.length).toBeGreaterThan(5);
    expect(got.slice(0, hour.length)).toEqual(hour);
    const later = [...emu.data.entries()].filter((e) => e.id > lastBefore).map((e) => e.id).sort((a, b) => a - b);
    expect([...got.slice(hour.length)].sort((a, b) => a - b)).toEqual(later);
    expect(run.stderr).toMatch(new RegExp(`the last ${hour.length} entries shown`));
  });
});

describe('ends', () => {
  it('a key without audit access: exit 4 before printing anything', async () => {
    const { clock, emu } = await start();
    const run = await followUntil(emu, clock, MINUTE, [], { env: { FIBE_API_KEY: emu.keys.no_audit } });
    expect(run.exitCode).toBe(4);
    expect(run.stderr).toMatch(/may not read the audit log/);
  });

  it('a key rejected mid-follow (401): exit 4, what was printed stays', async () => {
    const { clock, emu } = await start();
    clock.at(MINUTE, () => emu.failNext(1, 'error', { status: 401 }));
    const run = await followUntil(emu, clock, 10 * MINUTE, ['-o', 'ndjson']);
    expect(run.exitCode).toBe(4);
    expect(run.stdout.split('\n').length).toBeGreaterThan(10);
    expect(clock.elapsed()).toBeLessThan(2 * MINUTE);
  });

  it('a reader that goes away (closed pipe) ends it quietly with exit 0', async () => {
    const clock = simClock(FIXED_NOW);
    emu = await startEmulator({ entries: 2000, seed: 11, now: clock.now, live: { perMinute: 30 } });
    const { ctx, io } = testContext({ clock, env: { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url } });
    io.stdout.on('error', () => undefined);
    clock.at(MINUTE, () => io.stdout.destroy(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })));
    const code = await main(['query', '-f', '-o', 'ndjson'], ctx);
    expect(code).toBe(0);
    expect(io.err()).not.toMatch(/error/);
    expect(clock.elapsed()).toBeLessThan(2 * MINUTE);
  });
});

describe('--checkpoint', () => {
  it('is locked for the whole run: a second follower waits up to --max-wait, then exits 75 having printed nothing', async () => {
    const { clock, emu } = await start();
    const path = join(tempDir(), 'f.ckpt');
    const lock = await acquireFileLock({ now: clock.now, sleep: clock.sleep }, path, { maxWaitMs: 0, what: 'the checkpoint', purpose: 'test' });
    try {
      const run = await followUntil(emu, clock, 10 * MINUTE, ['--checkpoint', path, '--max-wait', '30s']);
      expect(run.exitCode).toBe(75);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/checkpoint .* is locked by pid \d+/);
      expect(run.requests).toBe(0);
    } finally {
      await lock.release();
    }
  });

  it('refuses a checkpoint made with other filters (exit 2), and a corrupt one', async () => {
    const { clock, emu } = await start();
    const path = join(tempDir(), 'f.ckpt');
    await followUntil(emu, clock, MINUTE, ['-o', 'ndjson', '--checkpoint', path, '--action', 'trick.*']);
    const other = await followUntil(emu, clock, 2 * MINUTE, ['-o', 'ndjson', '--checkpoint', path, '--action', 'secret.*']);
    expect(other.exitCode).toBe(2);
    expect(other.stderr).toMatch(/made with other filters: --action was trick\.\*, now secret\.\*/);
    writeFileSync(path, '{"version": 1');
    const corrupt = await followUntil(emu, clock, 3 * MINUTE, ['--checkpoint', path]);
    expect(corrupt.exitCode).toBe(2);
    expect(corrupt.stderr).toMatch(/not a usable fibe-audit checkpoint/);
    const reset = await followUntil(emu, clock, 4 * MINUTE, ['-o', 'ndjson', '--checkpoint', path, '--reset-checkpoint']);
    expect(reset.exitCode).toBe(130);
    expect(reset.stdout.split('\n').length).toBeGreaterThan(10);
  });
});
