// Read-only view of the official fibe CLI's profiles ($XDG_CONFIG_HOME/fibe), so a key stored
// there works here too. fibe-audit never writes to that directory.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fibeCliDirFor } from './dirs.js';
import type { Env } from '../global-options.js';
import type { StoredProfile } from './store.js';

export interface FibeCliBook {
  /** The fibe CLI's active profile name (its default is `default`). */
  active: string;
  profiles: StoredProfile[];
  dir: string;
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch {
    // Missing or unreadable: the other tool's files are optional input, never a reason to fail.
    return undefined;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Profiles with a non-empty key; the domain stays as the fibe CLI wrote it (parsed later). */
export async function loadFibeCliProfiles(env: Env): Promise<FibeCliBook> {
  const dir = fibeCliDirFor(env);
  const [credentials, config] = await Promise.all([
    readJson(join(dir, 'credentials.json')),
    readJson(join(dir, 'config.json')),
  ]);
  const profiles: StoredProfile[] = [];
  const raw = isRecord(credentials) && isRecord(credentials.profiles) ? credentials.profiles : {};
  for (const [name, p] of Object.entries(raw)) {
    if (!isRecord(p) || typeof p.api_key !== 'string' || !p.api_key.trim()) continue;
    const domain = typeof p.domain === 'string' ? p.domain.trim() : '';
    profiles.push({ name, apiKey: p.api_key.trim(), domain });
  }
  const activeRaw = isRecord(config) ? config.active_profile : undefined;
  const active = typeof activeRaw === 'string' && activeRaw ? activeRaw : 'default';
  return { active, profiles, dir };
}
