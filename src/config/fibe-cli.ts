// Read-only view of the official fibe CLI's profiles ($XDG_CONFIG_HOME/fibe), so a key stored
// there works here too. fibe-audit never writes to that directory.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fibeCliDirFor } from './dirs.js';
import type { Env } from '../global-options.js';
import type { StoredProfile } from './store.js';

export interface FibeCliBook {
  /** The fibe CLI's active profile name (its default is `default`). */
  active: string;
  profiles: StoredProfile[];
  dir: string;
  /** What is wrong with credentials.json, for one warning naming it (empty when all is well). */
  problems: string[];
  credentialsPath: string;
}

type Read = { data: unknown; problem?: string };

/** Missing: nothing to say. Present but broken: a problem to report, never a reason to fail. */
async function readJson(path: string): Promise<Read> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    return code === 'ENOENT' ? { data: undefined } : { data: undefined, problem: `unreadable (${code ?? 'error'}); its profiles are ignored` };
  }
  try {
    return { data: JSON.parse(text) };
  } catch {
    return { data: undefined, problem: 'not valid JSON; its profiles are ignored' };
  }
}

/** A key file others can read is used (it is the fibe CLI's), but the user should know. */
async function permissionProblem(path: string): Promise<string | undefined> {
  const info = await stat(path).catch(() => null);
  if (!info || (info.mode & 0o077) === 0) return undefined;
  return `readable by other users (mode ${(info.mode & 0o777).toString(8).padStart(4, '0')}); run chmod 600 on it`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Profiles with a non-empty key; the domain stays as the fibe CLI wrote it (parsed later). */
export async function loadFibeCliProfiles(env: Env): Promise<FibeCliBook> {
  const dir = fibeCliDirFor(env);
  const credentialsPath = join(dir, 'credentials.json');
  const [read, configRead] = await Promise.all([readJson(credentialsPath), readJson(join(dir, 'config.json'))]);
  const credentials = read.data;
  const config = configRead.data;
  const problems: string[] = read.problem ? [read.problem] : [];
  if (credentials !== undefined && !(isRecord(credentials) && isRecord(credentials.profiles))) {
    problems.push('no "profiles" object; it is ignored');
  }
  const profiles: StoredProfile[] = [];
  const raw = isRecord(credentials) && isRecord(credentials.profiles) ? credentials.profiles : {};
  for (const [name, p] of Object.entries(raw)) {
    if (!isRecord(p) || typeof p.api_key !== 'string' || !p.api_key.trim()) {
      problems.push(`profile '${name}' has no api_key (ignored)`);
      continue;
    }
    const domain = typeof p.domain === 'string' ? p.domain.trim() : '';
    profiles.push({ name, apiKey: p.api_key.trim(), domain });
  }
  const activeRaw = isRecord(config) ? config.active_profile : undefined;
  const active = typeof activeRaw === 'string' && activeRaw ? activeRaw : 'default';
  const loose = credentials !== undefined ? await permissionProblem(credentialsPath) : undefined;
  if (loose) problems.push(loose);
  return { active, profiles, dir, problems, credentialsPath };
}

/** One line for a warning about the file, or null when there is nothing to say. */
export function describeFibeCliProblems(book: FibeCliBook): string | null {
  if (book.problems.length === 0) return null;
  return `the official fibe CLI's ${book.credentialsPath}: ${book.problems.join('; ')}`;
}
