// Incremental exports as cron runs them: each entry exactly once across runs (also entries sharing
// the last run's timestamp), "nothing new", refused filter changes, budget exhaustion and resuming.
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, tempDir } from '../helpers/run-cli.js';
import { idsOfFile, partialsIn, runExport, sortedAsc } from './harness.js';

let emu: Emulator;
let dir: string;
let ckpt: string;

beforeEach(async () => {
  emu = await startEmulator({ entries: 4_000, seed: 21, now: FIXED_NOW, rateLimitPerHour: 1_000_000 });
  dir = tempDir();
  ckpt = join(dir, 'state', 'export.ckpt');
});
afterEach(async () => {
  await emu.close();
});

const allIds = () => emu.data.queryIds({ created_before: FIXED_NOW.toISOString(), sort: 'created_at_asc' });
const run = (name: string, extra: string[] = []) => runExport(emu, ['--checkpoint', ckpt, '--out', join(dir, name), ...extra]);
const readCkpt = () => JSON.parse(readFileSync(ckpt, 'utf8')) as Record<string, unknown>;

describe('cron: checkpointed runs', () => {
  beforeEach(() => {
    // The checkpoint's directory must exist (it is not created behind the user's back).
    writeFileSync(join(dir, '.keep'), '');
  });

  it('three runs with arrivals between them export every entry exactly once', async () => {
    ckpt = join(dir, 'export.ckpt');
    const first = await run('run1.ndjson');
    expect(first.exitCode).toBe(0);
    const c1 = readCkpt();
    expect(c1).toMatchObject({ version: 1, exported_total: allIds().length, last_created_at: emu.data.newest()!.created_at });
    expect(c1.fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(c1.filters).toEqual({ actions: [], actor_types: [], actors: [], channel: null, resource: null, search: null });
    expect(c1.updated_at).toBe(FIXED_NOW.toISOString());

    // Arrivals sharing the previous run's last timestamp (to the microsecond), then newer ones.
    const same = emu.addEntries(4, { sameTimestampAs: 'newest' });
    expect(same[0]!.created_at).toBe(c1.last_created_at);
    emu.addEntries(6, { at: new Date(FIXED_NOW.getTime() - 1) });
    const second = await run('run2.csv');
    expect(second.exitCode).toBe(0);
    const run2 = idsOfFile(join(dir, 'run2.csv'));
    expect(run2).toHaveLength(10);

    emu.addEntries(3, { sameTimestampAs: 'newest' });
    emu.addEntries(2);
    const third = await run('run3.json');
    expect(third.exitCode).toBe(0);
    expect(idsOfFile(join(dir, 'run3.json'))).toHaveLength(5);

    const union = [...idsOfFile(join(dir, 'run1.ndjson')), ...run2, ...idsOfFile(join(dir, 'run3.json'))];
    expect(new Set(union).size).toBe(union.length);
    expect(sortedAsc(union)).toEqual(sortedAsc(allIds()));
    expect(readCkpt()).toMatchObject({ exported_total: union.length, last_created_at: '2026-11-26T12:00:00Z' });
    expect(readFileSync(ckpt, 'utf8')).not.toContain(emu.keys.full);

    // Nothing new: exit 0, no file, one line.
    const before = readFileSync(ckpt, 'utf8');
    const fourth = await run('run4.ndjson');
    expect(fourth.exitCode).toBe(0);
    expect(fourth.stderr).toBe("nothing new since the checkpoint (2026-11-26T12:00:00Z); no file written\n");
    expect(readdirSync(dir).sort()).toEqual(['.keep', 'export.ckpt', 'run1.ndjson', 'run2.csv', 'run3.json']);
    expect(readFileSync(ckpt, 'utf8')).toBe(before);
    expect((await run('run4.ndjson', ['--quiet'])).stderr).toBe('');
  });

  it('ids at the last instant accumulate when a run only adds same-instant entries', async () => {
    ckpt = join(dir, 'export.ckpt');
    await run('a.ndjson');
    const ids1 = readCkpt().ids_at_last as number[];
    const added = emu.addEntries(2, { sameTimestampAs: 'newest' }).map((e) => e.id);
    expect((await run('b.ndjson')).exitCode).toBe(0);
    expect(idsOfFile(join(dir, 'b.ndjson'))).toEqual(added);
    expect(readCkpt().ids_at_last).toEqual([...ids1, ...added]);
    expect((await run('c.ndjson')).stderr).toMatch(/^nothing new/);
  });

  it('applies --since to the first run only', async () => {
    ckpt = join(dir, 'export.ckpt');
    const first = await run('a.ndjson', ['--since', '2026-11-25T00:00:00Z']);
    expect(first.exitCode).toBe(0);
    const want = emu.data.queryIds({ created_after: '2026-11-25T00:00:00Z', created_before: FIXED_NOW.toISOString(), sort: 'created_at_asc' });
    expect(idsOfFile(join(dir, 'a.ndjson'))).toEqual(want);
    const added = emu.addEntries(2).map((e) => e.id);
    // A later --since would skip them; the checkpoint wins.
    expect((await run('b.ndjson', ['--since', '1s'])).exitCode).toBe(0);
    expect(idsOfFile(join(dir, 'b.ndjson'))).toEqual(added);
  });

  it('refuses other filters (exit 2, naming them) and --reset-checkpoint starts over', async () => {
    ckpt = join(dir, 'export.ckpt');
    await run('a.ndjson', ['--action', 'trick.*']);
    const saved = readFileSync(ckpt, 'utf8');
    const before = emu.requests.length;
    const refused = await run('b.ndjson', ['--action', 'playground.*', '--channel', 'api']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toBe(
      `error: --checkpoint: '${ckpt}' was made with other filters: --action was trick.*, now playground.*; --channel was (none), now api\n` +
        'hint: run with the same filters, use another checkpoint file, or add --reset-checkpoint to start over\n',
    );
    expect(emu.requests.length).toBe(before);
    expect(readFileSync(ckpt, 'utf8')).toBe(saved);
    expect(readdirSync(dir)).not.toContain('b.ndjson');

    const reset = await run('b.ndjson', ['--action', 'playground.*', '--reset-checkpoint']);
    expect(reset.exitCode).toBe(0);
    const want = emu.data.queryIds({ action_prefix: 'playground.', created_before: FIXED_NOW.toISOString(), sort: 'created_at_asc' });
    expect(idsOfFile(join(dir, 'b.ndjson'))).toEqual(want);
    expect(readCkpt()).toMatchObject({ exported_total: want.length, filters: expect.objectContaining({ actions: ['playground.*'] }) });
  });

  it.each([
    ['not JSON', '{"version": 1,', 'not valid JSON'],
    ['another version', '{"version": 9}', 'unsupported version 9'],
  ])('refuses a corrupt checkpoint (%s) with one clear line, unless --reset-checkpoint', async (_name, text, why) => {
    ckpt = join(dir, 'export.ckpt');
    writeFileSync(ckpt, text);
    const r = await run('a.ndjson');
    expect(r.exitCode).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`error: --checkpoint: '${ckpt}' is not a usable fibe-audit checkpoint (${why})`);
    expect(readFileSync(ckpt, 'utf8')).toBe(text);
    const reset = await run('a.ndjson', ['--reset-checkpoint']);
    expect(reset.exitCode).toBe(0);
    expect(readCkpt().version).toBe(1);
  });

  it('refuses a checkpoint in a directory that does not exist', async () => {
    const r = await run('a.ndjson');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`error: --checkpoint: directory '${join(dir, 'state')}' does not exist\n`);
  });
});

