// Cron runs must never lose exported entries: a taken {date} name, --force, --reset-checkpoint on a
// file that is not a checkpoint, overlapping runs on one checkpoint, and a full disk.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { acquireFileLock } from '../../src/lock/file-lock.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, tempDir } from '../helpers/run-cli.js';
import { idsOfFile, partialsIn, runExport, sortedAsc } from './harness.js';

let emu: Emulator;
let dir: string;
let ckpt: string;

beforeEach(async () => {
  emu = await startEmulator({ entries: 3_000, seed: 5, now: FIXED_NOW, rateLimitPerHour: 1_000_000 });
  dir = tempDir();
  ckpt = join(dir, 'export.ckpt');
});
afterEach(async () => {
  vi.restoreAllMocks();
  await emu.close();
});

const allIds = () => emu.data.queryIds({ created_before: FIXED_NOW.toISOString(), sort: 'created_at_asc' });
const soon = () => new Date(FIXED_NOW.getTime() - 1);

describe('two checkpointed runs on one day with --out audit-{date}.csv', () => {
  it('the second run goes to audit-<date>.1.csv, with or without --force; nothing of the first is lost', async () => {
    const out = join(dir, 'audit-{date}.csv');
    const first = await runExport(emu, ['--checkpoint', ckpt, '--out', out]);
    expect(first.exitCode).toBe(0);
    const day = join(dir, 'audit-2026-11-26.csv');
    const firstText = readFileSync(day, 'utf8');

    const added = emu.addEntries(7, { at: soon() }).map((e) => e.id);
    const second = await runExport(emu, ['--checkpoint', ckpt, '--out', out]);
    expect(second.exitCode).toBe(0);
    expect(second.stderr).toBe(
      `'${day}' already holds exported entries (an earlier run); this run's went to '${join(dir, 'audit-2026-11-26.1.csv')}'\n` +
        `exported 7 entries to ${join(dir, 'audit-2026-11-26.1.csv')} in 0.0 s, 1 request\n`,
    );
    expect(idsOfFile(join(dir, 'audit-2026-11-26.1.csv'))).toEqual(added);

    // --force (what the old hint said) must not replace either: the checkpoint has moved past them.
    const more = emu.addEntries(3, { at: soon() }).map((e) => e.id);
    const forced = await runExport(emu, ['--checkpoint', ckpt, '--out', out, '--force', '--manifest']);
    expect(forced.exitCode).toBe(0);
    expect(readFileSync(day, 'utf8')).toBe(firstText);
    expect(idsOfFile(join(dir, 'audit-2026-11-26.2.csv'))).toEqual(more);
    const manifest = JSON.parse(readFileSync(join(dir, 'audit-2026-11-26.2.csv.manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ file: 'audit-2026-11-26.2.csv', count: 3 });

    const union = [...idsOfFile(day), ...added, ...more];
    expect(sortedAsc(union)).toEqual(sortedAsc(allIds()));
    expect(new Set(union).size).toBe(union.length);
    expect(partialsIn(dir)).toEqual([]);
  });

  it('without --checkpoint an existing file is still refused (it holds a whole export that a re-run repeats)', async () => {
    const out = join(dir, 'a.csv');
    writeFileSync(out, 'keep');
    const r = await runExport(emu, ['--out', out]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`error: --out: '${out}' already exists\nhint: add --force to replace it\n`);
  });
});

describe('--reset-checkpoint', () => {
  it('refuses to overwrite a file that is not a checkpoint (exit 2, before any request)', async () => {
    const csv = join(dir, 'audit.csv');
    writeFileSync(csv, 'id,created_at\n1,2026-01-01T00:00:00Z\n');
    const r = await runExport(emu, ['--checkpoint', csv, '--reset-checkpoint', '--out', join(dir, 'b.csv')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(
      `error: --reset-checkpoint: '${csv}' is not a fibe-audit checkpoint; refusing to overwrite it\n` +
        'hint: check the --checkpoint path; if the file is really unwanted, remove it yourself\n',
    );
    expect(readFileSync(csv, 'utf8')).toBe('id,created_at\n1,2026-01-01T00:00:00Z\n');
    expect(emu.requests).toEqual([]);
    expect(readdirSync(dir)).toEqual(['audit.csv']);
  });

  it('still resets an empty file and a real checkpoint', async () => {
    writeFileSync(ckpt, '');
    expect((await runExport(emu, ['--checkpoint', ckpt, '--reset-checkpoint', '--out', join(dir, 'a.ndjson')])).exitCode).toBe(0);
    expect((await runExport(emu, ['--checkpoint', ckpt, '--reset-checkpoint', '--out', join(dir, 'b.ndjson')])).exitCode).toBe(0);
    expect(idsOfFile(join(dir, 'b.ndjson'))).toEqual(allIds());
  });
});

describe('the checkpoint lock', () => {
  it('a run on a checkpoint another run holds waits up to --max-wait, then exits 75 having written nothing', async () => {
    await runExport(emu, ['--checkpoint', ckpt, '--out', join(dir, 'a.ndjson')]);
    const saved = readFileSync(ckpt, 'utf8');
    emu.addEntries(5, { at: soon() });
    const before = emu.requests.length;
    const holder = await acquireFileLock({ now: () => FIXED_NOW, sleep: async () => undefined }, ckpt, {
      maxWaitMs: 0,
      what: 'the checkpoint',
      purpose: 'export',
    });
    try {
      const r = await runExport(emu, ['--checkpoint', ckpt, '--out', join(dir, 'b.ndjson'), '--max-wait', '2s']);
      expect(r.exitCode).toBe(75);
      expect(r.stderr).toBe(
        `waiting for pid ${process.pid} (export, since ${FIXED_NOW.toISOString()}), which holds the checkpoint (up to --max-wait 2s)\n` +
          `error: the checkpoint '${ckpt}' is locked by pid ${process.pid} (export, since ${FIXED_NOW.toISOString()}); gave up after waiting 2 s\n` +
          `hint: another fibe-audit run is using it (lock file '${ckpt}.lock'); try again later, or raise --max-wait\n`,
      );
      expect(r.sleeps.reduce((a, b) => a + b, 0)).toBe(2_000);
      expect(emu.requests.length).toBe(before);
      expect(readFileSync(ckpt, 'utf8')).toBe(saved);
      expect(existsSync(join(dir, 'b.ndjson'))).toBe(false);
    } finally {
      await holder.release();
    }
    expect((await runExport(emu, ['--checkpoint', ckpt, '--out', join(dir, 'b.ndjson')])).exitCode).toBe(0);
    expect(idsOfFile(join(dir, 'b.ndjson'))).toHaveLength(5);
    expect(readdirSync(dir).sort()).toEqual(['a.ndjson', 'b.ndjson', 'export.ckpt']);
  });

  it('two overlapping runs on one checkpoint, with entries arriving in between: every id exactly once', async () => {
    await runExport(emu, ['--checkpoint', ckpt, '--out', join(dir, 'a.ndjson')]);
    expect(Date.parse(emu.data.newest()!.created_at)).toBeLessThan(FIXED_NOW.getTime() - 1_000);
    // Enough for several pages, after the checkpoint, a hundred per millisecond.
    for (let k = 0; k < 15; k++) emu.addEntries(100, { at: new Date(FIXED_NOW.getTime() - 900 + k) });
    // Run B starts once run A has its first answer (A's clock is read on every response), and
    // more entries arrive then; B must wait for A and continue from A's checkpoint.
    let reads = 0;
    let startB: Promise<Awaited<ReturnType<typeof runExport>>> | undefined;
    const nowA = () => {
      reads += 1;
      if (reads === 3) {
        emu.addEntries(40, { at: soon() });
        startB = runExport(emu, ['--checkpoint', ckpt, '--out', join(dir, 'c.ndjson'), '--concurrency', '1'], { fakeSleep: false });
      }
      return new Date(FIXED_NOW.getTime());
    };
    const a = await runExport(emu, ['--checkpoint', ckpt, '--out', join(dir, 'b.ndjson'), '--concurrency', '1'], { now: nowA });
    expect(a.exitCode).toBe(0);
    expect(startB).toBeDefined();
    const b = await startB!;
    expect(b.stderr).toMatch(/^waiting for pid \d+ \(export, since .*\), which holds the checkpoint/);
    expect(b.exitCode).toBe(0);
    const union = ['a', 'b', 'c'].flatMap((n) => (existsSync(join(dir, `${n}.ndjson`)) ? idsOfFile(join(dir, `${n}.ndjson`)) : []));
    expect(new Set(union).size).toBe(union.length);
    expect(sortedAsc(union)).toEqual(sortedAsc(allIds()));
    expect(JSON.parse(readFileSync(ckpt, 'utf8')).exported_total).toBe(union.length);
  });
});

describe('a full disk', () => {
  it('names the file, says nothing was written and the checkpoint is intact; exit 1; the next run recovers', async () => {
    await runExport(emu, ['--checkpoint', ckpt, '--out', join(dir, 'a.ndjson')]);
    const saved = readFileSync(ckpt, 'utf8');
    const added = emu.addEntries(4, { at: soon() }).map((e) => e.id);
    // The file handle's write is where ENOSPC surfaces: every data write of this run fails so.
    const probe = await open(join(dir, '.probe'), 'w');
    const proto = Object.getPrototypeOf(probe) as { write: (...args: unknown[]) => Promise<unknown> };
    await probe.close();
    const spy = vi.spyOn(proto, 'write').mockRejectedValue(
      Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' }),
    );
    const out = join(dir, 'b.ndjson');
    const r = await runExport(emu, ['--checkpoint', ckpt, '--out', out]);
    spy.mockRestore();
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      `error: cannot write '${out}': no space left on the device (ENOSPC); nothing was written under that name; the checkpoint '${ckpt}' is unchanged\n` +
        'hint: free some space and run again: the next run exports the same entries\n',
    );
    expect(r.stderr).not.toContain('ENOSPC: no space');
    expect(readFileSync(ckpt, 'utf8')).toBe(saved);
    expect(existsSync(out)).toBe(false);
    expect(partialsIn(dir)).toEqual([]);
    expect(existsSync(`${ckpt}.lock`)).toBe(false);

    expect((await runExport(emu, ['--checkpoint', ckpt, '--out', out])).exitCode).toBe(0);
    expect(idsOfFile(out)).toEqual(added);
  });
});

describe('a directory that takes no new files', () => {
  it('says so in one line (exit 1), not the system call', async () => {
    const r = await runExport(emu, ['--out', '/proc/fibe-audit-export.csv']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      "error: cannot write '/proc/fibe-audit-export.csv': the directory takes no new files, or is gone (ENOENT); nothing was written under that name\n" +
        'hint: pick another --out and run again\n',
    );
  });
});

describe('stdout and format messages', () => {
  it('--out - with nothing new says nothing was written (no file was ever meant)', async () => {
    await runExport(emu, ['--checkpoint', ckpt, '--out', join(dir, 'a.ndjson')]);
    const r = await runExport(emu, ['--checkpoint', ckpt, '--out', '-', '--format', 'ndjson']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(`nothing new since the checkpoint (${emu.data.newest()!.created_at}); nothing written\n`);
  });

  it('--out x.json --format csv warns on stderr and writes CSV', async () => {
    const out = join(dir, 'x.json');
    const r = await runExport(emu, ['--out', out, '--format', 'csv', '--quiet']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(`warning: --format csv does not match the extension of '${out}' (json); writing CSV\n`);
    expect(readFileSync(out, 'utf8').startsWith('id,created_at,')).toBe(true);
    const same = await runExport(emu, ['--out', join(dir, 'y.csv'), '--format', 'csv', '--quiet']);
    expect(same.stderr).toBe('');
  });
});
