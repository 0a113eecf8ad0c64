// A checkpointed lake run places several files, then moves the checkpoint; a crash in between would
// leave entries in placed files that the next run exports again. So once every file is written under
// its temporary name, the run records what it is about to place and the checkpoint that follows
// (`<checkpoint>.pending`); the next run, holding the same lock, finishes a recorded run first.
import { existsSync } from 'node:fs';
import { readFile, unlink } from 'node:fs/promises';
import type { Checkpoint } from './checkpoint.js';
import { writeCheckpoint } from './checkpoint.js';
import { placeFile, writeFileAtomic } from './writer.js';

export interface PendingRun {
  files: Array<{ temp: string; path: string }>;
  checkpoint: Checkpoint;
}

export const pendingPathFor = (checkpoint: string) => `${checkpoint}.pending`;

export async function recordPendingRun(checkpointPath: string, run: PendingRun): Promise<void> {
  await writeFileAtomic(pendingPathFor(checkpointPath), `${JSON.stringify(run, null, 2)}\n`, { force: true, flag: '--checkpoint' });
}

export async function clearPendingRun(checkpointPath: string): Promise<void> {
  await unlink(pendingPathFor(checkpointPath)).catch(() => undefined);
}

/**
 * Completes a run that was recorded but not finished: places the files still under their temporary
 * names (a file already placed stays; its leftover temporary is removed), then writes its checkpoint.
 * Returns how many files it placed, or null when nothing was pending.
 */
export async function finishPendingRun(checkpointPath: string): Promise<number | null> {
  const pendingPath = pendingPathFor(checkpointPath);
  let text: string;
  try {
    text = await readFile(pendingPath, 'utf8');
  } catch {
    return null;
  }
  const run = JSON.parse(text) as PendingRun;
  let placed = 0;
  for (const f of run.files) {
    if (!existsSync(f.temp)) continue;
    if (existsSync(f.path)) {
      await unlink(f.temp);
      continue;
    }
    await placeFile(f.temp, f.path, false, '--out');
    placed += 1;
  }
  await writeCheckpoint(checkpointPath, run.checkpoint);
  await unlink(pendingPath);
  return placed;
}
