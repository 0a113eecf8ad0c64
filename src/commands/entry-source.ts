// Where matching entries come from for query, actor and summary: the API (server-narrowed, then
// re-checked client-side) or a local export (--file), with counts of what was scanned, so no
// truncation is ever silent.
import type { Context, GlobalOptions } from '../context.js';
import type { Session } from '../api/types.js';
import type { ApiKeyRecord, AuditEntry, Entry } from '../model/entry.js';
import { buildServerFilterParams, compileFilter, needsKeyIndex, type Filters } from '../model/filter.js';
import type { KeyIndex } from '../model/actor-ref.js';
import { attachActor } from '../model/actor.js';
import { buildKeyIndex } from '../model/key-index.js';
import { parseTimestamp } from '../time/parse.js';
import { walkEntries } from '../api/audit.js';
import { listApiKeys } from '../api/keys.js';

export interface SourceStats {
  /** Entries read from the API or file before client-side filtering. */
  scanned: number;
  /** Entries that passed every filter. */
  matched: number;
  /** The API's count for the server-side query (null offline or before the first page). */
  serverTotal: number | null;
}

export interface EntrySource {
  entries: AsyncGenerator<Entry>;
  stats: SourceStats;
  /** The API session, or null when reading a file. */
  session: Session | null;
  close(): Promise<void>;
}

export interface SourceOptions {
  filters: Filters;
  /** `any`: whatever order is cheapest (files are then streamed without sorting). */
  order: 'asc' | 'desc' | 'any';
  /** Server page size; small limits ask for small pages. */
  perPage?: number;
  concurrency?: number;
  /** Keys from /api/api_keys when the caller already has them (undefined: fetched when a label ref needs them). */
  keys?: readonly ApiKeyRecord[] | null;
  /** An open session to reuse (the caller closes it); else one is opened and closed with the source. */
  session?: Session;
  /** Read this local export instead of the API. */
  file?: string;
}

/** Normalises, filters and counts; the predicate is the complete client-side check. */
async function* matching(raw: AsyncGenerator<AuditEntry>, predicate: (e: Entry) => boolean, stats: SourceStats): AsyncGenerator<Entry> {
  try {
    for await (const entry of raw) {
      stats.scanned += 1;
      // Walk pages and file readers hand over fresh objects nobody else holds: no copy needed.
      const e = attachActor(entry);
      if (!predicate(e)) continue;
      stats.matched += 1;
      yield e;
    }
  } finally {
    await raw.return(undefined);
  }
}

function compareEntries(a: Entry, b: Entry): number {
  return parseTimestamp(a.created_at) - parseTimestamp(b.created_at) || a.id - b.id;
}

/** A file's entries are in whatever order it was written: matches are sorted when an order is asked for. */
async function* sorted(source: AsyncGenerator<Entry>, order: 'asc' | 'desc'): AsyncGenerator<Entry> {
  const all: Entry[] = [];
  for await (const e of source) all.push(e);
  all.sort(order === 'asc' ? compareEntries : (a, b) => compareEntries(b, a));
  yield* all;
}

async function openFileSource(ctx: Context, file: string, opts: SourceOptions): Promise<EntrySource> {
  const { readExportFile } = await import('../input/read-export.js');
  const keyIndex: KeyIndex | undefined = opts.keys ? buildKeyIndex(opts.keys) : undefined;
  const stats: SourceStats = { scanned: 0, matched: 0, serverTotal: null };
  const entries = matching(readExportFile(file, { signal: ctx.signal }), compileFilter(opts.filters, keyIndex), stats);
  return {
    entries: opts.order === 'any' ? entries : sorted(entries, opts.order),
    stats,
    session: null,
    close: async () => {
      await entries.return(undefined);
    },
  };
}

async function openApiSource(ctx: Context, globals: GlobalOptions, opts: SourceOptions): Promise<EntrySource> {
  const owned = opts.session === undefined;
  const session = opts.session ?? (await ctx.createApi(globals));
  let keys = opts.keys;
  if (keys === undefined && needsKeyIndex(opts.filters)) keys = await listApiKeys(session.http);
  const keyIndex: KeyIndex | undefined = keys ? buildKeyIndex(keys) : undefined;
  const stats: SourceStats = { scanned: 0, matched: 0, serverTotal: null };
  const { window } = opts.filters;
  const raw = walkEntries(session.http, buildServerFilterParams(opts.filters), {
    start: window.start,
    end: window.end,
    order: opts.order === 'asc' ? 'asc' : 'desc',
    perPage: opts.perPage ?? 100,
    concurrency: opts.concurrency ?? 1,
    signal: ctx.signal,
    onProgress: (p) => {
      if (stats.serverTotal === null) stats.serverTotal = p.total;
    },
  });
  return {
    entries: matching(raw, compileFilter(opts.filters, keyIndex), stats),
    stats,
    session,
    close: async () => {
      if (owned) await session.http.close();
    },
  };
}

export function openEntrySource(ctx: Context, globals: GlobalOptions, opts: SourceOptions): Promise<EntrySource> {
  return opts.file !== undefined ? openFileSource(ctx, opts.file, opts) : openApiSource(ctx, globals, opts);
}
