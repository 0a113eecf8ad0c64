// fibe-audit query end to end against the emulator: exact id sets per filter, every format, TTY and piped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli } from '../helpers/run-cli.js';
import { withActor } from '../../src/model/actor.js';
import type { AuditEntry, Entry } from '../../src/model/entry.js';

let emu: Emulator;
let all: Entry[];
const HOUR = 3_600_000;
const since = (ms: number) => (e: Entry) => Date.parse(e.created_at) >= FIXED_NOW.getTime() - ms;
const newestFirst = (a: Entry, b: Entry) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id;
const ids = (list: Array<{ id: number }>) => list.map((e) => e.id);

function env() {
  return { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url };
}
async function queryJson(args: string[]): Promise<Entry[]> {
  const r = await runCli(['query', ...args, '-o', 'json'], { env: env() });
  expect(r.stderr).not.toContain('error:');
  expect(r.exitCode).toBe(0);
  return JSON.parse(r.stdout) as Entry[];
}
function expected(pred: (e: Entry) => boolean, window = since(7 * 24 * HOUR)): number[] {
  return ids(all.filter((e) => window(e) && pred(e)).sort(newestFirst));
}

beforeAll(async () => {
  emu = await startEmulator({ entries: 20_000, seed: 1, now: FIXED_NOW });
  all = [...emu.data.entries()].map((e) => withActor(e as AuditEntry));
});
afterAll(async () => {
  await emu.close();
});

describe('query filters give exact id sets', () => {
  it('--action trick.destroyed --since 24h', async () => {
    const want = expected((e) => e.action === 'trick.destroyed', since(24 * HOUR));
    expect(want.length).toBeGreaterThan(0);
    const got = await queryJson(['--action', 'trick.destroyed', '--since', '24h', '--all']);
    expect(ids(got)).toEqual(want);
    expect(got.every((e) => e.actor && typeof e.actor.kind === 'string')).toBe(true);
  });

  it.each([
    ['prefix', 'playground.*', (a: string) => a.startsWith('playground.')],
    ['glob', '*.destroyed', (a: string) => a.endsWith('.destroyed')],
    ['inner glob', '*.player.*', (a: string) => a.includes('.player.')],
  ])('%s action pattern %s', async (_name, pattern, test) => {
    const want = expected((e) => test(e.action), since(48 * HOUR));
    expect(want.length).toBeGreaterThan(0);
    const got = await queryJson(['--action', pattern, '--since', '48h', '--all']);
    expect(ids(got)).toEqual(want);
  });

  it('repeated --action flags are ORed', async () => {
    const want = expected((e) => e.action === 'trick.created' || e.action === 'trick.destroyed', since(24 * HOUR));
    const got = await queryJson(['--action', 'trick.created', '--action', 'trick.destroyed', '--since', '24h', '--all']);
    expect(ids(got)).toEqual(want);
  });

  it('--actor key:<label> and key:<id> match the same entries of that key', async () => {
    const ci = emu.data.apiKeys.find((k) => /CI/.test(k.label));
    expect(ci).toBeDefined();
    const want = expected((e) => (e.actor.kind === 'api_key' || e.actor.kind === 'genie') && Number(e.actor.id) === ci!.id);
    expect(want.length).toBeGreaterThan(0);
    const byLabel = await queryJson(['--actor', `key:"${ci!.label}"`, '--all']);
    const byId = await queryJson(['--actor', `key:${ci!.id}`, '--all']);
    expect(ids(byId)).toEqual(want);
    expect(ids(byLabel)).toEqual(want);
  });

  it('--actor-type genie gives only Genie entries, and api_key excludes them', async () => {
    const want = expected((e) => e.actor.kind === 'genie');
    expect(want.length).toBeGreaterThan(0);
    expect(ids(await queryJson(['--actor-type', 'genie', '--all']))).toEqual(want);
    const keys = await queryJson(['--actor-type', 'api_key', '--all']);
    expect(keys.some((e) => e.actor.kind === 'genie')).toBe(false);
    expect(ids(keys)).toEqual(expected((e) => e.actor.kind === 'api_key'));
  });

  it('--resource Trick:<id> narrows to one resource', async () => {
    const sample = all.find((e) => e.resource_type === 'Trick' && e.resource_id !== null && since(7 * 24 * HOUR)(e));
    expect(sample).toBeDefined();
    const want = expected((e) => e.resource_type === 'Trick' && e.resource_id === sample!.resource_id);
    const got = await queryJson(['--resource', `Trick:${sample!.resource_id}`, '--all']);
    expect(ids(got)).toEqual(want);
  });

  it('--search is a case-insensitive substring over action, resource name and metadata', async () => {
    const name = all.find((e) => typeof e.metadata?.resource_name === 'string' && since(7 * 24 * HOUR)(e))!.metadata!
      .resource_name as string;
    const needle = name.slice(0, Math.max(4, Math.min(name.length, 6))).toUpperCase();
    const want = expected((e) =>
      [e.action, String(e.metadata?.resource_name ?? ''), JSON.stringify(e.metadata ?? {})].some((t) =>
        t.toLowerCase().includes(needle.toLowerCase()),
      ),
    );
    expect(want.length).toBeGreaterThan(0);
    expect(ids(await queryJson(['--search', needle, '--all']))).toEqual(want);
  });
});

