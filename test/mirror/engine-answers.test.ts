// Where the mirror's engine answers by itself (summary's counts, actor's dossier), the output is the
// API path's, byte for byte: across groupings, zones with half- and quarter-hour offsets, actors and
// limits. The engine path is shown to be taken, so the comparison is not between two read paths.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli, tempDir, testContext } from '../helpers/run-cli.js';
import { createMirrorSource } from '../../src/source/mirror-source.js';
import { parseActorRef } from '../../src/model/actor-ref.js';
import { resolveZone } from '../../src/time/zone.js';
import type { Filters } from '../../src/model/filter.js';
import { mirrorIn } from './mirror-db.js';

let emu: Emulator;
let env: Record<string, string>;
let dataDir: string;
beforeAll(async () => {
  emu = await startEmulator({ entries: 6_000, seed: 19, now: FIXED_NOW, rateLimitPerHour: 1e9 });
  dataDir = join(tempDir(), 'data');
  env = { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url, FIBE_AUDIT_DATA_DIR: dataDir };
  const r = await runCli(['sync'], { env });
  if (r.exitCode !== 0) throw new Error(r.stderr);
}, 60_000);
afterAll(async () => {
  await emu?.close();
});

async function same(argv: string[]): Promise<void> {
  const api = await runCli(['--source', 'api', ...argv], { env });
  const mirror = await runCli(['--source', 'mirror', ...argv], { env });
  expect(mirror.exitCode, mirror.stderr).toBe(api.exitCode);
  expect(mirror.stdout, argv.join(' ')).toBe(api.stdout);
  expect(api.stdout.length, `${argv.join(' ')}: ${api.stderr}`).toBeGreaterThan(20);
}

describe('answers the engine computes', () => {
  it.each(['UTC', 'Asia/Kolkata', 'America/St_Johns', 'Australia/Eucla', 'Europe/Berlin'])('summary by day and hour in %s', async (tz) => {
    for (const by of ['day', 'hour']) {
      await same(['--tz', tz, 'summary', '--by', by, '--since', '40d', '-o', 'json']);
      await same(['--tz', tz, 'summary', '--by', by, '--since', '3d', '--channel', 'api']);
    }
  });

  it('summary by the column groupings, with exact filters', async () => {
    for (const by of ['action', 'channel', 'resource_type', 'actor_type']) {
      await same(['summary', '--by', by, '--since', '90d', '-o', 'json', '--top', '5']);
      await same(['summary', '--by', by, '--since', '30d', '--actor-type', 'genie', '--actor-type', 'user', '-o', 'csv']);
      await same(['summary', '--by', by, '--since', '30d', '--actor', 'key:15', '--resource', 'Trick']);
    }
  });

  it('actor dossiers for keys, Genies and users, in every format that summarises', async () => {
    for (const ref of ['key:15', 'key:21', 'genie:21', 'user:77', 'key:27']) {
      await same(['actor', ref, '-o', 'json']);
      await same(['actor', ref, '--since', '7d', '--limit', '3']);
      await same(['--tz', 'Asia/Kolkata', 'actor', ref, '--since', '90d', '--limit', '1', '-o', 'json']);
    }
  });

  it('takes the engine path for these questions (and not for text search)', async () => {
    const { ctx } = testContext({ env });
    const source = createMirrorSource(ctx, mirrorIn(dataDir));
    const zone = resolveZone('Asia/Kolkata', {})!;
    const base: Filters = { actions: [], actors: [], actorTypes: [], window: { start: new Date(FIXED_NOW.getTime() - 30 * 86_400_000), end: FIXED_NOW } };
    expect(await source.countGroups!({ filters: base, by: 'day', zone })).not.toBeNull();
    expect(await source.digestActor!({ filters: { ...base, actors: [parseActorRef('key:15')], channel: 'api' }, zone, keep: 20 })).not.toBeNull();
    expect(await source.countGroups!({ filters: { ...base, search: 'seed' }, by: 'day', zone })).toBeNull();
    expect(await source.digestActor!({ filters: { ...base, actors: [parseActorRef('automation:Playguard')] }, zone, keep: 20 })).toBeNull();
  });
});
