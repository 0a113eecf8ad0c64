// fibe-audit's own profile store: named keys with their domain in <config dir>/config.json,
// directory 0700, file 0600, written atomically (conf writes a temp file and renames it).
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { configDirFor } from './dirs.js';
import type { Env } from '../global-options.js';
import { UsageError } from '../errors.js';

export interface StoredProfile {
  name: string;
  apiKey: string;
  /** Origin, e.g. https://fibe.gg. */
  domain: string;
}

export interface ProfileBook {
  active: string | undefined;
  profiles: StoredProfile[];
}

interface StoreFile {
  active?: string;
  profiles?: Record<string, { api_key?: unknown; domain?: unknown }>;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function validateProfileName(name: string, label = '--profile'): string {
  if (!NAME.test(name)) {
    throw new UsageError(`${label}: invalid profile name '${name}'`, 'use letters, digits, dot, dash or underscore (at most 64)');
  }
  return name;
}

export function storePathFor(env: Env): string {
  return join(configDirFor(env), 'config.json');
}

/** Creates the directory 0700, tightening it when it exists with looser permissions. */
function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

async function openConf(env: Env) {
  const dir = configDirFor(env);
  ensurePrivateDir(dir);
  const { default: Conf } = await import('conf');
  try {
    const conf = new Conf<StoreFile>({
      cwd: dir,
      configName: 'config',
      configFileMode: 0o600,
      accessPropertiesByDotNotation: false,
    });
    void conf.store; // parse now, so a corrupt file fails here with a clear message
    return conf;
  } catch (err) {
    throw new UsageError(
      `cannot read the profile store ${storePathFor(env)}: ${(err as Error).message.split('\n')[0]}`,
      'fix or remove the file, then run fibe-audit auth login',
    );
  }
}

function toBook(data: StoreFile): ProfileBook {
  const profiles: StoredProfile[] = [];
  for (const [name, p] of Object.entries(data.profiles ?? {})) {
    if (typeof p?.api_key === 'string' && p.api_key && typeof p.domain === 'string') {
      profiles.push({ name, apiKey: p.api_key, domain: p.domain });
    }
  }
  const active = typeof data.active === 'string' && profiles.some((p) => p.name === data.active) ? data.active : undefined;
  return { active, profiles };
}

/** Reads the store; a missing file is an empty store (and nothing is created on disk). */
export async function loadProfiles(env: Env): Promise<ProfileBook> {
  if (!existsSync(storePathFor(env))) return { active: undefined, profiles: [] };
  const conf = await openConf(env);
  return toBook(conf.store);
}

async function updateStore(env: Env, change: (data: StoreFile) => void): Promise<ProfileBook> {
  const conf = await openConf(env);
  const data: StoreFile = { ...conf.store, profiles: { ...(conf.store.profiles ?? {}) } };
  change(data);
  conf.store = data;
  return toBook(data);
}

/** Saves (or replaces) a profile; makes it active when no profile is active yet. Returns whether it became active. */
export async function saveProfile(env: Env, profile: StoredProfile): Promise<{ activated: boolean }> {
  let activated = false;
  await updateStore(env, (data) => {
    data.profiles![profile.name] = { api_key: profile.apiKey, domain: profile.domain };
    const current = toBook(data).active;
    if (current === undefined || current === profile.name) {
      activated = current === undefined;
      data.active = profile.name;
    }
  });
  return { activated };
}

export async function setActiveProfile(env: Env, name: string): Promise<void> {
  await updateStore(env, (data) => {
    data.active = name;
  });
}

/** Removes a profile; when it was the active one, no profile is active afterwards. */
export async function removeProfile(env: Env, name: string): Promise<ProfileBook> {
  return updateStore(env, (data) => {
    delete data.profiles![name];
    if (data.active === name) delete data.active;
  });
}
