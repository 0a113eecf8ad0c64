// Where entries come from, as commands see it: entries for a window and filter, the account's key
// records, and the counts that keep truncation honest. Commands never know which source answered.
import type { Session } from '../api/types.js';
import type { ApiKeyRecord, Entry } from '../model/entry.js';
import type { Filters } from '../model/filter.js';
import type { KeyIndex } from '../model/actor-ref.js';
import type { GroupBy } from '../model/group.js';
import type { ActorDigest } from '../model/actor-summary.js';
import type { Zone } from '../time/zone.js';
import type { ParquetStage } from '../mirror/parquet-stage.js';

export interface SourceStats {
  /** Entries read from the source before client-side filtering. */
  scanned: number;
  /** Entries that passed every filter. */
  matched: number;
  /** The API's count for the server-side query (null offline or before the first page). */
  serverTotal: number | null;
}

export interface ReadProgress {
  fetched: number;
  total: number | null;
  requests: number;
}

export interface ReadOptions {
  /** The complete question: every entry yielded passes all of it. */
  filters: Filters;
  /** `any`: whatever order is cheapest (files are then streamed without sorting). */
  order: 'asc' | 'desc' | 'any';
  /** Page size for sources that page; a small limit asks for small pages. */
  perPage?: number;
  /** Parallel page requests (output stays in order). */
  concurrency?: number;
  onProgress?: (p: ReadProgress) => void;
}

export interface EntryRead {
  /** Matching entries, normalised (actor attached), in runs of at least one. */
  batches: AsyncGenerator<Entry[]>;
  stats: SourceStats;
}

/** undefined: this source has no key list (an export file); null: not allowed (no keys:manage). */
export type KeyList = ApiKeyRecord[] | null | undefined;

/** Group counts a source made itself, plus the matching entries it left for the caller to group. */
export interface GroupCounts {
  counts: Map<string | null, number>;
  rest: EntryRead;
}

export interface EntrySource {
  read(opts: ReadOptions): EntryRead;
  /**
   * Counts per group without handing over each entry, where the source can do so exactly (the
   * mirror's engine); null, or absent, means: read the entries and group them.
   */
  countGroups?(opts: { filters: Filters; by: GroupBy; zone: Zone }): Promise<GroupCounts | null>;
  /** actor's dossier made by the source itself, with the newest `keep` entries; null: read them all. */
  digestActor?(opts: { filters: Filters; zone: Zone; keep: number }): Promise<ActorDigest | null>;
  /**
   * Puts the entries it can decide exactly (and, with `from`, at or after that instant) straight into
   * a Parquet stage, and returns a reader for the rest of the same question; null, or absent: read
   * every entry and stage it.
   */
  stageParquet?(opts: { filters: Filters; from: Date | null; stage: ParquetStage }): Promise<{ readRest(opts: ReadOptions): EntryRead } | null>;
  /** The account's API keys, fetched at most once per source. */
  keys(): Promise<KeyList>;
  /**
   * Key label <-> id pairs this source knows, built at most once: from the key list (null without
   * keys:manage), or for a file from its entries that carry both (older-style entries carry only the id).
   */
  keyIndex(): Promise<KeyIndex | null>;
  /**
   * Set when the local mirror answers: its file, when it was last synced (for scope lines), and the
   * instant it holds every entry up to (the end of its last sync's window; null before a first one).
   */
  readonly mirror?: { path: string; lastSyncAt: Date | null; coveredUntil: Date | null };
  /** The API session behind the source (request counts, rate limit), or null. */
  readonly session: Session | null;
  close(): Promise<void>;
}
