// Incremental exports for cron: the checkpoint file, the filter check, what a resumed run skips,
// and the next checkpoint. It is written only after the export file is in place.
import { readFile } from 'node:fs/promises';
import { FibeAuditError, InputError, UsageError } from '../errors.js';
import type { Entry } from '../model/entry.js';
import { compareInstants, floorToMillis, parseInstant, type Instant } from '../model/instant.js';
import { describeDifferences, type FilterDescription } from './fingerprint.js';
import type { EntryId, ExportTally } from './tally.js';
import { writeFileAtomic } from './writer.js';

export interface Checkpoint {
  version: 1;
  fingerprint: string;
  /** The filters in readable form, so a refusal can name what changed. */
  filters: FilterDescription;
  /** The newest exported entry's created_at, exactly as the API sent it. */
  last_created_at: string;
  /** Ids exported at exactly that instant (entries can share a timestamp). */
  ids_at_last: EntryId[];
  exported_total: number;
  updated_at: string;
  /**
   * What the overlap re-read has already handled (overlap-mark.ts), written by export and query
   * --follow; absent in checkpoints from before it (then a run resumes at last_created_at).
   */
  overlap?: OverlapMark;
}

/** Every entry stamped at or after `seen_since` that a run handled is in `seen_ids`. */
export interface OverlapMark {
  seen_since: string;
  seen_ids: EntryId[];
}

