// The acceptance property of SPEC.md "Sources": for random filter sets, windows and formats, query,
// actor, summary and keys print byte-identical stdout with --source api and --source mirror.
import fc from 'fast-check';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli, tempDir } from '../helpers/run-cli.js';

let emu: Emulator;
let env: Record<string, string>;

beforeAll(async () => {
  emu = await startEmulator({ entries: 4_000, seed: 13, now: FIXED_NOW, hostile: true, rateLimitPerHour: 1e9 });
  env = { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url, FIBE_AUDIT_DATA_DIR: join(tempDir(), 'data') };
  const synced = await runCli(['sync'], { env });
  if (synced.exitCode !== 0) throw new Error(synced.stderr);
}, 60_000);
afterAll(async () => {
  await emu?.close();
});

const keyIds = () => emu.data.apiKeys.map((k) => k.id);
const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const filterArgs = fc
  .record({
    actions: fc.subarray(['trick.destroyed', 'playground.*', '*.destroyed', 'api_key.', 'Secret.updated', '*.player.*', 'trick.*'], { maxLength: 2 }),
    actors: fc.subarray(['user:77', 'key:1', 'key:2', 'key:3', 'genie:4', 'automation:Playguard', 'key:"GitHub Actions CI"', 'user:abc'], { maxLength: 2 }),
    types: fc.subarray(['user', 'api_key', 'genie', 'automation', 'unknown'], { maxLength: 2 }),
    resource: optional(pick(['Trick', 'Playground', 'Secret', 'ApiKey', 'Trick:1'])),
    channel: optional(pick(['api', 'ui', 'system', 'webhook'])),
    search: optional(pick(['seed', 'ci', 'Night', '\u001b'])),
    since: optional(pick(['1h', '24h', '7d', '30d', '90d', '2026-11-01', '2026-11-25T10:00'])),
    until: optional(pick(['now', '2026-11-20', '12h', '2026-11-26T11:59:59.999Z'])),
  })
  .map((f) => {
    const args: string[] = [];
    for (const a of f.actions) args.push('--action', a);
    for (const a of f.actors) args.push('--actor', a.replace(/key:(\d)$/, (_m, n: string) => `key:${keyIds()[Number(n)] ?? n}`));
    for (const t of f.types) args.push('--actor-type', t);
    if (f.resource) args.push('--resource', f.resource);
    if (f.channel) args.push('--channel', f.channel);
    if (f.search) args.push('--search', f.search);
    if (f.since) args.push('--since', f.since);
    if (f.until) args.push('--until', f.until);
    return args;
  });

const command = fc.oneof(
  fc.tuple(filterArgs, pick(['table', 'json', 'ndjson', 'csv']), pick([['--limit', '5'], ['--limit', '60'], ['--all'], ['--all', '--order', 'asc']])).map(
    ([f, o, n]) => ['query', ...f, '-o', o, ...n],
  ),
  fc.tuple(filterArgs, pick(['action', 'actor', 'actor_type', 'resource_type', 'resource', 'channel', 'day', 'hour']), pick(['table', 'json', 'csv']), pick(['3', '20'])).map(
    ([f, by, o, top]) => ['summary', ...f, '--by', by, '-o', o, '--top', top],
  ),
  fc.tuple(pick(['key:0', 'key:1', 'key:2', 'user:77', 'genie:3', 'automation:Playguard']), filterArgs, pick(['table', 'json', 'ndjson', 'csv']), pick([['--limit', '3'], ['--all']])).map(
    ([ref, f, o, n]) => ['actor', ref.replace(/key:(\d)$/, (_m, i: string) => `key:${keyIds()[Number(i)]}`).replace(/genie:(\d)$/, (_m, i: string) => `genie:${keyIds()[Number(i)]}`), ...f.filter((a) => a !== '--actor'), '-o', o, ...n],
  ),
  fc.tuple(pick([undefined, '7d', '90d']), pick(['table', 'json', 'csv'])).map(([since, o]) => ['keys', ...(since ? ['--since', since] : []), '-o', o]),
);

describe('the same question gets the same answer from every source', () => {
  it('query, actor, summary and keys: stdout byte-identical between --source api and --source mirror', async () => {
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(command, async (argv) => {
        const api = await runCli(['--source', 'api', ...argv], { env });
        const before = emu.requests.length;
        const mirror = await runCli(['--source', 'mirror', ...argv], { env });
        expect(emu.requests.length - before, 'the mirror asks the network nothing').toBe(0);
        expect(mirror.exitCode, mirror.stderr).toBe(api.exitCode);
        expect(mirror.stdout).toBe(api.stdout);
        if (mirror.exitCode === 0) expect(mirror.stderr).toMatch(/^from the mirror, synced \d+ s ago\n/);
        if (mirror.stdout.length > 40) answered += 1;
      }),
      { numRuns: 60, seed: 20261126 },
    );
    // Most questions have a real answer: the comparison is not between two empty outputs.
    expect(answered).toBeGreaterThan(20);
  }, 300_000);
});
