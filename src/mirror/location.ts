// Where mirrors live: the data directory (0700), one file per domain and account, and the key
// records that let a key find its account's mirror offline. Keys are stored only as SHA-256.
import { createHash, randomBytes } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { Env } from '../global-options.js';

/** $FIBE_AUDIT_DATA_DIR, else $XDG_DATA_HOME/fibe-audit, else ~/.local/share/fibe-audit. */
export function dataDirFor(env: Env): string {
  if (env.FIBE_AUDIT_DATA_DIR) return env.FIBE_AUDIT_DATA_DIR;
  const base = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  return join(base, 'fibe-audit');
}

/** Creates the directory (and parents) if needed; the directory itself is always left 0700. */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
}

/** `https://fibe.gg` -> `fibe.gg`, `http://127.0.0.1:4010` -> `127.0.0.1_4010`: safe in a file name. */
function hostPart(origin: string): string {
  const url = new URL(origin);
  const host = url.port ? `${url.hostname}_${url.port}` : url.hostname;
  return host.replace(/[^A-Za-z0-9.-]/g, '_');
}

/** The mirror of one account on one deployment. */
export function mirrorFileFor(dataDir: string, origin: string, account: number | string): string {
  const id = String(account).replace(/[^A-Za-z0-9_-]/g, '_');
  return join(dataDir, `mirror-${hostPart(origin)}-${id}.duckdb`);
}

/** The key's fingerprint: SHA-256 over the origin and the key, so one key on two deployments stays apart. */
export function keyFingerprint(origin: string, apiKey: string): string {
  return createHash('sha256').update(`${origin}\n${apiKey}`).digest('hex');
}

export interface KeyRecord {
  version: 1;
  origin: string;
  account: number | string;
  username: string | null;
  /** The mirror file's name inside the data directory. */
  mirror: string;
  recorded_at: string;
}

const keysDir = (dataDir: string) => join(dataDir, 'keys');
const recordPath = (dataDir: string, fingerprint: string) => join(keysDir(dataDir), `${fingerprint}.json`);

/** The account and mirror a key was synced with, or null when the key never synced here. */
export async function readKeyRecord(dataDir: string, fingerprint: string): Promise<KeyRecord | null> {
  try {
    const data = JSON.parse(await readFile(recordPath(dataDir, fingerprint), 'utf8')) as Partial<KeyRecord>;
    if (data?.version !== 1 || typeof data.origin !== 'string' || typeof data.mirror !== 'string') return null;
    if (typeof data.account !== 'number' && typeof data.account !== 'string') return null;
    return data as KeyRecord;
  } catch {
    return null;
  }
}

/** Written atomically (temp + rename), 0600, in a 0700 directory. */
export async function writeKeyRecord(dataDir: string, fingerprint: string, record: KeyRecord): Promise<void> {
  await ensurePrivateDir(keysDir(dataDir));
  const target = recordPath(dataDir, fingerprint);
  const temp = `${target}.${randomBytes(4).toString('hex')}.partial`;
  await writeFile(temp, `${JSON.stringify(record)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/** Forgets every key record pointing at a mirror file (mirror drop). */
export async function removeKeyRecordsFor(dataDir: string, mirrorName: string): Promise<void> {
  const { readdir } = await import('node:fs/promises');
  const names = await readdir(keysDir(dataDir)).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.endsWith('.json')) continue;
    const record = await readKeyRecord(dataDir, name.slice(0, -'.json'.length));
    if (record?.mirror === mirrorName) await rm(join(keysDir(dataDir), name), { force: true });
  }
}
