// Hostile audit data end to end (emulator `hostile: true`: ANSI and OSC 8 escapes, bidi overrides,
// `=cmd|` formulas, a 1 MB string, JSON 200 deep, lone surrogates) through query, actor, summary and
// export: terminal output shows every control visibly, CSV and JSON parse back to the same values.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type AuditEntryWire, type Emulator } from '../emulator/index.js';
import { hostileSpecs } from '../emulator/hostile.js';
import { FIXED_NOW, tempDir } from '../helpers/run-cli.js';
import { withActor } from '../../src/model/actor.js';
import type { AuditEntry } from '../../src/model/entry.js';
import { envFor, runCapturing, stripSgr, unsafeChars, type ByteResult } from './harness.js';

const DAY = 86_400_000;
const CSV_HEADER = ['id', 'created_at', 'action', 'actor_kind', 'actor_id', 'actor_label', 'actor_type', 'channel', 'resource_type', 'resource_id', 'resource_name', 'metadata'];

let emu: Emulator;
let byId: Map<number, AuditEntryWire>;
/** Ids of the planted hostile entries, by the index of their spec in hostile.ts. */
let hostile: number[];

beforeAll(async () => {
  emu = await startEmulator({ entries: 2_000, seed: 5, now: FIXED_NOW, hostile: true, rateLimitPerHour: 1_000_000 });
  const all = [...emu.data.entries()];
  byId = new Map(all.map((e) => [e.id, e]));
  hostile = hostileSpecs().map((spec) => {
    const found = all.find((e) => e.action === spec.action && JSON.stringify(e.metadata) === JSON.stringify(spec.metadata));
    if (!found) throw new Error(`hostile entry ${JSON.stringify(spec.action)} not planted`);
    return found.id;
  });
});
afterAll(async () => {
  await emu.close();
});

const run = (argv: string[], opts: { tty?: boolean; env?: Record<string, string> } = {}): Promise<ByteResult> =>
  runCapturing(argv, { columns: 120, ...opts, env: { ...envFor(emu), ...opts.env } });

/** Terminal-bound text: nothing a terminal acts on, and no lone surrogate silently replaced on the way out. */
function expectTerminalSafe(text: string): void {
  expect(unsafeChars(text)).toEqual([]);
  expect(text).not.toContain('\ufffd');
}

/** Whatever went in, what comes out is valid UTF-8. */
function expectUtf8(r: ByteResult): void {
  expect(() => new TextDecoder('utf-8', { fatal: true }).decode(r.stdoutBytes)).not.toThrow();
}

const FORMULA = /^[=+\-@\t\r\n\0]/;
const guarded = (v: string) => (FORMULA.test(v) ? `'${v}` : v);
// UTF-8 cannot carry a lone surrogate: a CSV file holds U+FFFD there (JSON keeps it as a \u escape).
const wellFormed = (v: string) => v.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
const cellText = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);

function csvRowOf(e: AuditEntryWire): string[] {
  const { actor } = withActor(e as AuditEntry);
  const m = e.metadata;
  const values = [e.id, e.created_at, e.action, actor.kind, actor.id, actor.label, e.actor_type, e.channel, e.resource_type, e.resource_id, m?.resource_name, m];
  return values.map((v) => wellFormed(guarded(cellText(v))));
}

const jsonOf = (e: AuditEntryWire) => ({ ...e, actor: withActor(e as AuditEntry).actor });
const wire = (id: number) => byId.get(id) as AuditEntryWire;

/** Entry list formats read back to exactly the served entries; returns the ids in output order. */
function readEntries(format: 'json' | 'ndjson' | 'csv', text: string): number[] {
  if (format === 'csv') {
    const rows = parseCsv(text, { relax_quotes: false }) as string[][];
    expect(rows[0]).toEqual(CSV_HEADER);
    const data = rows.slice(1);
    for (const row of data) {
      expect(row).toEqual(csvRowOf(wire(Number(row[0]))));
      for (const cell of row) expect(cell).not.toMatch(FORMULA);
    }
    return data.map((row) => Number(row[0]));
  }
  const list = (format === 'json' ? JSON.parse(text) : text.split('\n').filter(Boolean).map((l) => JSON.parse(l))) as AuditEntryWire[];
  for (const e of list) expect(e).toEqual(jsonOf(wire(e.id)));
  return list.map((e) => e.id);
}

