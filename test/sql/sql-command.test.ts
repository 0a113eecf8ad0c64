// fibe-audit sql: the views over a synced mirror, every output format, typed JSON values, and a
// sandbox no statement gets out of (each refused statement exits 2 and leaves the mirror unchanged).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli, tempDir } from '../helpers/run-cli.js';
import { mirrorIn } from '../mirror/mirror-db.js';

let emu: Emulator;
let env: Record<string, string>;
let mirror: string;

beforeAll(async () => {
  emu = await startEmulator({ entries: 3_000, seed: 21, now: FIXED_NOW, hostile: true });
  const dataDir = join(tempDir(), 'data');
  env = { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url, FIBE_AUDIT_DATA_DIR: dataDir };
  const sync = await runCli(['sync'], { env });
  expect(sync.exitCode, sync.stderr).toBe(0);
  mirror = mirrorIn(dataDir);
});
afterAll(async () => {
  await emu.close();
});

const sql = (statement: string, ...flags: string[]) => runCli(['sql', ...flags, statement], { env });
const checksum = () => createHash('sha256').update(readFileSync(mirror)).digest('hex');

/** The NDJSON export of the whole log, each entry as the API sent it (without the added actor). */
async function exportedEntries(): Promise<Array<Record<string, unknown>>> {
  const out = await runCli(['export', '--out', '-', '--format', 'ndjson'], { env });
  expect(out.exitCode, out.stderr).toBe(0);
  return out.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('fibe-audit sql', () => {
  it('counts what the mirror holds, with no request', async () => {
    const before = emu.requests.length;
    const r = await sql('select count(*) as n from entries', '-o', 'json');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ n: emu.data.count }]);
    expect(r.stderr).toBe('1 row\n');
    expect(emu.requests.length).toBe(before);
  });

  it('gives every entry back: raw is the JSON the API sent, hostile entries included, byte for byte', async () => {
    const api = await exportedEntries();
    const r = await sql('select raw from entries order by created_at, id', '-o', 'ndjson');
    expect(r.exitCode, r.stderr).toBe(0);
    const raws = r.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { raw: string }).raw);
    expect(raws).toEqual(api.map(({ actor: _actor, ...wire }) => JSON.stringify(wire)));
  });

  it('types the columns: integers as numbers, times as UTC ISO 8601, metadata as JSON', async () => {
    const api = await exportedEntries();
    const r = await sql('select id, created_at, actor_kind, actor_id, resource_id, metadata from entries order by created_at, id', '-o', 'json');
    const rows = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(api.length);
    rows.forEach((row, i) => {
      const e = api[i] as { id: number; created_at: string; actor: { kind: string; id: number | null }; resource_id: unknown; metadata?: unknown };
      expect(row.id).toBe(e.id);
      expect(Date.parse(row.created_at as string)).toBe(Date.parse(e.created_at));
      expect(row.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      expect(row.actor_kind).toBe(e.actor.kind);
      expect(row.actor_id).toBe(typeof e.actor.id === 'number' ? e.actor.id : null);
      if (typeof e.resource_id === 'number') expect(row.resource_id).toBe(e.resource_id);
      if (e.metadata !== undefined && e.metadata !== null && !JSON.stringify(e.metadata).includes('\\u')) expect(row.metadata).toEqual(e.metadata);
    });
  });

  it('types times by the column: instants as UTC ISO 8601, DATE as a day, TIME and INTERVAL as DuckDB writes them', async () => {
    const r = await sql(
      "select interval 1 day iv, interval '90 days 00:23:10.694385' iv2, time '12:34:56' t, time '12:34:56.25' t2, date '2026-01-02' d, "
        + "timestamp_ms '2026-01-02 03:04:05.123' tms, timestamp_s '2026-01-02 03:04:05' ts, timestamp_ns '2026-01-02 03:04:05.123456789' tns, "
        + "[interval 2 hours] ivs, {'at': timestamptz '2026-01-02 03:04:05+01'} st, max(created_at) - min(created_at) span from entries",
      '-o', 'json',
    );
    expect(r.exitCode, r.stderr).toBe(0);
    const [row] = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(row).toMatchObject({
      iv: '1 day', iv2: '90 days 00:23:10.694385', t: '12:34:56', t2: '12:34:56.25', d: '2026-01-02',
      tms: '2026-01-02T03:04:05.123Z', ts: '2026-01-02T03:04:05.000Z', tns: '2026-01-02T03:04:05.123456789Z',
      ivs: ['02:00:00'], st: { at: '2026-01-02T02:04:05.000Z' },
    });
    expect(row?.span).toMatch(/^\d+ days \d\d:\d\d:\d\d(\.\d+)?$/);
  });

  it('writes the keys view from the snapshot, and CSV with the formula guard', async () => {
    const r = await sql('select id, label, agent_accessible from keys order by id', '-o', 'csv');
    expect(r.exitCode, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('id,label,agent_accessible');
    expect(lines).toContain('15,GitHub Actions CI,false');
    const guarded = await sql("select '=cmd|x' as f", '-o', 'csv');
    expect(guarded.stdout).toBe("f\r\n'=cmd|x\r\n");
  });

  it('escapes hostile values on a terminal, like every table', async () => {
    const r = await runCli(['sql', "select action, resource_name from entries where action like '%session.revoked%' or resource_name like '%cleared screen%'"], { env: { ...env, NO_COLOR: '1' }, tty: true, columns: 200 });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u009b]/);
    expect(r.stdout).toContain('\\x1b[2J');
  });

  it.each([
    ['CREATE TABLE t (a INT)', /only SELECT is allowed, not CREATE$/],
    ['INSERT INTO entries (id) VALUES (1)', /only SELECT is allowed, not INSERT$/],
    ["COPY (SELECT 1) TO '/tmp/fibe-audit-sql-escape.csv'", /only SELECT is allowed, not COPY$/],
    ["ATTACH '/tmp/fibe-audit-other.duckdb' AS other", /only SELECT is allowed, not ATTACH$/],
    ["SELECT * FROM read_csv('/etc/passwd')", /Permission Error: Cannot access file "\/etc\/passwd"/],
    ["SELECT * FROM read_text('/etc/hostname')", /Permission Error/],
    ['INSTALL httpfs', /only SELECT is allowed, not INSTALL$/],
    ['load httpfs', /only SELECT is allowed, not LOAD$/],
    ['pragma version', /only SELECT is allowed, not PRAGMA$/],
    ["export database '/tmp/fibe-audit-sql-export'", /^error: sql: only SELECT is allowed, not EXPORT$/],
    ['/* sneaky */ -- comment\n DETACH other', /only SELECT is allowed, not DETACH$/],
    ['WITH a AS (SELECT 1) DELETE FROM entries', /only SELECT is allowed, and this statement is not one$/],
    ['explain select 1', /only SELECT is allowed, not EXPLAIN$/],
    ["SET enable_external_access = true", /only SELECT is allowed, not SET$/],
    ['SELECT 1; SELECT 2', /2 statements given; one per call/],
    ['selec 1', /syntax error at or near "selec"/],
    ['', /the statement is empty/],
  ])('refuses %j with exit 2 and one line, leaving the mirror unchanged', async (statement, message) => {
    const before = checksum();
    const r = await sql(statement);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    const [error, hint, ...rest] = r.stderr.trimEnd().split('\n');
    expect(error).toMatch(message);
    expect(error).toMatch(/^error: sql: /);
    expect(hint).toMatch(/^hint: /);
    expect(rest).toEqual([]);
    expect(checksum()).toBe(before);
  });

  it("reads the statement from stdin with '-', and needs no key with --mirror", async () => {
    const r = await runCli(['--mirror', mirror, 'sql', '-', '-o', 'json'], { env: { FIBE_AUDIT_DATA_DIR: join(tempDir(), 'elsewhere') }, stdin: 'select count(*) as n from entries' });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ n: emu.data.count }]);
  });

  it('says how to get a mirror when there is none', async () => {
    const r = await runCli(['sql', 'select 1'], { env: { ...env, FIBE_AUDIT_DATA_DIR: join(tempDir(), 'empty') } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("run 'fibe-audit sync' first");
  });
});