const isId = (v: unknown) => (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'string';

function corrupt(path: string, why: string): never {
  throw new InputError(
    `--checkpoint: '${path}' is not a usable fibe-audit checkpoint (${why})`,
    'fix or remove the file, or add --reset-checkpoint to start over',
  );
}

/** The checkpoint at path; null when there is none yet (first run). */
export async function readCheckpoint(path: string): Promise<Checkpoint | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ENOENT') return null;
    corrupt(path, `cannot read it: ${code ?? (err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    corrupt(path, 'not valid JSON');
  }
  const c = data as (Partial<Checkpoint> & { follow?: unknown }) | null;
  if (c === null || typeof c !== 'object' || Array.isArray(c)) corrupt(path, 'not a JSON object');
  if (c.version !== 1) corrupt(path, `unsupported version ${JSON.stringify(c.version ?? null)}`);
  if (typeof c.fingerprint !== 'string') corrupt(path, 'no fingerprint');
  if (c.filters === null || typeof c.filters !== 'object') corrupt(path, 'no filters');
  if (parseInstant(c.last_created_at) === null) corrupt(path, 'last_created_at is not an RFC 3339 time');
  if (!Array.isArray(c.ids_at_last) || !c.ids_at_last.every(isId)) corrupt(path, 'ids_at_last is not a list of ids');
  if (!Number.isSafeInteger(c.exported_total) || (c.exported_total as number) < 0) corrupt(path, 'bad exported_total');
  // query --follow wrote the same mark as `follow` before export kept one too.
  const field = c.overlap !== undefined ? 'overlap' : 'follow';
  const mark = c[field];
  delete c.follow;
  if (mark !== undefined) {
    const f = mark as Partial<OverlapMark> | null;
    if (f === null || typeof f !== 'object' || parseInstant(f.seen_since) === null) corrupt(path, `${field}.seen_since is not an RFC 3339 time`);
    if (!Array.isArray(f.seen_ids) || !f.seen_ids.every(isId)) corrupt(path, `${field}.seen_ids is not a list of ids`);
    c.overlap = f as OverlapMark;
  }
  return c as Checkpoint;
}

/**
 * --reset-checkpoint replaces the file at the end of the run: only when it is (or was meant to be) a
 * checkpoint. A mistyped path (`--checkpoint audit.csv`) must not turn an export into a checkpoint.
 * Accepted: no file, an empty file, or a JSON-ish object naming a version (a checkpoint of any
 * version, or one cut short).
 */
export async function assertResettable(path: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return;
    corrupt(path, `cannot read it: ${(err as { code?: string }).code ?? (err as Error).message}`);
  }
  const body = text.trim();
  if (body === '' || (body.startsWith('{') && /"(version|fingerprint)"\s*:/.test(body))) return;
  throw new UsageError(
    `--reset-checkpoint: '${path}' is not a fibe-audit checkpoint; refusing to overwrite it`,
    'check the --checkpoint path; if the file is really unwanted, remove it yourself',
  );
}

/** Exit 2 naming each flag that differs from the checkpoint's filters. */
export function assertSameFilters(checkpoint: Checkpoint, fingerprint: string, filters: FilterDescription, path: string): void {
  if (checkpoint.fingerprint === fingerprint) return;
  const diff = describeDifferences(checkpoint.filters, filters);
  const detail = diff.length > 0 ? diff.join('; ') : 'the filter fingerprint differs';
  throw new UsageError(
    `--checkpoint: '${path}' was made with other filters: ${detail}`,
    'run with the same filters, use another checkpoint file, or add --reset-checkpoint to start over',
  );
}

/** Where a checkpoint without an overlap mark resumes: its instant floored to the millisecond (inclusive). */
export function resumeStart(checkpoint: Checkpoint): Date {
  return new Date(floorToMillis(parseInstant(checkpoint.last_created_at) as Instant));
}

/** True for entries the checkpoint has not seen: after its instant, or at it with an id not yet exported (stateful: one walk). */
export function createResumeTest(checkpoint: Checkpoint): (entry: Entry) => boolean {
  const last = parseInstant(checkpoint.last_created_at) as Instant;
  const lastMs = floorToMillis(last);
  const seen = new Set(checkpoint.ids_at_last.map(String));
  // The walk is ascending and never goes back to an earlier millisecond, so once one entry is in a
  // later millisecond than the checkpoint, every later entry is new too.
  let beyond = false;
  return (entry) => {
    if (beyond) return true;
    const instant = parseInstant(entry.created_at);
    if (instant === null) return true;
    if (floorToMillis(instant) > lastMs) {
      beyond = true;
      return true;
    }
    const cmp = compareInstants(instant, last);
    return cmp > 0 || (cmp === 0 && !seen.has(String(entry.id)));
  };
}

/** The checkpoint after a successful run; ids at an unchanged instant accumulate across runs. */
export function nextCheckpoint(
  previous: Checkpoint | null,
  tally: ExportTally,
  meta: { fingerprint: string; filters: FilterDescription; now: Date },
): Checkpoint | null {
  let lastCreatedAt = previous?.last_created_at ?? null;
  let ids: EntryId[] = previous?.ids_at_last ?? [];
  if (tally.newestInstant !== null && tally.newestCreatedAt !== null) {
    const before = previous ? parseInstant(previous.last_created_at) : null;
    const cmp = before === null ? 1 : compareInstants(tally.newestInstant, before);
    if (cmp > 0) {
      lastCreatedAt = tally.newestCreatedAt;
      ids = [...tally.idsAtNewest];
    } else if (cmp === 0) {
      ids = [...new Set([...ids, ...tally.idsAtNewest])];
    }
  }
  if (lastCreatedAt === null) return null;
  return {
    version: 1,
    fingerprint: meta.fingerprint,
    filters: meta.filters,
    last_created_at: lastCreatedAt,
    ids_at_last: ids,
    exported_total: (previous?.exported_total ?? 0) + tally.count,
    updated_at: meta.now.toISOString(),
  };
}

/** Atomic; on failure the old checkpoint is still in place (the caller then takes its export back). */
export async function writeCheckpoint(path: string, checkpoint: Checkpoint): Promise<void> {
  try {
    await writeFileAtomic(path, `${JSON.stringify(checkpoint, null, 2)}\n`, { force: true, flag: '--checkpoint' });
  } catch (err) {
    const why = (err as { code?: string }).code ?? (err as Error).message;
    throw new FibeAuditError(
      `--checkpoint: cannot write '${path}' (${why}); it still holds the previous run`,
      'this run\'s file was removed again; once fixed, the next run exports the same entries',
    );
  }
}