const lastDays = (days: number, order: 'asc' | 'desc') =>
  emu.data.queryIds({ created_after: new Date(FIXED_NOW.getTime() - days * DAY).toISOString(), created_before: FIXED_NOW.toISOString(), sort: `created_at_${order}` });

describe('terminal tables and notices', () => {
  const TABLES: string[][] = [
    ['query', '--all'],
    ['query', '--all', '--columns', 'id,action,actor_kind,actor_label,actor_type,channel,resource_name,metadata'],
    ['query', '--all', '--search', 'bottom'],
    ['actor', 'key:15', '--all'],
    ['actor', 'user:77', '--all'],
    ['actor', 'genie:21', '--all'],
    ['actor', 'automation:Playguard', '--all'],
    ['summary', '--by', 'action'],
    ['summary', '--by', 'actor'],
    ['summary', '--by', 'actor_type'],
    ['summary', '--by', 'resource'],
    ['summary', '--by', 'channel'],
    ['keys'],
  ];

  it.each(TABLES.map((argv) => [argv.join(' '), argv]))('%s: no raw control on a terminal (colour or not) or piped', async (_name, argv) => {
    const plain = await run(argv as string[], { tty: true, env: { NO_COLOR: '1' } });
    const colour = await run(argv as string[], { tty: true });
    const piped = await run(argv as string[]);
    for (const r of [plain, colour, piped]) {
      expect(r.stderr).not.toContain('error:');
      expect(r.exitCode).toBe(0);
      expectUtf8(r);
    }
    for (const text of [plain.stdout, plain.stderr, piped.stdout, piped.stderr]) expectTerminalSafe(text);
    // Colour is the only thing a colour terminal adds: strip chalk's SGR and the plain rendering remains.
    expect(stripSgr(colour.stdout)).toBe(plain.stdout);
    // The progress spinner (redrawn on a timer, carrying the live rate budget) differs from run to run.
    const noSpinner = (text: string) => text.replace(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] scanning .*?requests left this hour/g, '');
    expect(noSpinner(stripSgr(colour.stderr))).toBe(noSpinner(plain.stderr));
  });

  it('the piped query table shows each hostile value as visible escapes, whole', async () => {
    const r = await run(['query', '--all', '--columns', 'id,action,actor_type,resource_name,metadata']);
    for (const shown of [
      String.raw`\x1b[31mtrick.destroyed\x1b[0m`,
      String.raw`\x1b]8;;https://evil.example/phish\x07nightly-seed\x1b]8;;\x07`,
      String.raw`invoice\u202efdp.exe`,
      String.raw`bad\ud800pair`,
      String.raw`session.revoked\x00\x1b[8m`,
      String.raw`\x1b[32mSystem\x1b[0m`,
      String.raw`x\x9b31mred via C1 CSI`,
      String.raw`\u202eplayground.destroyed`,
      String.raw`x\x7fy`,
      `=cmd|' /C calc'!A0`,
      'A'.repeat(1024 * 1024),
    ]) {
      expect(r.stdout).toContain(shown);
    }
    const rows = r.stdout.trimEnd().split('\n');
    expect(rows).toHaveLength(lastDays(7, 'desc').length + 1);
  });
});

