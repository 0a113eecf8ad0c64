// mirror status: what a mirror holds and how fresh it is, read from the file alone (no network).
import { stat } from 'node:fs/promises';
import type { Context } from '../context.js';
import { displayDomain } from '../config/domain.js';
import { withMirror } from './mirror-file.js';
import { readHoldings, readIdentity, readSyncState } from './sync-state.js';

export interface MirrorStatus {
  path: string;
  bytes: number;
  entries: number;
  coveredSince: Date | null;
  coveredUntil: Date | null;
  /** True when the mirror holds the log from its beginning (covered.since is then null). */
  fromStart: boolean;
  oldest: Date | null;
  newest: Date | null;
  lastSync: Date | null;
  keysSnapshotAt: Date | null;
  domain: string | null;
  account: string | null;
  username: string | null;
}

export async function mirrorBytes(path: string): Promise<number> {
  let bytes = 0;
  for (const file of [path, `${path}.wal`]) bytes += (await stat(file).catch(() => null))?.size ?? 0;
  return bytes;
}

/** `58.1 MiB`, `312 KiB`, `900 B`. */
export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} B`;
}

export async function readMirrorStatus(ctx: Context, path: string): Promise<MirrorStatus> {
  const { state, held, identity } = await withMirror(path, 'read', ctx, async (s) => ({
    state: await readSyncState(s.connection),
    held: await readHoldings(s.connection),
    identity: await readIdentity(s.connection),
  }));
  return {
    path,
    bytes: await mirrorBytes(path),
    entries: held.entries,
    coveredSince: state && !state.coveredFromStart ? state.coveredSince : null,
    coveredUntil: state?.coveredUntil ?? null,
    fromStart: state?.coveredFromStart ?? false,
    oldest: held.oldest,
    newest: held.newestUs === null ? null : new Date(Math.floor(held.newestUs / 1000)),
    lastSync: state?.lastSyncAt ?? null,
    keysSnapshotAt: state?.keysSnapshotAt ?? null,
    domain: identity ? displayDomain(identity.origin) : null,
    account: identity?.account ?? null,
    username: identity?.username ?? null,
  };
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** SPEC.md's `mirror status -o json` object. */
export function statusJson(s: MirrorStatus): string {
  const account = s.account !== null && /^\d+$/.test(s.account) && Number.isSafeInteger(Number(s.account)) ? Number(s.account) : s.account;
  return `${JSON.stringify({
    path: s.path, bytes: s.bytes, entries: s.entries, covered: { since: iso(s.coveredSince), until: iso(s.coveredUntil) },
    last_sync: iso(s.lastSync), keys_snapshot_at: iso(s.keysSnapshotAt), domain: s.domain, account,
  })}\n`;
}
