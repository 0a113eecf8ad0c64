// Finds the mirror a command reads, with no network: --mirror names it, else the key's fingerprint
// leads to the record its last sync left in the data directory.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Context } from '../context.js';
import type { GlobalOptions } from '../global-options.js';
import type { ResolvedCredentials } from '../config/credentials.js';
import { UsageError } from '../errors.js';
import { dataDirFor, keyFingerprint, readKeyRecord } from './location.js';

export interface LocatedMirror {
  path: string;
  /** The key's fingerprint, when a key was resolved (a --mirror file may be read without one). */
  fingerprint: string | null;
}

export const NO_MIRROR_HINT = "run 'fibe-audit sync' first (or name a mirror file with --mirror)";

/** The mirror for these credentials (or --mirror), or null when none exists yet. */
export async function locateMirror(ctx: Context, globals: GlobalOptions, credentials: ResolvedCredentials | null): Promise<LocatedMirror | null> {
  const fingerprint = credentials ? keyFingerprint(credentials.origin, credentials.apiKey) : null;
  if (globals.mirror !== undefined) {
    const path = resolve(globals.mirror);
    if (!existsSync(path)) throw new UsageError(`--mirror: '${globals.mirror}' does not exist`, NO_MIRROR_HINT);
    return { path, fingerprint };
  }
  if (fingerprint === null || credentials === null) return null;
  const dataDir = dataDirFor(ctx.env);
  const record = await readKeyRecord(dataDir, fingerprint);
  if (!record || record.origin !== credentials.origin) return null;
  const path = join(dataDir, record.mirror);
  return existsSync(path) ? { path, fingerprint } : null;
}
