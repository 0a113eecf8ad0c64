// Which mirror a sync writes: the account's file in the data directory (found through the key's
// record, else through GET /api/me) or the --mirror file; a file of another account is refused.
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Context } from '../context.js';
import type { Session } from '../api/types.js';
import { getMe } from '../api/me.js';
import { UsageError } from '../errors.js';
import { displayDomain } from '../config/domain.js';
import { withMirror, type MirrorSession } from './mirror-file.js';
import { dataDirFor, ensurePrivateDir, keyFingerprint, mirrorFileFor, readKeyRecord, writeKeyRecord } from './location.js';
import { hasKey, readIdentity, recordKey, writeIdentity, type MirrorIdentity } from './sync-state.js';

export interface SyncTarget {
  path: string;
  /** With the file open for writing: checks it is this account's, and records identity and key fingerprint. */
  claim(s: MirrorSession): Promise<void>;
}

async function identityFromApi(session: Session): Promise<MirrorIdentity> {
  const me = await getMe(session.http);
  return { origin: session.credentials.origin, account: String(me.id), username: me.username };
}

/** --mirror: the file's own identity when this key synced it before, else the API's word. */
async function identityForFile(ctx: Context, session: Session, path: string, fingerprint: string): Promise<MirrorIdentity> {
  if (existsSync(path)) {
    const known = await withMirror(path, 'read', ctx, async (s) => ((await hasKey(s.connection, fingerprint)) ? readIdentity(s.connection) : null));
    if (known) return known;
  }
  return identityFromApi(session);
}

export async function resolveSyncTarget(ctx: Context, session: Session, mirrorFlag: string | undefined): Promise<SyncTarget> {
  const { origin, apiKey } = session.credentials;
  const fingerprint = keyFingerprint(origin, apiKey);
  let path: string;
  let identity: MirrorIdentity;
  if (mirrorFlag !== undefined) {
    path = resolve(mirrorFlag);
    if (!statSync(dirname(path), { throwIfNoEntry: false })?.isDirectory()) {
      throw new UsageError(`--mirror: directory '${dirname(path)}' does not exist`);
    }
    identity = await identityForFile(ctx, session, path, fingerprint);
  } else {
    const dataDir = dataDirFor(ctx.env);
    const record = await readKeyRecord(dataDir, fingerprint);
    if (record && record.origin === origin) {
      path = join(dataDir, record.mirror);
      identity = { origin, account: String(record.account), username: record.username };
    } else {
      identity = await identityFromApi(session);
      await ensurePrivateDir(dataDir);
      path = mirrorFileFor(dataDir, origin, identity.account);
      await writeKeyRecord(dataDir, fingerprint, {
        version: 1, origin, account: identity.account, username: identity.username, mirror: basename(path), recorded_at: ctx.now().toISOString(),
      });
    }
  }
  return {
    path,
    async claim(s) {
      const existing = await readIdentity(s.connection);
      if (existing && (existing.origin !== identity.origin || existing.account !== identity.account)) {
        throw new UsageError(
          `the mirror '${path}' belongs to account ${existing.account} on ${displayDomain(existing.origin)}, not to this key's account ${identity.account} on ${displayDomain(identity.origin)}`,
          'use a key of that account, or another --mirror file',
        );
      }
      if (!existing) await writeIdentity(s.duckdb, s.connection, identity, ctx.now());
      await recordKey(s.duckdb, s.connection, fingerprint, ctx.now());
    },
  };
}
