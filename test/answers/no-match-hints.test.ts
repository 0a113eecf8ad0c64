// Filters that can never match say so: the nearest known value when nothing matched, and --channel
// limited to the documented channels.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli } from '../helpers/run-cli.js';
import { editDistance, nearestTo } from '../../src/text/nearest.js';

let emu: Emulator;
let file: string;
const env = () => ({ FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url });
const offline = { env: { FIBE_API_KEY: '', FIBE_DOMAIN: 'http://127.0.0.1:9' } };

beforeAll(async () => {
  emu = await startEmulator({ entries: 10_000, seed: 1, now: FIXED_NOW });
  file = join(mkdtempSync(join(tmpdir(), 'fibe-audit-hints-')), 'window.ndjson');
  writeFileSync(file, (await runCli(['query', '--since', '7d', '--all', '-o', 'ndjson'], { env: env() })).stdout);
});
afterAll(async () => {
  await emu.close();
});

const hintLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('hint: '));

describe('nothing matched: the nearest known value', () => {
  it.each([
    [['--action', 'destroyed'], 'hint: no action \'destroyed\' is known here; did you mean --action *.destroyed?'],
    [['--action', 'trick.destroy'], 'hint: no action \'trick.destroy\' is known here; did you mean --action trick.destroyed?'],
    [['--resource', 'Trik'], 'hint: no resource type \'Trik\' is known here; did you mean --resource Trick?'],
    [['--resource', 'Playgrond:12'], 'hint: no resource type \'Playgrond\' is known here; did you mean --resource Playground:12?'],
    [['--actor', 'key:"GitHub Actions"'], 'hint: no key is labelled \'GitHub Actions\'; did you mean key:"GitHub Actions CI"?'],
  ])('query %j (API, and the same from --file)', async (args, hint) => {
    for (const [extra, opts] of [[[], { env: env() }], [['--file', file], offline]] as const) {
      const r = await runCli(['query', ...args, ...extra], opts);
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^no entries match/m);
      expect(hintLines(r.stderr)).toEqual([hint]);
    }
  });

  it('summary says it too', async () => {
    const r = await runCli(['summary', '--action', 'trick.destroy', '-o', 'json'], { env: env() });
    expect(JSON.parse(r.stdout).total).toBe(0);
    expect(hintLines(r.stderr)).toEqual(["hint: no action 'trick.destroy' is known here; did you mean --action trick.destroyed?"]);
  });

  it('a known value that matched nothing in the window gets no hint, and the sample costs one request', async () => {
    const before = emu.requests.length;
    const r = await runCli(['query', '--action', 'two_factor.disabled', '--since', '1h'], { env: env() });
    expect(r.stderr).toMatch(/^no entries match/);
    expect(hintLines(r.stderr)).toEqual([]);
    const pages = emu.requests.slice(before).filter((q) => q.path === '/api/audit_logs');
    expect(pages.length).toBeLessThanOrEqual(2);
  });

  it('--quiet: no hint, no extra request', async () => {
    const before = emu.requests.length;
    const r = await runCli(['query', '--action', 'destroyed', '-q'], { env: env() });
    expect(r.stderr).toBe('');
    expect(emu.requests.slice(before).filter((q) => q.path === '/api/audit_logs')).toHaveLength(1);
  });
});

describe('--channel takes only the documented channels', () => {
  it.each(['api', 'ui', 'system', 'webhook', 'API'])('--channel %s is accepted', async (channel) => {
    const r = await runCli(['query', '--channel', channel, '--limit', '1', '-o', 'ndjson'], { env: env() });
    expect(r.exitCode).toBe(0);
  });
  it('--channel bogus: exit 2 naming the choices, before any request', async () => {
    const before = emu.requests.length;
    const r = await runCli(['query', '--channel', 'bogus'], { env: env() });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe("error: option '--channel <name>' argument 'bogus' is invalid. Allowed choices are api, ui, system, webhook.\n");
    expect(emu.requests.length).toBe(before);
  });
});

describe('nearestTo', () => {
  it.each([
    ['trick.destroy', ['trick.destroyed', 'trick.created'], 'trick.destroyed'],
    ['Trik', ['Trick', 'Prop', 'Template'], 'Trick'],
    ['tirck', ['trick', 'prop'], 'trick'],
    ['zzzz', ['trick', 'prop'], null],
    ['', ['a'], 'a'],
  ])('%s -> %s', (value, candidates, want) => {
    expect(nearestTo(value, candidates)).toBe(want);
  });
  it('edit distance counts a swap as one', () => {
    expect(editDistance('tirck', 'trick')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
