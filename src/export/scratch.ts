// A private scratch directory (0700) for a Parquet export's engine: its pipe, its spill files and the
// file it writes before the export copies it out. Beside the output, so the space it takes is where
// the user writes and TMPDIR plays no part; in TMPDIR only for --out -. Removed when the export ends,
// and on the way out of the process too (a reader that closes stdout ends it before any finally runs).
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FibeAuditError } from '../errors.js';
import { sanitizeLine } from '../text/sanitize.js';

export interface Scratch {
  dir: string;
  remove(): Promise<void>;
}

/** `near`: the directory the output goes to (a hidden directory is made there), or null for TMPDIR. */
export async function openScratch(near: string | null): Promise<Scratch> {
  let dir: string;
  try {
    dir = await mkdtemp(near === null ? join(tmpdir(), 'fibe-audit-') : join(near, '.fibe-audit-'));
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