describe('machine formats parse back to the same values', () => {
  const LISTS: Array<[string, string[], number[]]> = [
    ['query', ['query', '--all'], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]],
    ['actor key:15', ['actor', 'key:15', '--all'], [0, 3, 8]],
    ['actor genie:21', ['actor', 'genie:21', '--all'], [5]],
    ['actor automation:Playguard', ['actor', 'automation:Playguard', '--all'], [9]],
  ];

  it.each(LISTS)('%s: json, ndjson and csv hold the same entries, exactly as served', async (_name, argv, planted) => {
    const ids: Record<string, number[]> = {};
    for (const format of ['json', 'ndjson', 'csv'] as const) {
      const r = await run([...argv, '-o', format]);
      expect(r.exitCode).toBe(0);
      expectUtf8(r);
      expectTerminalSafe(r.stderr);
      // JSON escapes what a terminal would act on, so even unpiped JSON is safe to show.
      if (format !== 'csv') expectTerminalSafe(r.stdout);
      const text = format === 'json' && argv[0] === 'actor' ? JSON.stringify((JSON.parse(r.stdout) as { entries: unknown[] }).entries) : r.stdout;
      ids[format] = readEntries(format, text);
    }
    expect(ids.ndjson).toEqual(ids.json);
    expect(ids.csv).toEqual(ids.json);
    for (const i of planted) expect(ids.json).toContain(hostile[i]);
    if (argv[0] === 'query') expect(ids.json).toEqual(lastDays(7, 'desc'));
  });

  it('--no-csv-guard leaves formula cells as they are, and only then', async () => {
    const r = await run(['query', '--all', '-o', 'csv', '--no-csv-guard', '--columns', 'id,resource_name']);
    const rows = (parseCsv(r.stdout) as string[][]).slice(1);
    const formula = rows.find((row) => Number(row[0]) === hostile[3]);
    expect(formula?.[1]).toBe(`=cmd|' /C calc'!A0`);
  });

  it.each(['action', 'actor', 'resource', 'actor_type'])('summary --by %s: json keys are the raw values; csv the same, guarded', async (by) => {
    const json = await run(['summary', '--by', by, '--top', '1000', '-o', 'json']);
    const csv = await run(['summary', '--by', by, '--top', '1000', '-o', 'csv']);
    expectTerminalSafe(json.stdout);
    const doc = JSON.parse(json.stdout) as { total: number; groups: Array<{ key: string; count: number }> };
    expect(doc.total).toBe(lastDays(7, 'desc').length);
    const rows = parseCsv(csv.stdout) as string[][];
    expect(rows.slice(1)).toEqual(doc.groups.map((g) => [wellFormed(guarded(g.key)), String(g.count)]));
    if (by === 'action') {
      const keys = doc.groups.map((g) => g.key);
      for (const i of [0, 7, 9]) expect(keys).toContain(wire(hostile[i] as number).action);
    }
  });

  it.each(['csv', 'json', 'ndjson'] as const)('export to a .%s file: the whole log, oldest first, exactly as served', async (format) => {
    const out = join(tempDir('fibe-hostile-'), `audit.${format}`);
    const r = await run(['export', '--out', out]);
    expect(r.exitCode).toBe(0);
    expectTerminalSafe(r.stderr);
    const ids = readEntries(format, readFileSync(out, 'utf8'));
    expect(ids).toEqual(emu.data.queryIds({ sort: 'created_at_asc', created_before: FIXED_NOW.toISOString() }));
  });
});

describe('machine formats typed at a terminal', () => {
  // SPEC "Safety of what is shown": on a terminal even CSV shows controls as visible escapes (records
  // keep their CRLF ends); piped CSV stays raw (the other suites parse it back byte for byte).
  it('query/actor -o csv on a terminal shows controls as visible escapes', async () => {
    for (const argv of [['query', '--all', '-o', 'csv'], ['actor', 'key:15', '--all', '-o', 'csv'], ['summary', '--by', 'action', '-o', 'csv']]) {
      const r = await run(argv, { tty: true, env: { NO_COLOR: '1' } });
      expect(r.exitCode).toBe(0);
      expectTerminalSafe(r.stdout.replace(/\r\n/g, '\n'));
    }
  });
});

