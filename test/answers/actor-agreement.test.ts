// Acceptance: for a sample of actors (keys by id and by label, raw keys, Genies, users, automations),
// `query --actor X`, `actor X` and `summary --by actor` count the same entries, from the API and from
// an export of the same window, and that count is the emulator's own. A property over the actors the
// data holds, not a few hand-picked examples.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli } from '../helpers/run-cli.js';
import { withActor } from '../../src/model/actor.js';
import type { AuditEntry, Entry } from '../../src/model/entry.js';

const WINDOW_DAYS = 30;
let emu: Emulator;
let file: string;
let inWindow: Entry[];
const env = () => ({ FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url });
const offline = { env: { FIBE_API_KEY: '', FIBE_DOMAIN: 'http://127.0.0.1:9' } };

interface Sampled {
  ref: string;
  /** The `summary --by actor` group this actor's entries fall in. */
  group: string;
  /** The entries that are this actor's, by the emulator's own data. */
  owns: (e: Entry) => boolean;
  /** A raw key cannot be resolved without the API's key list: offline it is a usage error. */
  offlineRefused?: boolean;
}

beforeAll(async () => {
  emu = await startEmulator({ entries: 12_000, seed: 7, now: FIXED_NOW });
  file = join(mkdtempSync(join(tmpdir(), 'fibe-audit-agree-')), 'window.ndjson');
  const r = await runCli(['export', '--since', `${WINDOW_DAYS}d`, '--out', file, '-q'], { env: env() });
  expect(r.exitCode).toBe(0);
  const start = FIXED_NOW.getTime() - WINDOW_DAYS * 86_400_000;
  inWindow = [...emu.data.entries()].filter((e) => Date.parse(e.created_at) >= start).map((e) => withActor(e as AuditEntry));
});
afterAll(async () => {
  await emu.close();
});

/** Every actor the data names, by every form a person may type. */
function actorsOfTheData(): fc.Arbitrary<Sampled> {
  const keys = emu.data.apiKeys;
  const ofKey = (id: number) => (e: Entry) => (e.actor.kind === 'api_key' || e.actor.kind === 'genie') && e.actor.id === id;
  const keyGroup = (k: (typeof keys)[number]) => `${k.agent_accessible ? 'genie' : 'key'}:${k.id}`;
  // A label two keys share is refused by `actor` by design (it must drill into one key): not sampled.
  const uniqueLabel = keys.filter((k) => keys.filter((o) => o.label === k.label).length === 1);
  const users = [...new Set(inWindow.filter((e) => e.actor.kind === 'user').map((e) => e.actor.id as number))];
  const automations = [...new Set(inWindow.filter((e) => e.actor.kind === 'automation').map((e) => e.actor.label as string))];
  const genies = keys.filter((k) => k.agent_accessible);
  expect(genies.length).toBeGreaterThan(0);
  expect(users.length).toBeGreaterThan(0);
  expect(automations.length).toBeGreaterThan(0);
  return fc.oneof(
    fc.constantFrom(...keys).map((k) => ({ ref: `key:${k.id}`, group: keyGroup(k), owns: ofKey(k.id) })),
    fc.constantFrom(...uniqueLabel).map((k) => ({ ref: `key:"${k.label}"`, group: keyGroup(k), owns: ofKey(k.id) })),
    fc.constantFrom(...keys).map((k) => ({ ref: `key:${emu.data.tokenFor(k.id)}`, group: keyGroup(k), owns: ofKey(k.id), offlineRefused: true })),
    fc.constantFrom(...genies).map((k) => ({ ref: `genie:${k.id}`, group: `genie:${k.id}`, owns: ofKey(k.id) })),
    fc.constantFrom(...genies.filter((k) => uniqueLabel.includes(k))).map((k) => ({ ref: `genie:"${k.label}"`, group: `genie:${k.id}`, owns: ofKey(k.id) })),
    fc.constantFrom(...users).map((id) => ({ ref: `user:${id}`, group: `user:${id}`, owns: (e: Entry) => e.actor.kind === 'user' && e.actor.id === id })),
    fc.constantFrom(...automations).map((name) => ({
      ref: `automation:${name}`,
      group: `automation:${name}`,
      owns: (e: Entry) => e.actor.kind === 'automation' && e.actor.label === name,
    })),
  );
}

/** The three commands' counts for one actor, from the API (`window` given) or from the file. */
async function countsFor(ref: string, where: string[], opts: Parameters<typeof runCli>[1]) {
  const q = await runCli(['query', '--actor', ref, '--all', '-o', 'ndjson', '-q', ...where], opts);
  const a = await runCli(['actor', ref, '-o', 'json', '-q', ...where], opts);
  const s = await runCli(['summary', '--by', 'actor', '--top', '100000', '-o', 'json', '-q', ...where], opts);
  for (const r of [q, a, s]) expect(r.stderr).toBe('');
  return {
    query: q.stdout === '' ? 0 : q.stdout.trimEnd().split('\n').length,
    actor: (JSON.parse(a.stdout) as { summary: { total: number } }).summary.total,
    summary: (JSON.parse(s.stdout) as { groups: Array<{ key: string; count: number }> }).groups,
  };
}

describe('query, actor and summary agree on every actor, from the API and from an export', () => {
  it('entry counts agree with each other and with the data (sampled actors)', async () => {
    await fc.assert(
      fc.asyncProperty(actorsOfTheData(), async (sample) => {
        const want = inWindow.filter(sample.owns).length;
        const api = await countsFor(sample.ref, ['--since', `${WINDOW_DAYS}d`], { env: env() });
        expect({ ref: sample.ref, query: api.query, actor: api.actor }).toEqual({ ref: sample.ref, query: want, actor: want });
        expect(api.summary.find((g) => g.key === sample.group)?.count ?? 0).toBe(want);
        if (sample.offlineRefused) {
          const r = await runCli(['query', '--actor', sample.ref, '--file', file], offline);
          expect(r.exitCode).toBe(2);
          expect(r.stderr).toMatch(/^error: a raw key \(fibe_\w{3}\.\.\.\w{4}\) can only be resolved through the API's key list, not with --file/);
          return;
        }
        const local = await countsFor(sample.ref, ['--file', file], offline);
        expect({ ref: sample.ref, query: local.query, actor: local.actor }).toEqual({ ref: sample.ref, query: want, actor: want });
        expect(local.summary.find((g) => g.key === sample.group)?.count ?? 0).toBe(want);
      }),
      { numRuns: 16 },
    );
  }, 120_000);
});
