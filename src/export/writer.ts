// Atomic files: data goes to `.<name>.<random>.partial` (0600) beside the target, is fsynced, then
// moved into place, so the final name only ever holds a complete file. Also hashes what it writes.
import { createHash, randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { link, lstat, open, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { UsageError } from '../errors.js';

export interface FileDigest {
  sha256: string;
  bytes: number;
}

/** Where a committed file ended up: its name, or the next numbered one (see numberIfTaken). */
export interface PlacedFile extends FileDigest {
  path: string;
}

export interface AtomicOptions {
  /** Replace an existing file. */
  force: boolean;
  /** Flag named in refusals (`--out`). */
  flag: string;
  /**
   * Never replace, never refuse: an existing name gets the next free `name.1.ext`, `name.2.ext`.
   * For checkpointed exports, where the existing file holds entries no later run exports again.
   */
  numberIfTaken?: boolean;
}

export interface AtomicFile {
  readonly path: string;
  readonly tempPath: string;
  /** Bytes in (strings are UTF-8); hashed on the way to disk. */
  readonly stream: Writable;
  /** Flushes, fsyncs, puts the file in place (an existing one only with force), fsyncs the directory. */
  commit(): Promise<PlacedFile>;
  /** Closes and removes the temporary file; harmless after commit or when called twice. */
  discard(): Promise<void>;
}

const codeOf = (err: unknown) => (err as { code?: string } | null)?.code;

/**
 * Refuses early (exit 2) what the commit would refuse: a missing directory, a directory, an existing
 * file; `stdoutHint` names the way to write to a device or pipe instead (none: the flag takes no `-`).
 */
export async function assertTargetFree(path: string, force: boolean, flag: string, stdoutHint?: string): Promise<void> {
  const dir = dirname(path);
  const dirStat = await stat(dir).catch(() => null);
  if (dirStat === null) throw new UsageError(`${flag}: directory '${dir}' does not exist`);
  if (!dirStat.isDirectory()) throw new UsageError(`${flag}: '${dir}' is not a directory`);
  const target = await lstat(path).catch((err: unknown) => {
    if (codeOf(err) === 'ENOENT') return null;
    throw err;
  });
  if (target === null) return;
  if (target.isDirectory()) throw new UsageError(`${flag}: '${path}' is a directory`);
  // The file is written beside it and renamed over it: --force would replace a device or a pipe
  // (even /dev/null), or a link to one (/dev/stdout), with a regular file.
  const pointed = target.isSymbolicLink() ? await stat(path).catch(() => null) : target;
  const special = (pointed !== null && !pointed.isFile()) || resolve(path).startsWith('/dev/');
  if (special) throw new UsageError(`${flag}: '${path}' is not a regular file (a device, pipe or socket)`, stdoutHint);
  if (!force) throw new UsageError(`${flag}: '${path}' already exists`, 'add --force to replace it');
}

/**
 * Makes the rename itself durable. Never fails: by now the file is in place, and some platforms
 * and filesystems cannot fsync a directory at all.
 */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, fsConstants.O_RDONLY);
    await handle.sync();
  } catch {
    // best effort, see above
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** `audit-2026-12-04.csv` -> `audit-2026-12-04.1.csv`; a name without extension gets `.1` at the end. */
export function numberedPath(path: string, n: number): string {
  const dir = dirname(path);
  const name = basename(path);
  const dot = name.lastIndexOf('.');
  const numbered = dot > 0 ? `${name.slice(0, dot)}.${n}${name.slice(dot)}` : `${name}.${n}`;
  return join(dir, numbered);
}

const MAX_NUMBER = 999;

/** Places temp under target or, when taken, the first free numbered name; returns the name used. */
async function placeNumbered(temp: string, target: string, flag: string): Promise<string> {
  for (let n = 0; n <= MAX_NUMBER; n++) {
    const candidate = n === 0 ? target : numberedPath(target, n);
    try {
      await placeFile(temp, candidate, false, flag);
      return candidate;
    } catch (err) {
      if (!(err instanceof UsageError) || !/already exists/.test(err.message)) throw err;
    }
  }
  throw new UsageError(`${flag}: '${target}' and its numbered names up to .${MAX_NUMBER} all exist`, 'use {datetime} in --out for one file per run');
}

/**
 * Without force, link() + unlink() refuses an existing target atomically (EEXIST), even one created
 * while the export ran. Filesystems without hard links get a check-then-rename instead.
 */
export async function placeFile(temp: string, target: string, force: boolean, flag: string): Promise<void> {
  if (force) return rename(temp, target);
  try {
    await link(temp, target);
  } catch (err) {
    const code = codeOf(err);
    if (code === 'EEXIST') throw new UsageError(`${flag}: '${target}' already exists`, 'add --force to replace it');
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EMLINK'].includes(code ?? '')) throw err;
    await assertTargetFree(target, false, flag);
    return rename(temp, target);
  }
  await unlink(temp);
}

// Collects small chunks (one per entry) and writes them in blocks of about 1 MiB: a write call per
// entry would spend more time in syscalls than in formatting. Memory stays bounded by the block.
const BLOCK_BYTES = 1024 * 1024;

class HashingFileSink extends Writable {
  readonly hash = createHash('sha256');
  bytes = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private inflight: Promise<void> = Promise.resolve();

  constructor(private readonly handle: FileHandle) {
    super({ highWaterMark: 256 * 1024 });
  }

  private async writeAll(data: Buffer): Promise<void> {
    this.hash.update(data);
    this.bytes += data.length;
    let offset = 0;
    while (offset < data.length) {
      const { bytesWritten } = await this.handle.write(data, offset, data.length - offset);
      offset += bytesWritten;
    }
  }

  private collect(chunk: Buffer, callback: (err?: Error | null) => void, force = false): void {
    if (chunk.length > 0) {
      this.pending.push(chunk);
      this.pendingBytes += chunk.length;
    }
    if (!force && this.pendingBytes < BLOCK_BYTES) return callback();
    const data = this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.inflight = this.writeAll(data).then(() => callback(), (err: Error) => callback(err));
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, callback: (err?: Error | null) => void): void {
    this.collect(chunk, callback);
  }

  override _writev(chunks: Array<{ chunk: Buffer }>, callback: (err?: Error | null) => void): void {
    for (const c of chunks) {
      this.pending.push(c.chunk);
      this.pendingBytes += c.chunk.length;
    }
    this.collect(Buffer.alloc(0), callback);
  }

  override _final(callback: (err?: Error | null) => void): void {
    this.collect(Buffer.alloc(0), callback, true);
  }

  /** Resolves once no write is running, so the handle can be closed safely. */
  settled(): Promise<void> {
    return this.inflight.catch(() => undefined);
  }
}

export async function openAtomicFile(path: string, opts: AtomicOptions): Promise<AtomicFile> {
  const tempPath = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.partial`);
  const handle = await open(tempPath, 'wx', 0o600);
  const sink = new HashingFileSink(handle);
  let closed = false;
  let placed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await sink.settled();
    await handle.close().catch(() => undefined);
  };
  return {
    path,
    tempPath,
    stream: sink,
    async commit() {
      if (!sink.writableEnded) sink.end();
      await finished(sink);
      await handle.sync();
      await close();
      let finalPath = path;
      if (opts.numberIfTaken) finalPath = await placeNumbered(tempPath, path, opts.flag);
      else await placeFile(tempPath, path, opts.force, opts.flag);
      placed = true;
      await syncDirectory(dirname(path));
      return { sha256: sink.hash.digest('hex'), bytes: sink.bytes, path: finalPath };
    },
    async discard() {
      if (!sink.destroyed) sink.destroy();
      await close();
      if (placed) return;
      await unlink(tempPath).catch((err: unknown) => {
        if (codeOf(err) !== 'ENOENT') throw err;
      });
    },
  };
}

/** A small file (checkpoint, manifest) written whole and atomically; replaces an existing one only with force. */
export async function writeFileAtomic(path: string, text: string, opts: AtomicOptions): Promise<PlacedFile> {
  const file = await openAtomicFile(path, opts);
  try {
    file.stream.end(text);
    return await file.commit();
  } finally {
    await file.discard();
  }
}
