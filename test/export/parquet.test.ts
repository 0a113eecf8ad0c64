// export --format parquet and --partition day: what the files hold, read back by DuckDB and by an
// independent reader (hyparquet), equals the NDJSON export of the same window, entry by entry and
// column by column with SPEC's types; hostile data included.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli, tempDir } from '../helpers/run-cli.js';
import { expectedRow, parquetFiles, parquetTypes, readWithDuckDB, readWithHyparquet, type Row, PARQUET_COLUMN_NAMES } from './parquet-helpers.js';

let emu: Emulator;
let env: Record<string, string>;
let expected: Row[];
let ndjson: Row[];

beforeAll(async () => {
  emu = await startEmulator({ entries: 2_500, seed: 31, now: FIXED_NOW, hostile: true });
  env = { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url };
  const out = await runCli(['export', '--out', '-', '--format', 'ndjson'], { env });
  expect(out.exitCode, out.stderr).toBe(0);
  ndjson = out.stdout.trim().split('\n').map((l) => JSON.parse(l) as Row);
  expected = ndjson.map(expectedRow);
});
afterAll(async () => {
  await emu.close();
});

const only = (row: Row) => Object.fromEntries(PARQUET_COLUMN_NAMES.map((c) => [c, row[c]]));

describe('export --format parquet', () => {
  it('one file: SPEC types, and DuckDB reads back exactly the NDJSON export', async () => {
    const path = join(tempDir(), 'audit.parquet');
    const r = await runCli(['export', '--out', path], { env });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await parquetTypes(path)).toEqual({
      id: 'INT64/INT_64', created_at: expect.stringMatching(/^INT64\/TimestampType\(isAdjustedToUTC=1, unit=TimeUnit\(MILLIS=<null>, MICROS=MicroSeconds\(\)/),
      action: 'BYTE_ARRAY/UTF8', actor_kind: 'BYTE_ARRAY/UTF8', actor_id: 'INT64/INT_64', actor_label: 'BYTE_ARRAY/UTF8',
      actor_type: 'BYTE_ARRAY/UTF8', channel: 'BYTE_ARRAY/UTF8', resource_type: 'BYTE_ARRAY/UTF8', resource_id: 'INT64/INT_64',
      resource_name: 'BYTE_ARRAY/UTF8', metadata: 'BYTE_ARRAY/UTF8',
    });
    const rows = await readWithDuckDB(path, false);
    expect(rows.map(only)).toEqual(expected);
  });

  it('an independent reader (hyparquet) agrees, row by row', async () => {
    const path = join(tempDir(), 'audit.parquet');
    expect((await runCli(['export', '--out', path], { env })).exitCode).toBe(0);
    const rows = await readWithHyparquet(path);
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, i) => {
      const want = expected[i] as Row;
      expect(row.id).toBe(want.id);
      expect(row.actor_id ?? null).toBe(want.actor_id);
      expect(row.resource_id ?? null).toBe(want.resource_id);
      expect((row.created_at as Date).getTime()).toBe(Number((want.created_at as bigint) / 1000n));
      for (const c of ['action', 'actor_kind', 'actor_label', 'actor_type', 'channel', 'resource_type', 'resource_name']) expect(row[c] ?? null, c).toBe(want[c]);
      const meta = row.metadata;
      expect(meta === undefined || meta === null ? null : typeof meta === 'string' ? meta : JSON.stringify(meta)).toBe(want.metadata);
    });
  });

  it('hostile entries survive: a 1 MB string, JSON 200 deep, controls, bidi, formulas (metadata byte for byte)', async () => {
    const path = join(tempDir(), 'audit.parquet');
    expect((await runCli(['export', '--out', path, '--no-csv-guard'], { env })).exitCode).toBe(0);
    const rows = await readWithDuckDB(path, false);
    const hostile = ndjson.filter((e) => JSON.stringify(e).match(/\\u001b|\\u202e|AAAAAAAAAA|"level"/i));
    expect(hostile.length).toBeGreaterThanOrEqual(5);
    for (const e of hostile) {
      const row = rows.find((r) => r.id === BigInt(e.id as number)) as Row;
      expect(row.metadata).toBe(JSON.stringify(e.metadata));
      expect(JSON.parse(row.metadata as string)).toEqual(e.metadata);
    }
  });
});

