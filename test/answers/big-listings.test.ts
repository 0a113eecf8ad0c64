// Listings of any length stream out in every format: no "Maximum call stack size exceeded" from a
// spread of a huge array, and a table goes out chunk by chunk instead of being held whole.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { buildPrivateCli, removePrivateCli } from '../export/built-cli.js';
import { FIXED_NOW, runCli } from '../helpers/run-cli.js';
import { withActor } from '../../src/model/actor.js';
import type { AuditEntry, Entry } from '../../src/model/entry.js';
import { renderTable } from '../../src/render/table.js';
import { chalkFor, testIO } from '../../src/io.js';
import { writeEntryTable } from '../../src/command-kit/entry-table-stream.js';
import type { EntrySource } from '../../src/source/types.js';

const ROWS = 60_000;
let emu: Emulator;
let file: string;
let inWindow: number;
let bin: string;
let since: string;

beforeAll(async () => {
  bin = await buildPrivateCli();
  emu = await startEmulator({ entries: ROWS, seed: 11, days: 50 });
  const dir = mkdtempSync(join(tmpdir(), 'fibe-audit-big-'));
  file = join(dir, 'all.ndjson');
  const lines: string[] = [];
  for (const e of emu.data.entries()) lines.push(JSON.stringify(e));
  writeFileSync(file, `${lines.join('\n')}\n`);
  const start = Date.now() - 40 * 86_400_000;
  since = new Date(start).toISOString();
  inWindow = lines.length - [...emu.data.entries()].filter((e) => Date.parse(e.created_at) < start).length;
}, 60_000);
afterAll(async () => {
  await emu.close();
  removePrivateCli();
});

/** The built CLI with stdout piped (as in `| less`): the process's own stack, not the test runner's. */
function spawnCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // Asynchronous: the emulator answering it runs in this process.
  const child = spawn(process.execPath, [bin, ...args], {
    env: { PATH: process.env.PATH ?? '', FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url, FIBE_AUDIT_CONFIG_DIR: '/nonexistent', FIBE_AUDIT_TZ: 'UTC' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out: Buffer[] = [];
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr })));
}

const lineCount = (text: string) => text.split('\n').length - 1;

describe('every format streams any number of rows', () => {
  it.each(['ndjson', 'csv', 'json'])('query --file all.ndjson --all -o %s', async (format) => {
    const r = await runCli(['query', '--file', file, '--all', '-o', format, '-q'], { now: new Date() });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const extra = { table: 1, ndjson: 0, csv: 1, json: 2 }[format] as number;
    expect(lineCount(r.stdout)).toBe(ROWS + extra);
  });

  // The spawned CLI runs on the real clock, so the window is a fixed instant counted from the data.
  it.each([
    ['query --file all.ndjson --all', () => ['query', '--file', file, '--all', '-q'], () => ROWS],
    ['query --all --since <40 days ago> (the API)', () => ['query', '--all', '-q', '--since', since], () => inWindow],
  ])('%s, piped table, built CLI: every row, header once, first chunk aligned', async (_name, args, want) => {
    const r = await spawnCli(args());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBe(want() + 1);
    expect(lines[0]).toMatch(/^TIME +ACTION +ACTOR +CHANNEL +RESOURCE +ID$/);
    const width = (lines[0] as string).length;
    for (const line of lines.slice(1, 1000)) expect(line.length).toBe(width);
  }, 60_000);

  it('renderTable measures 200,000 rows without a spread', () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => [`row ${i}`, 'x'.repeat(i % 7)]);
    const style = { color: chalkFor(false), tty: false, width: 80, zone: 'UTC' as never, now: FIXED_NOW };
    expect(lineCount(renderTable(['A', 'B'], rows, style))).toBe(200_001);
  });
});

describe('a table is written chunk by chunk', () => {
  it('the first rows are out before the last entry is read; later chunks keep the first widths', async () => {
    const io = testIO();
    const entries = [...emu.data.entries()].slice(0, 2500).map((e) => withActor(e as AuditEntry));
    let outBeforeEnd = '';
    async function* feed(): AsyncGenerator<Entry> {
      for (const e of entries) yield e;
      outBeforeEnd = io.out();
    }
    const source = { keys: async () => undefined } as unknown as EntrySource;
    const style = { color: chalkFor(false), tty: false, width: 80, zone: 'UTC' as never, now: FIXED_NOW };
    const written = await writeEntryTable(feed(), io, style, source, ['id', 'action'], 1000);
    expect(written).toBe(2500);
    expect(lineCount(outBeforeEnd)).toBe(2001);
    const lines = io.out().trimEnd().split('\n');
    expect(lines.filter((l) => l.includes('ACTION'))).toHaveLength(1);
    const actionAt = (lines[0] as string).indexOf('ACTION');
    for (const line of lines.slice(1)) expect(line[actionAt - 1]).toBe(' ');
  });
});

describe('a summary with more groups than the stack holds arguments', () => {
  it('summary --by resource --top <huge>: 200,000 groups render', async () => {
    const { renderSummaryTable } = await import('../../src/render/summary-view.js');
    const groups = Array.from({ length: 200_000 }, (_, i) => ({ key: `Trick:${i + 1}`, count: 1 + (i % 5), sample: null }));
    const style = { color: chalkFor(false), tty: false, width: 80, zone: 'UTC' as never, now: FIXED_NOW };
    const text = renderSummaryTable({ by: 'resource', total: 600_000, groups, cutGroups: 0, cutEntries: 0 }, style);
    expect(lineCount(text)).toBe(200_001);
  });
});
