// Tables on a terminal of 60, 80 and 120 columns against the emulator: every line fits, and the `#id`
// of every actor and resource (what the next command needs) is shown whole; key scopes never cut.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli } from '../helpers/run-cli.js';
import type { Entry } from '../../src/model/entry.js';

let emu: Emulator;
const env = () => ({ FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url, NO_COLOR: '1' });
const WIDTHS = [60, 80, 120];

beforeAll(async () => {
  emu = await startEmulator({ entries: 20_000, seed: 1, now: FIXED_NOW });
});
afterAll(async () => {
  await emu.close();
});

async function onTerminal(args: string[], columns: number) {
  const r = await runCli(args, { env: env(), tty: true, columns });
  expect(r.stderr).not.toContain('error:');
  expect(r.exitCode).toBe(0);
  return r;
}

async function json<T>(args: string[]): Promise<T> {
  const r = await runCli([...args, '-o', 'json'], { env: env() });
  expect(r.exitCode).toBe(0);
  return JSON.parse(r.stdout) as T;
}

function expectFits(text: string, columns: number): void {
  const wide = text.split('\n').filter((line) => [...line].length > columns);
  expect(wide).toEqual([]);
}

/** The `#id`s a row must show: the actor's (automations go by name) and the resource's. */
function idsOf(e: Entry): string[] {
  const ids = [`${e.id}`];
  if (e.actor.kind === 'automation') ids.push(`automation ${e.actor.label}`);
  else if (e.actor.id !== null) ids.push(`#${e.actor.id}`);
  if (e.resource_id !== null && e.resource_id !== undefined) ids.push(`#${e.resource_id}`);
  return ids;
}

/** The text shown for one entry: its row, plus the line under it when the resource is stacked. */
function blockOf(out: string, id: number): string {
  const lines = out.split('\n');
  const at = lines.findIndex((l) => l.trimEnd().endsWith(` ${id}`));
  expect(at).toBeGreaterThan(0);
  const next = lines[at + 1] ?? '';
  return /^\s/.test(next) ? `${lines[at]}\n${next}` : (lines[at] as string);
}

