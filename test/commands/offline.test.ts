// --file: an export written by fibe-audit, re-sliced offline, gives exactly what the API gave.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli } from '../helpers/run-cli.js';

let emu: Emulator;
let dir: string;
const files: Record<string, string> = {};
const env = () => ({ FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url });
// Offline runs get no key and no domain at all: nothing may reach the network.
const offline = { env: { FIBE_API_KEY: '', FIBE_DOMAIN: 'http://127.0.0.1:9' } };

async function idsOf(argv: string[], opts: Parameters<typeof runCli>[1]): Promise<number[]> {
  const r = await runCli([...argv, '-o', 'json'], opts);
  expect(r.stderr).not.toMatch(/^error/m);
  expect(r.exitCode).toBe(0);
  return (JSON.parse(r.stdout) as Array<{ id: number }>).map((e) => e.id);
}

beforeAll(async () => {
  emu = await startEmulator({ entries: 8_000, seed: 3, now: FIXED_NOW });
  dir = mkdtempSync(join(tmpdir(), 'fibe-audit-offline-'));
  const window = ['--since', '10d', '--all'];
  for (const format of ['ndjson', 'json', 'csv'] as const) {
    const r = await runCli(['query', ...window, '--order', 'asc', '-o', format], { env: env() });
    expect(r.exitCode).toBe(0);
    files[format] = join(dir, `evidence.${format}`);
    writeFileSync(files[format]!, r.stdout);
  }
  files.gz = join(dir, 'evidence.ndjson.gz');
  writeFileSync(files.gz, gzipSync(readFileSync(files.ndjson!)));
});
afterAll(async () => {
  await emu.close();
});

describe('query --file', () => {
  const slices: string[][] = [
    ['--action', 'trick.destroyed', '--since', '24h'],
    ['--actor-type', 'genie', '--since', '5d'],
    ['--action', 'playground.*', '--actor', 'key:15', '--since', '3d'],
    ['--search', 'nightly', '--since', '10d'],
  ];
  it.each(['ndjson', 'json', 'csv', 'gz'])('%s export re-sliced gives the API result', async (kind) => {
    for (const slice of slices) {
      const online = await idsOf(['query', ...slice, '--all'], { env: env() });
      const local = await idsOf(['query', '--file', files[kind]!, ...slice, '--all'], offline);
      expect(local).toEqual(online);
      expect(online.length).toBeGreaterThan(0);
    }
  });

  it('actor and summary read the same file', async () => {
    const api = await runCli(['summary', '--by', 'actor', '--since', '10d', '-o', 'json'], { env: env() });
    const file = await runCli(['summary', '--file', files.ndjson!, '--by', 'actor', '-o', 'json'], offline);
    expect(JSON.parse(file.stdout)).toEqual(JSON.parse(api.stdout));
    const a = await runCli(['actor', 'key:15', '--since', '10d', '-o', 'json', '--all'], { env: env() });
    const b = await runCli(['actor', 'key:15', '--file', files.csv!, '-o', 'json', '--all'], offline);
    expect(JSON.parse(b.stdout).summary.total).toBe(JSON.parse(a.stdout).summary.total);
    expect(JSON.parse(b.stdout).summary.by_action).toEqual(JSON.parse(a.stdout).summary.by_action);
  });

  it('a raw key cannot be resolved offline: exit 2', async () => {
    const r = await runCli(['actor', `key:${emu.keys.ci}`, '--file', files.ndjson!], offline);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).not.toContain(emu.keys.ci!);
  });
});

describe('bad files exit 2 with the line number', () => {
  it.each([
    ['cut.ndjson', (t: string) => t.slice(0, t.indexOf('\n', 4000) + 40), /cut\.ndjson:\d+: /],
    ['bad.ndjson', (t: string) => t.replace(/\n/, '\n{oops\n'), /bad\.ndjson:2: /],
    ['cut.ndjson.gz', (t: string) => gzipSync(Buffer.from(t)).subarray(0, 200).toString('latin1'), /truncated or corrupt gzip/],
  ])('%s', async (name, mangle, pattern) => {
    const text = readFileSync(files.ndjson!, 'utf8');
    const path = join(dir, name);
    const body = mangle(text);
    writeFileSync(path, name.endsWith('.gz') ? Buffer.from(body, 'latin1') : body);
    const r = await runCli(['query', '--file', path, '--all'], offline);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
  });

  it('a missing file', async () => {
    const r = await runCli(['query', '--file', join(dir, 'nope.ndjson')], offline);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: .*nope\.ndjson/);
  });
});
