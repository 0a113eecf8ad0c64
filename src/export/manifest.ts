// `<out>.manifest.json`: what an export holds and how it was made, for whoever audits the audit trail.
import { basename } from 'node:path';
import { VERSION } from '../version.js';
import type { Window } from '../time/parse.js';
import type { FilterDescription } from './fingerprint.js';
import type { ExportFormat } from './path-template.js';
import { markOf, type EntryMark, type ExportTally } from './tally.js';
import { writeFileAtomic, type FileDigest } from './writer.js';

export interface Manifest {
  tool: 'fibe-audit';
  version: string;
  file: string;
  format: ExportFormat;
  filters: FilterDescription;
  /** The window asked of the API (UTC); start null = from the oldest entry. */
  window: { start: string | null; end: string };
  /** The checkpoint this run continued from, when incremental. */
  resumed_after: { last_created_at: string; ids_at_last: number } | null;
  count: number;
  bytes: number;
  sha256: string;
  first: EntryMark | null;
  last: EntryMark | null;
  started_at: string;
  finished_at: string;
  requests: number;
  /** True when the walk covered the whole window. */
  complete: boolean;
}

export function manifestPathFor(outPath: string): string {
  return `${outPath}.manifest.json`;
}

export interface ManifestInput {
  outPath: string;
  format: ExportFormat;
  filters: FilterDescription;
  window: Window;
  resumedAfter: { last_created_at: string; ids_at_last: unknown[] } | null;
  tally: ExportTally;
  digest: FileDigest;
  startedAt: Date;
  finishedAt: Date;
  requests: number;
  complete: boolean;
}

export type RunFacts = Omit<ManifestInput, 'outPath' | 'format' | 'digest'>;

/** What every manifest says of what was asked: the filters, the window, where it resumed, the count. */
export function askedFacts(m: RunFacts) {
  return {
    filters: m.filters,
    window: { start: m.window.start?.toISOString() ?? null, end: m.window.end.toISOString() },
    resumed_after: m.resumedAfter
      ? { last_created_at: m.resumedAfter.last_created_at, ids_at_last: m.resumedAfter.ids_at_last.length }
      : null,
    count: m.tally.count,
  };
}

/** What every manifest says of how the run went: first and last entries, times, requests, completeness. */
export function outcomeFacts(m: RunFacts) {
  return {
    first: markOf(m.tally.firstEntry),
    last: markOf(m.tally.lastEntry),
    started_at: m.startedAt.toISOString(),
    finished_at: m.finishedAt.toISOString(),
    requests: m.requests,
    complete: m.complete,
  };
}

export function buildManifest(m: ManifestInput): Manifest {
  return {
    tool: 'fibe-audit',
    version: VERSION,
    file: basename(m.outPath),
    format: m.format,
    ...askedFacts(m),
    bytes: m.digest.bytes,
    sha256: m.digest.sha256,
    ...outcomeFacts(m),
  };
}

export async function writeManifest(outPath: string, manifest: Manifest, force: boolean): Promise<void> {
  await writeFileAtomic(manifestPathFor(outPath), `${JSON.stringify(manifest, null, 2)}\n`, { force, flag: '--manifest' });
}