describe.each(WIDTHS)('at %i columns', (columns) => {
  it('query: every line fits; entry ID, actor #id or automation name, resource #id whole', async () => {
    const args = ['query', '--since', '3d', '--limit', '40'];
    const [r, entries] = await Promise.all([onTerminal(args, columns), json<Entry[]>(args)]);
    expectFits(r.stdout, columns);
    expect(entries.length).toBe(40);
    for (const e of entries) {
      const block = blockOf(r.stdout, e.id);
      for (const id of idsOf(e)) expect(block).toContain(id);
    }
  });

  it('actor: the report and its entry list fit; ids whole', async () => {
    const args = ['actor', 'key:15', '--limit', '15'];
    const [r, doc] = await Promise.all([onTerminal(args, columns), json<{ entries: Entry[]; summary: { resources: Array<{ resource_id: number }> } }>(args)]);
    expectFits(r.stdout, columns);
    for (const e of doc.entries) {
      const block = blockOf(r.stdout, e.id);
      for (const id of idsOf(e)) expect(block).toContain(id);
    }
    for (const res of doc.summary.resources.slice(0, 10)) expect(r.stdout).toContain(`#${res.resource_id}`);
    // Scope lists wrap after a comma, never inside a scope.
    for (const line of r.stdout.split('\n')) expect(line).not.toMatch(/[a-z_]+:[a-z]*…/);
  });

  it('keys: fits; every scope of every key shown whole; a left-out column is named on stderr', async () => {
    const [r, keys] = await Promise.all([onTerminal(['keys'], columns), json<Array<{ id: number; label: string; scopes: string[] }>>(['keys'])]);
    expectFits(r.stdout, columns);
    const words = new Set(r.stdout.split(/[\s,]+/));
    for (const k of keys) {
      expect(r.stdout).toMatch(new RegExp(`  ${k.id}  `));
      for (const scope of k.scopes) expect(words).toContain(scope);
    }
    // Labels give way only after the droppable columns: CREATED goes first even at 120.
    if (columns < 120) expect(r.stderr).toMatch(/left out to fit \d+ columns: CREATED, TOKEN/);
    else expect(r.stderr).toMatch(/left out to fit 120 columns: CREATED \(/);
  });

  it.each([['actor'], ['resource']])('summary --by %s: fits; every group #id whole', async (by) => {
    const args = ['summary', '--by', by, '--top', '25'];
    const [r, s] = await Promise.all([onTerminal(args, columns), json<{ groups: Array<{ key: string }> }>(args)]);
    expectFits(r.stdout, columns);
    for (const g of s.groups) {
      const id = /:(\d+)$/.exec(g.key)?.[1];
      const shown = id !== undefined ? `#${id}` : g.key.replace(/^automation:/, 'automation ');
      expect(r.stdout).toContain(shown);
    }
    if (by === 'resource') expect(r.stdout).toMatch(/\(\d+ more (groups )?cut by --top\)/);
  });
});

describe('a streamed table on a terminal (query past 1,000 rows, written in chunks)', () => {
  it('at 60 columns: header once, every line fits, every row keeps its ids whole, columns line up across chunks', async () => {
    const args = ['query', '--since', '30d', '--limit', '2500'];
    const [r, entries] = await Promise.all([onTerminal(args, 60), json<Entry[]>(args)]);
    expect(entries.length).toBe(2500);
    expectFits(r.stdout, 60);
    const lines = r.stdout.trimEnd().split('\n');
    const header = lines[0] as string;
    expect(lines.filter((l) => l === header)).toHaveLength(1);
    // Row index by entry ID (the right-aligned last column), one pass: blockOf per entry is quadratic here.
    const rowOf = new Map<number, number>();
    lines.forEach((l, i) => {
      const id = /\s(\d+)$/.exec(l)?.[1];
      if (i > 0 && id !== undefined && !/^\s/.test(l)) rowOf.set(Number(id), i);
    });
    const idEnd = header.length;
    for (const e of entries) {
      const at = rowOf.get(e.id);
      expect(at, `row of entry ${e.id}`).toBeDefined();
      const row = lines[at as number] as string;
      const next = lines[(at as number) + 1] ?? '';
      const block = /^\s/.test(next) ? `${row}\n${next}` : row;
      for (const id of idsOf(e)) expect(block).toContain(id);
      // No chunk is narrower than the first: the ID column never moves left of its header.
      expect(row.length).toBeGreaterThanOrEqual(idEnd);
    }
  });
});

describe('a wider terminal never shows less', () => {
  /** Each key's LABEL cell as shown (the rows that start a key; wrapped scope lines start with spaces). */
  function labelsShown(out: string): Map<string, string> {
    const rows = out.split('\n').filter((l) => /^\S/.test(l) && /^\S.*?\s{2,}\d+\s{2}/.test(l) && !l.startsWith('LABEL'));
    return new Map(rows.map((l) => {
      const [label, id] = l.split(/\s{2,}/) as [string, string];
      return [id.trim(), label];
    }));
  }

  it('keys: no label is cut shorter at a wider terminal', async () => {
    const shown = await Promise.all(WIDTHS.map(async (c) => labelsShown((await onTerminal(['keys'], c)).stdout)));
    const keys = await json<Array<{ id: number; label: string }>>(['keys']);
    for (const k of keys) {
      const widths = shown.map((m) => [...(m.get(String(k.id)) ?? '')].length);
      expect(widths.every((w) => w > 0)).toBe(true);
      for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeGreaterThanOrEqual(widths[i - 1] as number);
      expect(shown[shown.length - 1]?.get(String(k.id))).toBe(k.label);
    }
  });
});
