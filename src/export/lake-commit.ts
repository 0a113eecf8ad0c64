// The end of a lake run: its files (and manifest) go under their final names and the checkpoint moves,
// as one step a crash cannot split. With a checkpoint the step is journaled first (lake-journal.ts).
import type { Checkpoint } from './checkpoint.js';
import { writeCheckpoint } from './checkpoint.js';
import { discardLakeFiles, placeLakeFiles } from './lake-files.js';
import { clearPendingRun, recordPendingRun } from './lake-journal.js';

export interface LakeCommit {
  files: Array<{ temp: string; path: string }>;
  checkpoint?: string;
  /** The checkpoint after this run (null: it does not move). */
  next: Checkpoint | null;
}

export async function commitLake(c: LakeCommit): Promise<void> {
  if (c.checkpoint === undefined || c.next === null) {
    try {
      await placeLakeFiles(c.files);
    } catch (err) {
      await discardLakeFiles(c.files);
      throw err;
    }
    return;
  }
  // From here a crash is finished by the next run: the journal names every file and the checkpoint.
  await recordPendingRun(c.checkpoint, { files: c.files, checkpoint: c.next });
  await placeLakeFiles(c.files);
  await writeCheckpoint(c.checkpoint, c.next);
  await clearPendingRun(c.checkpoint);
}
