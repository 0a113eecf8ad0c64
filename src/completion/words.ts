// The dynamic words of completion: stored profile names (ours and the official fibe CLI's, read-only)
// and the time zones this runtime knows. Read from disk and Intl only: no key, no network, no error.
import type { Env } from '../global-options.js';
import { loadProfiles } from '../config/store.js';
import { loadFibeCliProfiles } from '../config/fibe-cli.js';
import type { DynamicSource } from './dynamic.js';

async function profileNames(env: Env): Promise<string[]> {
  const [ours, theirs] = await Promise.all([
    loadProfiles(env).catch(() => ({ profiles: [] as Array<{ name: string }> })),
    loadFibeCliProfiles(env).catch(() => ({ profiles: [] as Array<{ name: string }> })),
  ]);
  return [...new Set([...ours.profiles, ...theirs.profiles].map((p) => p.name))];
}

function zoneNames(): string[] {
  return ['UTC', 'local', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
}

export async function listCompletionWords(source: DynamicSource, env: Env): Promise<string[]> {
  return source === 'profiles' ? profileNames(env) : zoneNames();
}
