// The record inside a lock file (who holds it, since when) and the judgement whether that holder is
// gone: only a process on this host can be checked, so only a dead pid on this host is stale.
import { hostname } from 'node:os';

export interface LockHolder {
  pid: number;
  hostname: string;
  /** ISO 8601 instant the lock was taken. */
  started_at: string;
  /** What the holder is doing ("export", "sync"), for the message a waiter sees. */
  purpose?: string;
  /** Random per acquisition: release removes the file only if it still holds this token. */
  token: string;
}

export function describeHolder(holder: LockHolder | null): string {
  if (holder === null) return 'another process';
  const what = holder.purpose ? `${holder.purpose}, ` : '';
  const host = holder.hostname === hostname() ? '' : ` on ${holder.hostname}`;
  return `pid ${holder.pid}${host} (${what}since ${holder.started_at})`;
}

export function encodeHolder(holder: LockHolder): string {
  return `${JSON.stringify(holder)}\n`;
}

/** null for a file that is empty or half-written (the holder may be between create and write). */
export function parseHolder(text: string): LockHolder | null {
  try {
    const data = JSON.parse(text) as Partial<LockHolder> | null;
    if (data === null || typeof data !== 'object') return null;
    if (!Number.isSafeInteger(data.pid) || typeof data.hostname !== 'string' || typeof data.token !== 'string') return null;
    return {
      pid: data.pid as number,
      hostname: data.hostname,
      started_at: typeof data.started_at === 'string' ? data.started_at : 'an unknown time',
      ...(typeof data.purpose === 'string' ? { purpose: data.purpose } : {}),
      token: data.token,
    };
  } catch {
    return null;
  }
}

/** Signal 0 checks existence without touching the process; EPERM means it exists under another user. */
export function isProcessAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM';
  }
}

/** A holder on another host cannot be checked: it is presumed alive (the waiter times out instead). */
export function isStale(holder: LockHolder, isAlive: (pid: number) => boolean = isProcessAlive): boolean {
  return holder.hostname === hostname() && !isAlive(holder.pid);
}
