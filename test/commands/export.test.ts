// fibe-audit export end to end against the emulator: complete exports in every format, atomic
// targets, manifests, path templates, format inference and stdout.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, tempDir } from '../helpers/run-cli.js';
import { idsOfFile, idsOfText, partialsIn, runExport } from '../export/harness.js';
import { VERSION } from '../../src/version.js';

const SINCE = '2026-08-01T00:00:00Z';
const UNTIL = '2026-11-26T11:00:00Z';
const WINDOW = ['--since', SINCE, '--until', UNTIL];

describe('export of more than two page caps', () => {
  let big: Emulator;
  let want: number[];

  beforeAll(async () => {
    big = await startEmulator({ entries: 250_000, seed: 7, now: FIXED_NOW, rateLimitPerHour: 1_000_000 });
    want = big.data.queryIds({ created_after: SINCE, created_before: UNTIL, sort: 'created_at_asc' });
  }, 60_000);
  afterAll(async () => {
    await big.close();
  });

  it.each(['ndjson', 'csv', 'json'] as const)(
    '%s parses back to exactly the emulator id set, oldest first, no duplicates',
    async (format) => {
      expect(want.length).toBeGreaterThan(200_000);
      const dir = tempDir();
      const out = join(dir, `audit.${format}`);
      const r = await runExport(big, [...WINDOW, '--out', out]);
      expect(r.stderr).not.toContain('error');
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toBe('');
      expect(idsOfFile(out)).toEqual(want);
      expect(readdirSync(dir)).toEqual([`audit.${format}`]);
      expect(statSync(out).mode & 0o777).toBe(0o600);
      expect(r.stderr).toMatch(new RegExp(`^exported ${want.length.toLocaleString('en-US')} entries to ${out} in \\d+\\.\\d s, [\\d,]+ requests\\n$`));
    },
    120_000,
  );
});