describe('limits and order', () => {
  it('--limit n returns the newest n and says more match', async () => {
    const want = expected(() => true).slice(0, 7);
    const r = await runCli(['query', '--limit', '7', '-o', 'ndjson'], { env: env() });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as Entry).id)).toEqual(want);
    expect(r.stderr).toMatch(/7 entries shown, newest first; more match/);
  });

  it('default limit is 50 and --order asc gives the oldest first', async () => {
    expect(ids(await queryJson([]))).toEqual(expected(() => true).slice(0, 50));
    const asc = expected(() => true).reverse().slice(0, 5);
    expect(ids(await queryJson(['--order', 'asc', '--limit', '5']))).toEqual(asc);
  });

  it('--all over a day returns every entry of the window', async () => {
    const want = expected(() => true, since(24 * HOUR));
    expect(want.length).toBeGreaterThan(100);
    expect(ids(await queryJson(['--since', '24h', '--all']))).toEqual(want);
  });

  it('no match: exit 0, empty output, a notice on stderr', async () => {
    const r = await runCli(['query', '--action', 'nothing.like.this', '-o', 'json'], { env: env() });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(r.stderr).toMatch(/^no entries match/);
    const t = await runCli(['query', '--action', 'nothing.like.this'], { env: env() });
    expect(t.stdout).toBe('');
    expect(t.stderr).toMatch(/^no entries match/);
  });

  it('--quiet drops the notice', async () => {
    const r = await runCli(['query', '--limit', '2', '-q'], { env: env() });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('every output format parses back to the same ids', () => {
  const args = ['--action', 'trick.*', '--since', '3d', '--all'];
  it('json, ndjson and csv agree with the expected ids', async () => {
    const want = expected((e) => e.action.startsWith('trick.'), since(72 * HOUR));
    const json = await runCli(['query', ...args, '-o', 'json'], { env: env() });
    expect(ids(JSON.parse(json.stdout) as Entry[])).toEqual(want);
    const nd = await runCli(['query', ...args, '-o', 'ndjson'], { env: env() });
    expect(nd.stdout.trim().split('\n').map((l) => (JSON.parse(l) as Entry).id)).toEqual(want);
    const csv = await runCli(['query', ...args, '-o', 'csv'], { env: env() });
    const rows = parseCsv(csv.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => Number(r.id))).toEqual(want);
    expect(Object.keys(rows[0]!)).toEqual([
      'id', 'created_at', 'action', 'actor_kind', 'actor_id', 'actor_label', 'actor_type', 'channel',
      'resource_type', 'resource_id', 'resource_name', 'metadata',
    ]);
  });

  it('--columns picks exactly those csv columns', async () => {
    const r = await runCli(['query', '--limit', '3', '-o', 'csv', '--columns', 'id,action,actor_kind'], { env: env() });
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trim().split(/\r?\n/);
    expect(lines[0]).toBe('id,action,actor_kind');
    expect(lines).toHaveLength(4);
  });
});

describe('table rendering', () => {
  it('piped: plain aligned columns with the SPEC headers, no ANSI', async () => {
    const r = await runCli(['query', '--action', 'trick.destroyed', '--since', '24h', '--limit', '3'], { env: env() });
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TIME\s+ACTION\s+ACTOR\s+CHANNEL\s+RESOURCE\s+ID$/);
    expect(lines).toHaveLength(4);
    expect(r.stdout).not.toMatch(/\x1b\[/);
    expect(lines[1]).toContain('trick.destroyed');
  });

  it('older-style key entries are labelled from the key list in the table', async () => {
    const bare = all.find((e) => e.actor.kind === 'api_key' && !e.actor.label && since(7 * 24 * HOUR)(e));
    expect(bare).toBeDefined();
    const label = emu.data.apiKeys.find((k) => k.id === Number(bare!.actor.id))!.label;
    const r = await runCli(['query', '--resource', `${bare!.resource_type}:${bare!.resource_id}`, '--all'], { env: env() });
    const row = r.stdout.split('\n').find((l) => l.trimEnd().endsWith(String(bare!.id)));
    expect(row).toContain(`key "${label}" #${bare!.actor.id}`);
    const noKeys = await runCli(['query', '--resource', `${bare!.resource_type}:${bare!.resource_id}`, '--all'], {
      env: { ...env(), FIBE_API_KEY: emu.keys.no_keys },
    });
    expect(noKeys.stdout.split('\n').find((l) => l.trimEnd().endsWith(String(bare!.id)))).toContain(`key #${bare!.actor.id}`);
  });

  it.each([
    [['--actor', 'key:15', '--limit', '3'], 'the client-side filter (actor)'],
    [['--search', 'e', '--actor-type', 'user', '--limit', '3'], 'the client-side filters (actor type, search)'],
    [['--resource', 'Trick:3312', '--action', 'trick.*', '--since', '30d', '--limit', '1'], 'the client-side filters (action, resource id)'],
  ])('the footer names only the client-side filters given: %j', async (args, named) => {
    const r = await runCli(['query', ...args], { env: env() });
    expect(r.exitCode).toBe(0);
    const line = r.stderr.split('\n').find((l) => l.startsWith('scanned '));
    expect(line).toMatch(new RegExp(`to apply ${named.replace(/[()]/g, '\\$&')}$`));
  });

  it('printed times are read back: --since with a time copied from the table', async () => {
    const table = await runCli(['query', '--since', '24h', '--limit', '3'], { env: env() });
    const printed = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC)/m.exec(table.stdout.split('\n')[3] ?? '')?.[1];
    expect(printed).toBeDefined();
    const r = await runCli(['query', '--since', printed!, '-o', 'json', '--all'], { env: env() });
    expect(r.exitCode).toBe(0);
    const got = JSON.parse(r.stdout) as Entry[];
    expect(ids(got)).toEqual(expected(() => true, (e) => Date.parse(e.created_at) >= Date.parse(printed!.replace(' UTC', 'Z').replace(' ', 'T'))));
    expect(got.length).toBeGreaterThanOrEqual(3);
  });

  it('FORCE_COLOR=1 colours a piped table (layout stays the piped one: absolute times, nothing cut); NO_COLOR alone does not', async () => {
    const args = ['query', '--since', '24h', '--limit', '5'];
    const forced = await runCli(args, { env: { ...env(), FORCE_COLOR: '1' } });
    const plain = await runCli(args, { env: env() });
    expect(forced.exitCode).toBe(0);
    expect(forced.stdout).toContain('\x1b[1mTIME\x1b[22m');
    expect(forced.stdout).toMatch(/\x1b\[3[123]m[a-z_.]+\x1b\[39m/);
    expect(forced.stdout.replace(/\x1b\[[0-9;]*m/g, '')).toBe(plain.stdout);
    expect(plain.stdout).not.toMatch(/\x1b\[/);
    expect(plain.stdout).not.toMatch(/ago|…/);
    const off = await runCli([...args, '--no-color'], { env: { ...env(), FORCE_COLOR: '1' } });
    expect(off.stdout).toBe(plain.stdout);
  });

  it('terminal: relative times, and the table fits the width', async () => {
    const r = await runCli(['query', '--since', '24h', '--limit', '5'], {
      env: { ...env(), FORCE_COLOR: '1' }, tty: true, columns: 90,
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/ago/);
    expect(r.stdout).toMatch(/\x1b\[/);
    const visible = r.stdout.replace(/\x1b\[[0-9;]*m/g, '').split('\n');
    for (const line of visible) expect([...line].length).toBeLessThanOrEqual(90);
  });
});

describe('bad input exits 2 with one clear line', () => {
  it.each([
    [['--since', '3 days']],
    [['--since', '5x']],
    [['--until', 'tomorrowish']],
    [['--since', '1d', '--until', '2d']],
    [['--since', '2026-13-40']],
    [['--actor', 'robot:1']],
    [['--actor', 'user:abc']],
    [['--actor', 'key:']],
    [['--actor', 'key:"unterminated']],
    [['--actor-type', 'alien']],
    [['--columns', 'id,nope']],
    [['--columns', '']],
    [['-o', 'xml']],
    [['--limit', '0']],
    [['--limit', 'ten']],
    [['--order', 'sideways']],
    [['--action', '']],
    [['--tz', 'Mars/Olympus']],
    [['--all', '--limit', '5']],
    [['--resource', 'Trick:abc']],
    [['--columns', 'id', '-o', 'json']],
  ])('query %j', async (argv) => {
    const r = await runCli(['query', ...argv], { env: env() });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(lines[0]).toMatch(/^error: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
