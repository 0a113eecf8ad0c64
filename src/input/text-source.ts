// Reads a local file as UTF-8 text chunks, gunzipping `.gz` names, in constant memory; file-system and
// gzip failures become one-line InputErrors (exit 2) naming the file.
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import { InputError } from '../errors.js';

const FS_REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory, not a file',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many symbolic links',
};

/** Maps the errors a file read or gunzip can raise; anything else (an abort) passes through unchanged. */
function inputErrorFor(name: string, gzip: boolean, err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return err;
  const reason = FS_REASONS[code];
  if (reason) return new InputError(`${name}: ${reason}`);
  if (gzip && code.startsWith('Z_')) {
    const detail = err instanceof Error ? err.message : code;
    return new InputError(`${name}: truncated or corrupt gzip data (${detail})`, 'the file may be cut off: export it again');
  }
  if (code.startsWith('E')) return new InputError(`${name}: cannot read the file (${code})`);
  return err;
}

export function isGzipName(path: string): boolean {
  return /\.gz$/i.test(path);
}

/**
 * Decoded text, chunk by chunk (a leading BOM is dropped, invalid UTF-8 becomes U+FFFD). Stopping early
 * (break, return) closes the file; `signal` is checked between chunks.
 */
export async function* readTextChunks(path: string, signal?: AbortSignal): AsyncGenerator<string> {
  const gzip = isGzipName(path);
  let stream: Readable = createReadStream(path);
  if (gzip) {
    const { createGunzip } = await import('node:zlib');
    // pipeline destroys the file stream when the gunzip side ends early or fails.
    stream = pipeline(stream, createGunzip(), () => {});
  }
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      signal?.throwIfAborted();
      const text = decoder.decode(chunk, { stream: true });
      if (text !== '') yield text;
    }
  } catch (err) {
    throw inputErrorFor(path, gzip, err);
  } finally {
    stream.destroy();
  }
  const tail = decoder.decode();
  if (tail !== '') yield tail;
}
