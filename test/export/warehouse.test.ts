// The README's DuckDB query over the lake runs as written (only the lake's path is put in), and
// agrees with `summary --by day` for the same entries: the "Loading into a warehouse" section stays true.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli, tempDir } from '../helpers/run-cli.js';

const README = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ entries: 2_000, seed: 51, now: FIXED_NOW, days: 10 });
});
afterAll(async () => {
  await emu.close();
});

describe('README: loading the lake into DuckDB', () => {
  it('runs the documented query and counts what summary --by day counts', async () => {
    const block = /```sql\n-- duckdb\n([\s\S]*?)```/.exec(README)?.[1];
    expect(block, 'the README has a "-- duckdb" SQL block').toBeDefined();
    const env = { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url };
    const dir = join(tempDir(), 'fibe-audit-lake');
    expect((await runCli(['export', '--format', 'parquet', '--partition', 'day', '--out', dir], { env })).exitCode).toBe(0);
    const sql = (block as string).trim().replace("'fibe-audit-lake/", `'${dir}/`);
    expect(sql).not.toBe((block as string).trim());
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    const rows = (await c.runAndReadAll(sql)).getRowObjects().map((r) => [String(r.date), Number(r.entries)] as const);
    c.closeSync();
    instance.closeSync();
    const summary = await runCli(['summary', '--by', 'day', '--since', '30d', '-o', 'json', '--tz', 'UTC'], { env });
    const days = (JSON.parse(summary.stdout) as { groups: Array<{ key: string; count: number }> }).groups.filter((g) => g.count > 0);
    expect(rows).toEqual(days.map((g) => [g.key, g.count]));
  });
});
