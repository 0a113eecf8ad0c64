// A private scratch directory (0700) for a Parquet export's engine: its pipe, its spill files and the
// file it writes before the export copies it out. Beside the output, so the space it takes is where
// the user writes and TMPDIR plays no part; in TMPDIR only for --out -. Removed when the export ends,
// and on the way out of the process too (a reader that closes stdout ends it before any finally runs).
import { rmSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FibeAuditError } from '../errors.js';
import { sanitizeLine } from '../text/sanitize.js';

export interface Scratch {
  dir: string;
  remove(): Promise<void>;
}

const PREFIX = '.fibe-audit-';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Removes what runs killed outright (kill -9, a power cut) left in `dir`: scratch directories whose
 * process is gone. Best effort; a directory of a live process (or an unknown one) is left alone.
 */
async function sweepStale(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(/^\.fibe-audit-(\d+)-/.exec(name)?.[1]);
    if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid)) await rm(join(dir, name), { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * `near`: the directory the output goes to (a hidden directory is made there, after sweeping the
 * ones dead runs left), or null for TMPDIR.
 */
export async function openScratch(near: string | null): Promise<Scratch> {
  let dir: string;
  try {
    if (near !== null) await sweepStale(near);
    dir = await mkdtemp(join(near ?? tmpdir(), `${near === null ? 'fibe-audit-' : PREFIX}${process.pid}-`));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    if (near !== null) throw err;
    throw new FibeAuditError(
      `cannot make a temporary directory in '${sanitizeLine(tmpdir())}' (TMPDIR): ${code}`,
      'a Parquet export to stdout needs one: set TMPDIR to a writable directory, or export to a file with --out',
    );
  }
  const removeNow = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', removeNow);
  return {
    dir,
    async remove() {
      process.removeListener('exit', removeNow);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