describe('export', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ entries: 6_000, seed: 3, now: FIXED_NOW });
  });
  afterAll(async () => {
    await emu.close();
  });

  it('applies the filters exactly (server narrowing re-checked client-side)', async () => {
    const want = emu.data.queryIds({ action_prefix: 'playground.', channel: 'api', created_before: UNTIL, sort: 'created_at_asc' });
    expect(want.length).toBeGreaterThan(10);
    const out = join(tempDir(), 'pg.ndjson');
    const r = await runExport(emu, ['--action', 'playground.*', '--channel', 'api', '--until', UNTIL, '--out', out]);
    expect(r.exitCode).toBe(0);
    expect(idsOfFile(out)).toEqual(want);
  });

  it('exports the whole log by default, up to now', async () => {
    const want = emu.data.queryIds({ created_before: FIXED_NOW.toISOString(), sort: 'created_at_asc' });
    const out = join(tempDir(), 'all.csv');
    const r = await runExport(emu, ['--out', out]);
    expect(r.exitCode).toBe(0);
    expect(idsOfFile(out)).toEqual(want);
  });

  it('streams to stdout with --out - and --format', async () => {
    const want = emu.data.queryIds({ resource_type: 'Trick', created_before: UNTIL, sort: 'created_at_asc' });
    for (const format of ['csv', 'json', 'ndjson'] as const) {
      const r = await runExport(emu, ['--resource', 'Trick', '--until', UNTIL, '--out', '-', '--format', format]);
      expect(r.exitCode).toBe(0);
      expect(idsOfText(format, r.stdout)).toEqual(want);
      expect(r.stderr).toMatch(/^exported [\d,]+ entries to stdout in /);
    }
  });

  it('keeps JSON entries as the API sent them, plus actor', async () => {
    const r = await runExport(emu, ['--until', UNTIL, '--since', '2026-11-26T00:00:00Z', '--out', '-', '--format', 'json']);
    const got = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    const wire = emu.data.query({ created_after: '2026-11-26T00:00:00Z', created_before: UNTIL, sort: 'created_at_asc' });
    expect(got.length).toBe(wire.length);
    expect(got[0]).toEqual({ ...wire[0], actor: expect.objectContaining({ kind: expect.any(String) }) });
  });

  it('writes a manifest whose sha256 is the file, without the key', async () => {
    const dir = tempDir();
    const out = join(dir, 'audit.csv');
    const want = emu.data.queryIds({ action_prefix: 'trick.', created_before: UNTIL, sort: 'created_at_asc' });
    const r = await runExport(emu, ['--action', 'trick.*', '--until', UNTIL, '--out', out, '--manifest']);
    expect(r.exitCode).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['audit.csv', 'audit.csv.manifest.json']);
    const text = readFileSync(`${out}.manifest.json`, 'utf8');
    expect(text).not.toContain(emu.keys.full);
    const m = JSON.parse(text);
    const wire = emu.data.query({ action_prefix: 'trick.', created_before: UNTIL, sort: 'created_at_asc' });
    expect(m).toEqual({
      tool: 'fibe-audit',
      version: VERSION,
      file: 'audit.csv',
      format: 'csv',
      filters: { actions: ['trick.*'], actor_types: [], actors: [], channel: null, resource: null, search: null },
      window: { start: null, end: UNTIL.replace('Z', '.000Z') },
      resumed_after: null,
      count: want.length,
      bytes: statSync(out).size,
      sha256: createHash('sha256').update(readFileSync(out)).digest('hex'),
      first: { id: wire[0]!.id, created_at: wire[0]!.created_at },
      last: { id: wire.at(-1)!.id, created_at: wire.at(-1)!.created_at },
      started_at: FIXED_NOW.toISOString(),
      finished_at: FIXED_NOW.toISOString(),
      requests: expect.any(Number),
      complete: true,
    });
    expect(m.requests).toBeGreaterThan(want.length / 100);
  });

  it('refuses an existing file without --force before any request, and replaces it with --force', async () => {
    const dir = tempDir();
    const out = join(dir, 'audit.ndjson');
    writeFileSync(out, 'precious\n');
    const before = emu.requests.length;
    const refused = await runExport(emu, ['--until', UNTIL, '--out', out]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toBe(`error: --out: '${out}' already exists\nhint: add --force to replace it\n`);
    expect(emu.requests.length).toBe(before);
    expect(readFileSync(out, 'utf8')).toBe('precious\n');
    const forced = await runExport(emu, ['--until', UNTIL, '--out', out, '--force']);
    expect(forced.exitCode).toBe(0);
    expect(idsOfFile(out)).toEqual(emu.data.queryIds({ created_before: UNTIL, sort: 'created_at_asc' }));
    expect(readdirSync(dir)).toEqual(['audit.ndjson']);
  });

  it('refuses an existing manifest without --force', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.csv.manifest.json'), '{}');
    const r = await runExport(emu, ['--out', join(dir, 'a.csv'), '--manifest']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`--manifest: '${join(dir, 'a.csv.manifest.json')}' already exists`);
    expect(readdirSync(dir)).toEqual(['a.csv.manifest.json']);
  });

  it('replaces {date} and {datetime} in the path (UTC, from the run clock)', async () => {
    const dir = tempDir();
    const now = new Date('2026-11-26T03:04:05.000Z');
    const r1 = await runExport(emu, ['--until', UNTIL, '--out', join(dir, 'audit-{date}.json')], { now });
    const r2 = await runExport(emu, ['--until', UNTIL, '--out', join(dir, '{datetime}-audit.csv')], { now });
    expect([r1.exitCode, r2.exitCode]).toEqual([0, 0]);
    expect(readdirSync(dir).sort()).toEqual(['20261126T030405Z-audit.csv', 'audit-2026-11-26.json']);
    expect(r1.stderr).toContain(`to ${join(dir, 'audit-2026-11-26.json')} in`);
  });

  it("keeps an entry given its own microsecond timestamp as both ends of the window", async () => {
    const entry = [...emu.data.entries()].reverse().find((e) => /\.\d{3}[1-9]\d{0,2}Z$|\.\d{4,5}[1-9]Z$/.test(e.created_at));
    expect(entry).toBeDefined();
    const at = entry!.created_at;
    const r = await runExport(emu, ['--since', at, '--until', at, '--format', 'ndjson', '--out', '-']);
    expect(r.exitCode).toBe(0);
    const ids = idsOfText('ndjson', r.stdout);
    expect(ids).toContain(entry!.id);
    // Only entries of that millisecond: --until rounds up to the next one, --since down.
    for (const line of r.stdout.trim().split('\n')) expect((JSON.parse(line) as { created_at: string }).created_at.slice(0, 23)).toBe(at.slice(0, 23));
  });

  it.each([
    [['--out', 'audit.txt'], "error: --out: cannot infer the format from 'audit.txt' (known extensions: .csv, .json, .ndjson, .jsonl, .parquet)\nhint: add --format csv, json, ndjson or parquet\n"],
    [['--out', 'audit.csv.gz'], "error: --out: cannot infer the format from 'audit.csv.gz' (known extensions: .csv, .json, .ndjson, .jsonl, .parquet)\nhint: add --format csv, json, ndjson or parquet\n"],
    [['--out', '-'], 'error: --out -: cannot infer the format for stdout\nhint: add --format csv, json, ndjson or parquet\n'],
    [['--out', '-', '--format', 'csv', '--manifest'], 'error: --manifest needs a file: it cannot go with --out -\n'],
    [['--out', 'a.csv', '--reset-checkpoint'], 'error: --reset-checkpoint needs --checkpoint <file>\n'],
    [['--out', 'a-{time}.csv'], "error: --out: unknown placeholder {time} in 'a-{time}.csv' (use {date} or {datetime})\n"],
    [['--out', '/nonexistent-dir-fibe/a.csv'], "error: --out: directory '/nonexistent-dir-fibe' does not exist\n"],
  ])('refuses %j with exit 2 before any request', async (args, stderr) => {
    const before = emu.requests.length;
    const r = await runExport(emu, args);
    expect(r.stderr).toBe(stderr);
    expect(r.exitCode).toBe(2);
    expect(emu.requests.length).toBe(before);
  });

  it.each([
    [['--format', 'xml', '--out', 'a.xml'], /--format.*xml/],
    [['--concurrency', '0', '--out', 'a.csv'], /--concurrency/],
    [[], /required option '--out <path>'/],
  ])('rejects bad flags %j with exit 2', async (args, message) => {
    const r = await runExport(emu, args);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('infers the format from .jsonl and honours --format over the extension', async () => {
    const dir = tempDir();
    const want = emu.data.queryIds({ created_before: UNTIL, sort: 'created_at_asc' });
    expect((await runExport(emu, ['--until', UNTIL, '--out', join(dir, 'a.jsonl')])).exitCode).toBe(0);
    expect(idsOfText('ndjson', readFileSync(join(dir, 'a.jsonl'), 'utf8'))).toEqual(want);
    expect((await runExport(emu, ['--until', UNTIL, '--out', join(dir, 'b.txt'), '--format', 'csv'])).exitCode).toBe(0);
    expect(idsOfText('csv', readFileSync(join(dir, 'b.txt'), 'utf8'))).toEqual(want);
  });

  it('guards CSV cells against formulas unless --no-csv-guard', async () => {
    const hostile = await startEmulator({ entries: 300, seed: 5, now: FIXED_NOW, hostile: true });
    try {
      const guarded = await runExport(hostile, ['--out', '-', '--format', 'csv']);
      const raw = await runExport(hostile, ['--out', '-', '--format', 'csv', '--no-csv-guard']);
      expect(guarded.exitCode).toBe(0);
      expect(raw.exitCode).toBe(0);
      expect(guarded.stdout).toMatch(/,'[=+\-@]/);
      expect(guarded.stdout).not.toEqual(raw.stdout);
      expect(idsOfText('csv', guarded.stdout)).toEqual(idsOfText('csv', raw.stdout));
    } finally {
      await hostile.close();
    }
  });

  it('writes nothing but the data to stdout on a terminal and ends with the summary on stderr', async () => {
    const out = join(tempDir(), 'tty.ndjson');
    const r = await runExport(emu, ['--until', UNTIL, '--out', out], { tty: true });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    // ora redraws the spinner line with count and total, then persists the summary with a tick.
    expect(r.stderr).toMatch(/exporting to .*tty\.ndjson: [\d,]+ of [\d,]+ entries/);
    expect(r.stderr).toMatch(/✔(\x1b\[\d+m)? exported [\d,]+ entries to .*tty\.ndjson in \d+\.\d s, [\d,]+ requests\n$/);
  });

  it('is silent with --quiet', async () => {
    const out = join(tempDir(), 'q.ndjson');
    const r = await runExport(emu, ['--quiet', '--until', UNTIL, '--out', out], { tty: true });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('');
  });

  it('a checkpointed re-run onto an existing {date} file: nothing new is exit 0, something new goes to a numbered name', async () => {
    const dir = tempDir();
    const ckpt = join(dir, 'ckpt.json');
    const out = join(dir, 'audit-{date}.ndjson');
    const first = await runExport(emu, ['--until', UNTIL, '--checkpoint', ckpt, '--out', out]);
    expect(first.exitCode).toBe(0);
    const placed = join(dir, 'audit-2026-11-26.ndjson');
    const before = readFileSync(placed, 'utf8');
    const again = await runExport(emu, ['--until', UNTIL, '--checkpoint', ckpt, '--out', out]);
    expect(again.exitCode).toBe(0);
    expect(again.stderr).toMatch(/^nothing new since the checkpoint/);
    const later = await runExport(emu, ['--checkpoint', ckpt, '--out', out]);
    expect(later.exitCode).toBe(0);
    expect(later.stderr.split('\n')[0]).toBe(
      `'${placed}' already holds exported entries (an earlier run); this run's went to '${join(dir, 'audit-2026-11-26.1.ndjson')}'`,
    );
    expect(readFileSync(placed, 'utf8')).toBe(before);
    expect(partialsIn(dir)).toEqual([]);
  });

  it('writes an empty but valid file when nothing matches (no checkpoint)', async () => {
    const dir = tempDir();
    const r = await runExport(emu, ['--action', 'no.such.action', '--out', join(dir, 'none.json')]);
    expect(r.exitCode).toBe(0);
    expect(readFileSync(join(dir, 'none.json'), 'utf8')).toBe('[]\n');
    expect(r.stderr).toMatch(/^exported 0 entries to .* \(no entries matched\)\n$/);
    expect(partialsIn(dir)).toEqual([]);
  });
});