describe('export --format parquet --partition day', () => {
  it('writes the Hive layout: date=YYYY-MM-DD/part-<first id>-<last id>.parquet, each row on its UTC day', async () => {
    const dir = join(tempDir(), 'lake');
    const r = await runCli(['export', '--format', 'parquet', '--partition', 'day', '--out', dir, '--manifest'], { env });
    expect(r.exitCode, r.stderr).toBe(0);
    const files = parquetFiles(dir);
    for (const f of files) expect(f).toMatch(/^date=\d{4}-\d\d-\d\d\/part-\d+-\d+\.parquet$/);
    const rows = await readWithDuckDB(join(dir, '**', '*.parquet'), true);
    expect(rows.map(only)).toEqual(expected);
    for (const row of rows) expect(String(row.date)).toBe(new Date(Number((row.created_at as bigint) / 1000n)).toISOString().slice(0, 10));
    // Each file's name carries its first and last id, in order.
    for (const f of files) {
      const [, first, last] = /part-(\d+)-(\d+)/.exec(f) as RegExpExecArray;
      const inFile = await readWithDuckDB(join(dir, f), false);
      expect(String(inFile[0]?.id)).toBe(first);
      expect(String(inFile.at(-1)?.id)).toBe(last);
    }
    // The manifest lists every file with its rows and SHA-256.
    const [manifestName] = readdirSync(join(dir, '_manifests')).filter((f) => f.endsWith('.json'));
    const manifest = JSON.parse(readFileSync(join(dir, '_manifests', manifestName as string), 'utf8')) as { count: number; files: Array<{ file: string; rows: number; sha256: string }> };
    expect(manifest.count).toBe(expected.length);
    expect(manifest.files.map((f) => f.file).sort()).toEqual(files);
    for (const f of manifest.files) expect(createHash('sha256').update(readFileSync(join(dir, f.file))).digest('hex')).toBe(f.sha256);
    expect(manifest.files.reduce((n, f) => n + f.rows, 0)).toBe(expected.length);
  });

  it('refuses what a lake cannot be, before any request', async () => {
    const before = emu.requests.length;
    const file = join(tempDir(), 'x.parquet');
    for (const argv of [
      ['export', '--partition', 'day', '--format', 'csv', '--out', join(tempDir(), 'l')],
      ['export', '--partition', 'day', '--out', '-'],
      ['export', '--partition', 'day', '--force', '--out', join(tempDir(), 'l')],
    ]) {
      const r = await runCli(argv, { env });
      expect(r.exitCode, argv.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^error: /);
    }
    expect(emu.requests.length).toBe(before);
    expect((await runCli(['export', '--out', file], { env })).exitCode).toBe(0);
    const afterFile = emu.requests.length;
    const onFile = await runCli(['export', '--partition', 'day', '--out', file], { env });
    expect(onFile.exitCode).toBe(2);
    expect(onFile.stderr).toContain('is a file; --partition needs a directory');
    expect(emu.requests.length).toBe(afterFile);
  });
});

describe('export --format parquet --out - on a terminal', () => {
  it('is refused: Parquet is binary (exit 2, before any request)', async () => {
    const before = emu.requests.length;
    const r = await runCli(['export', '--format', 'parquet', '--out', '-'], { env: { ...env, NO_COLOR: '1' }, tty: true });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: Parquet is binary: it is not written to a terminal\nhint: redirect stdout (> audit.parquet), pipe it on, or use --out audit.parquet\n');
    expect(emu.requests.length).toBe(before);
  });
});

describe('scratch directories of Parquet runs', () => {
  it('are swept when their run died (kill -9), kept while it lives, and a lake run leaves only its date= directories', async () => {
    const dir = tempDir();
    const dead = join(dir, '.fibe-audit-999999999-AbCdEf');
    const live = join(dir, `.fibe-audit-${process.ppid}-GhIjKl`);
    for (const d of [dead, live]) mkdirSync(join(d, 'spill'), { recursive: true });
    writeFileSync(join(dead, 'export.parquet.tmp'), 'half a file');
    const r = await runCli(['export', '--out', join(dir, 'audit.parquet'), '--since', '30d'], { env });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual([`.fibe-audit-${process.ppid}-GhIjKl`, 'audit.parquet']);
    // A lake run's scratch (inside the lake: its parent may not be the user's) is gone afterwards.
    const lake = join(dir, 'lake');
    const l = await runCli(['export', '--format', 'parquet', '--partition', 'day', '--out', lake, '--since', '3d'], { env });
    expect(l.exitCode, l.stderr).toBe(0);
    expect(readdirSync(lake).every((n) => n.startsWith('date='))).toBe(true);
  });
});
