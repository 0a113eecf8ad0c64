// `<dir>/_manifests/<datetime>.json` for a lake run: each file it added with its rows and SHA-256,
// and how the run was made (engines skip names starting with `_`, so the manifest never reads as data).
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VERSION } from '../version.js';
import type { LakeFile } from './lake-files.js';
import { expandOutPath } from './path-template.js';
import { askedFacts, outcomeFacts, type RunFacts } from './manifest.js';

export interface LakeManifestInput extends RunFacts {
  dir: string;
  files: readonly LakeFile[];
}

/** The manifest written under a temporary name beside its final one (placed with the run's files). */
export async function writeLakeManifest(m: LakeManifestInput): Promise<{ temp: string; path: string }> {
  const manifests = join(m.dir, '_manifests');
  await mkdir(manifests, { recursive: true, mode: 0o700 });
  const name = `${expandOutPath('{datetime}', m.startedAt)}.json`;
  const path = join(manifests, name);
  const temp = join(manifests, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
  const body = {
    tool: 'fibe-audit',
    version: VERSION,
    format: 'parquet',
    partition: 'day',
    ...askedFacts(m),
    files: m.files.map((f) => ({ file: f.name, rows: f.rows, bytes: f.bytes, sha256: f.sha256 })),
    ...outcomeFacts(m),
  };
  await writeFile(temp, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return { temp, path };
}
