// A local file that could not be written (full disk, quota, read-only, permissions) explained in one
// line: which file, that nothing was left under its name, and that the checkpoint still holds.
import { FibeAuditError } from '../errors.js';

const WHY: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file grew past the size this system allows',
  EIO: 'an I/O error on the device',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  // Creating a file where the directory takes none (/proc, a directory removed meanwhile).
  ENOENT: 'the directory takes no new files, or is gone',
};

const FREE_SPACE = new Set(['ENOSPC', 'EDQUOT', 'EFBIG']);

/** The typed error for a failed local write; null when err is not a file-system failure we know. */
export function explainWriteFailure(err: unknown, file: { path: string; checkpoint?: string | undefined }): FibeAuditError | null {
  if (err instanceof FibeAuditError) return null;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !(code in WHY)) return null;
  const kept = file.checkpoint !== undefined ? `; the checkpoint '${file.checkpoint}' is unchanged` : '';
  const next = file.checkpoint !== undefined ? ': the next run exports the same entries' : '';
  const fix = FREE_SPACE.has(code) ? 'free some space' : code === 'ENOENT' ? 'pick another --out' : 'fix the permissions or pick another --out';
  return new FibeAuditError(
    `cannot write '${file.path}': ${WHY[code]} (${code}); nothing was written under that name${kept}`,
    `${fix} and run again${next}`,
  );
}
