// Answers an investigator can trust: the scope review judges a key by all of its activity, a raw key
// or a label means the same entries in every command (offline too), and a Genie ref that names a
// plain key says so instead of judging scopes from nothing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli } from '../helpers/run-cli.js';

let emu: Emulator;
let file: string;
const env = (key = emu.keys.full) => ({ FIBE_API_KEY: key, FIBE_DOMAIN: emu.url });
const offline = { env: { FIBE_API_KEY: '', FIBE_DOMAIN: 'http://127.0.0.1:9' } };

interface ActorJson {
  key: { scopes: string[] } | null;
  summary: { total: number; by_action: Record<string, number>; unused_scopes: string[] | null };
}

async function json<T>(argv: string[], opts: Parameters<typeof runCli>[1] = { env: env() }): Promise<T> {
  const r = await runCli([...argv, '-o', 'json'], opts);
  expect(r.stderr).not.toMatch(/^error/m);
  expect(r.exitCode).toBe(0);
  return JSON.parse(r.stdout) as T;
}

beforeAll(async () => {
  emu = await startEmulator({ entries: 20_000, seed: 1, now: FIXED_NOW });
  file = join(mkdtempSync(join(tmpdir(), 'fibe-audit-answers-')), 'window.ndjson');
  const r = await runCli(['query', '--since', '30d', '--all', '-o', 'ndjson'], { env: env() });
  writeFileSync(file, r.stdout);
});
afterAll(async () => {
  await emu.close();
});

describe('the scope review uses all of the key\'s activity in the window', () => {
  it('actor key:15 --resource Playground keeps tricks:write and tricks:delete (the key destroyed tricks), and says so', async () => {
    const whole = await json<ActorJson>(['actor', 'key:15', '--since', '7d']);
    expect(whole.summary.by_action['trick.destroyed']).toBeGreaterThan(0);
    const r = await runCli(['actor', 'key:15', '--since', '7d', '--resource', 'Playground', '-o', 'json'], { env: env() });
    const narrowed = JSON.parse(r.stdout) as ActorJson;
    expect(Object.keys(narrowed.summary.by_action).some((a) => a.startsWith('trick.'))).toBe(false);
    expect(narrowed.summary.unused_scopes).toEqual(whole.summary.unused_scopes);
    expect(narrowed.summary.unused_scopes).not.toContain('tricks:delete');
    expect(r.stderr).toContain(`note: filters narrow the entry list; the scope review uses all ${whole.summary.total} entries of this key in the window`);
    const human = await runCli(['actor', 'key:15', '--since', '7d', '--action', 'playground.*'], { env: env(), columns: 120 });
    expect(human.stdout).toContain(`judged from       all ${whole.summary.total.toLocaleString('en-US')} entries of this key in the window, not only the filtered ones`);
    expect(human.stdout).not.toMatch(/unused .*tricks:delete/);
  });
});

describe('a Genie ref naming a plain key', () => {
  it.each([['actor'], ['query'], ['summary']])('%s genie:15: exit 2, not a Genie, use key:15', async (command) => {
    const argv = command === 'actor' ? ['actor', 'genie:15'] : [command, '--actor', 'genie:15'];
    const r = await runCli(argv, { env: env() });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: genie:15: key #15 "GitHub Actions CI" is not a Genie (it is not agent-accessible)\nhint: name it as a key: key:15\n');
  });
});

describe('one resolution of actor refs in every command', () => {
  it('a raw key in query --actor and summary --actor finds what key:<id> finds', async () => {
    const raw = emu.data.tokenFor(15);
    const byId = await json<Array<{ id: number }>>(['query', '--actor', 'key:15', '--all']);
    expect(byId.length).toBeGreaterThan(0);
    const byRaw = await json<Array<{ id: number }>>(['query', '--actor', `key:${raw}`, '--all']);
    expect(byRaw.map((e) => e.id)).toEqual(byId.map((e) => e.id));
    const summary = await json<{ total: number }>(['summary', '--actor', `key:${raw}`]);
    expect(summary.total).toBe(byId.length);
  });

  it.each([
    ['without keys:manage', () => ['query', '--actor', `key:${emu.data.tokenFor(15)}`], () => emu.keys.no_keys, 4, /^error: resolving a raw key \(fibe_liv\.\.\.\w{4}\) needs the keys:manage scope/],
    ['matching no key', () => ['summary', '--actor', 'key:fibe_live_ZZZZnothing1234567890'], () => emu.keys.full, 2, /^error: no API key of this account matches that key \(fibe_liv\.\.\.7890\)/],
  ])('a raw key %s: exit 4 or 2 as actor gives', async (_name, argv, key, code, line) => {
    const r = await runCli(argv(), { env: env(key()) });
    expect(r.exitCode).toBe(code);
    expect(r.stderr).toMatch(line);
    expect(r.stdout).toBe('');
  });

  it('offline, key:"<label>" finds the entries that carry only the key id, as key:<id> does', async () => {
    const byId = await json<Array<{ id: number; actor_label?: unknown }>>(['query', '--file', file, '--actor', 'key:15', '--all'], offline);
    const byLabel = await json<Array<{ id: number }>>(['query', '--file', file, '--actor', 'key:"GitHub Actions CI"', '--all'], offline);
    expect(byLabel.map((e) => e.id)).toEqual(byId.map((e) => e.id));
    const actor = await json<ActorJson>(['actor', 'key:"GitHub Actions CI"', '--file', file], offline);
    expect(actor.summary.total).toBe(byId.length);
  });

  it('offline, a label no entry pairs with an id: one warning naming the id form', async () => {
    const r = await runCli(['query', '--file', file, '--actor', 'key:"no such key"'], offline);
    expect(r.exitCode).toBe(0);
    const warnings = r.stderr.split('\n').filter((l) => l.startsWith('note: '));
    expect(warnings).toEqual([
      "note: no entry in the file pairs the label 'no such key' with a key id, so entries that name the key by id alone cannot be matched: name it by id (key:<id>)",
    ]);
  });
});

describe('actor labels older-style key entries from the key list, as query does', () => {
  it('shows key "GitHub Actions CI" #15, never a bare key #15, when the key list is readable', async () => {
    const r = await runCli(['actor', 'key:15', '--since', '7d', '--limit', '300'], { env: env() });
    expect(r.exitCode, r.stderr).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => /\b(trick|playground|prop|template)\.\w+/.test(l) && /#15\b/.test(l));
    expect(rows.length).toBeGreaterThan(50);
    for (const row of rows) expect(row).not.toMatch(/key #15\b/);
  });
});
