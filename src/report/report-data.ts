// The document `report` embeds in its HTML and the page reads: scope and integrity, the aggregates
// (computed by the CLI's own model code, so they equal `summary`), and the entries (entry-codec.ts).
import type { EncodedEntries } from './entry-codec.js';

export interface ReportScope {
  generatedAt: string;
  toolVersion: string;
  /** IANA zone (or UTC) the chart's hours and days and the table's times are in. */
  zone: string;
  /** ISO instants; start null when the window is open (a whole --file). */
  window: { start: string | null; end: string };
  /** The filters as flags, e.g. ['--action', 'trick.*']; empty when none. */
  filters: Array<[flag: string, value: string]>;
  source: { kind: 'api' | 'file' | 'mirror'; name: string; freshness: string };
  entryCount: number;
  /** SHA-256 (hex) of the entries exactly as `export --format ndjson` writes them for this scope. */
  sha256: string;
  /** A command line that reproduces the hash. */
  verify: string;
}

export interface TimelineData {
  unit: 'hour' | 'day';
  /** Bucket keys in time order (`2026-11-25` or `2026-11-25 14:00`), empty buckets included. */
  buckets: string[];
  /** Entries per bucket for each actor kind that occurs. */
  kinds: Array<{ kind: string; counts: number[] }>;
  /** Destructive or security-sensitive entries per bucket (model/action-risk.ts). */
  calledOut: number[];
}

export interface CountRow {
  /** As `summary -o json` keys the group (`key:15`, `trick.destroyed`); null for no value. */
  key: string | null;
  /** Human text (`key "GitHub Actions CI" (#15)`). */
  label: string;
  count: number;
}

export interface CountTable {
  rows: CountRow[];
  /** Groups beyond the rows, and their entries (as summary's --top cut). */
  cutGroups: number;
  cutEntries: number;
}

export interface CalledOutRow {
  action: string;
  risk: 'destructive' | 'security';
  count: number;
}

export interface DossierData {
  actor: { kind: string; id: number | string | null; label: string | null };
  /** The key record from /api/api_keys, when there is one. */
  key: Record<string, unknown> | null;
  /** `actor -o json`'s summary object, field for field. */
  summary: Record<string, unknown>;
  calledOut: CalledOutRow[];
  notes: string[];
}

export interface ReportData {
  scope: ReportScope;
  timeline: TimelineData;
  topActors: CountTable;
  topActions: CountTable;
  calledOut: CalledOutRow[];
  dossier: DossierData | null;
  entries: EncodedEntries;
}