describe('cron: a checkpoint that cannot be written', () => {
  it('takes the export (and manifest) back, so the next run exports the same entries', async () => {
    const state = join(dir, 'state');
    mkdirSync(state);
    expect((await run('a.ndjson')).exitCode).toBe(0);
    const saved = readFileSync(ckpt, 'utf8');
    const added = emu.addEntries(5).map((e) => e.id);
    // The clock is read at the start, when the checkpoint is locked, then on every response (the
    // checkpoint was read before the first request): move its directory away after the first response.
    let reads = 0;
    const now = () => {
      reads += 1;
      if (reads === 3) renameSync(state, `${state}-away`);
      return new Date(FIXED_NOW.getTime());
    };
    const failed = await runExport(emu, ['--checkpoint', ckpt, '--out', join(dir, 'b.ndjson'), '--manifest'], { now });
    expect(failed.exitCode).toBe(1);
    expect(failed.stderr).toBe(
      `error: --checkpoint: cannot write '${ckpt}' (ENOENT); it still holds the previous run\n` +
        "hint: this run's file was removed again; once fixed, the next run exports the same entries\n",
    );
    expect(readdirSync(dir).sort()).toEqual(['a.ndjson', 'state-away']);
    renameSync(`${state}-away`, state);
    expect(readFileSync(ckpt, 'utf8')).toBe(saved);
    expect((await run('b.ndjson')).exitCode).toBe(0);
    expect(idsOfFile(join(dir, 'b.ndjson'))).toEqual(added);
  });
});

describe('cron: rate budget exhaustion', () => {
  it('exits 75 with no partial file and the checkpoint unchanged; the next run exports exactly the missing entries', async () => {
    ckpt = join(dir, 'export.ckpt');
    expect((await run('a.ndjson')).exitCode).toBe(0);
    const saved = readFileSync(ckpt, 'utf8');
    const missing = emu.addEntries(2_500, { at: new Date(FIXED_NOW.getTime() - 500) }).map((e) => e.id);
    emu.setRateLimit(8);
    const spent = await runExport(emu, ['--checkpoint', ckpt, '--out', join(dir, 'b.ndjson'), '--max-wait', '1s']);
    expect(spent.exitCode).toBe(75);
    expect(spent.stderr).toMatch(/^error: the (rate limit is spent|server asked to wait).*--max-wait 1s/);
    expect(readdirSync(dir).sort()).toEqual(['a.ndjson', 'export.ckpt']);
    expect(partialsIn(dir)).toEqual([]);
    expect(readFileSync(ckpt, 'utf8')).toBe(saved);

    emu.setRateLimit(1_000_000);
    emu.resetRateLimit();
    const next = await run('b.ndjson');
    expect(next.exitCode).toBe(0);
    expect(idsOfFile(join(dir, 'b.ndjson'))).toEqual(missing);
  });
});
