// Entries from the local mirror: the filters narrowed in SQL (src/mirror/entry-query.ts), then the
// same client-side filter the API path uses decides, so both answer alike. The file is opened per
// page and closed at once: a running sync is never kept waiting for long.
import type { Context } from '../context.js';
import type { AuditEntry, Entry } from '../model/entry.js';
import { compileFilter, needsKeyIndex, type Filters } from '../model/filter.js';
import { buildKeyIndex } from '../model/key-index.js';
import type { KeyIndex } from '../model/actor-ref.js';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { withMirror } from '../mirror/mirror-file.js';
import type { DuckDB } from '../mirror/engine.js';
import { copyBulkRows, restCondition } from '../mirror/parquet-bulk.js';
import { buildWhere, readEntryPage, type Cursor, type Where } from '../mirror/entry-query.js';
import { countGroups } from '../mirror/group-count.js';
import { digestActor } from '../mirror/actor-digest.js';
import { readKeySnapshot } from '../mirror/key-snapshot.js';
import { readSyncState } from '../mirror/sync-state.js';
import { matchingBatches } from './matching.js';
import type { EntryRead, EntrySource, KeyList, ReadOptions, SourceStats } from './types.js';

type Narrow = ((duckdb: DuckDB, where: Where) => Where) | null;
/** Entries the columns cannot rebuild: what engine-side counts leave to JavaScript. */
const keptWhole: Narrow = (_duckdb, where) => ({ ...where, sql: `${where.sql} AND raw IS NOT NULL` });

/** First page as big as the caller's page (a listing that may stop early), later ones larger. */
const FIRST_PAGE = 100;
const MAX_PAGE = 100_000;

/** `narrow` picks part of what the filters match (the rows an engine-side answer left to JavaScript). */
async function* pagesOf(ctx: Context, path: string, filters: Filters, order: 'asc' | 'desc', first: number, narrow: Narrow): AsyncGenerator<AuditEntry[]> {
  let cursor: Cursor | null = null;
  let size = first;
  for (;;) {
    const page = await withMirror(path, 'read', ctx, (s) => {
      const where = buildWhere(s.duckdb, filters);
      const chosen: Where = narrow === null ? where : narrow(s.duckdb, where);
      return readEntryPage(s.connection, chosen, order, cursor, size);
    });
    if (page.entries.length > 0) yield page.entries;
    if (page.next === null) return;
    cursor = page.next;
    size = Math.min(size * 10, MAX_PAGE);
  }
}

export function createMirrorSource(ctx: Context, path: string, lastSyncAt: Date | null = null, coveredUntil: Date | null = null): EntrySource {
  let keyList: Promise<KeyList> | undefined;
  let index: Promise<KeyIndex | null> | undefined;
  const predicateFor = async (filters: Filters) => {
    const keys = needsKeyIndex(filters) ? await source.keyIndex() : null;
    return compileFilter(filters, keys ?? undefined);
  };
  async function* readMirror(opts: ReadOptions, stats: SourceStats, narrow: Narrow): AsyncGenerator<Entry[]> {
    const predicate = await predicateFor(opts.filters);
    // `any` is newest first, as on the API: a summary group's sample is then the same entry.
    const order = opts.order === 'asc' ? 'asc' : 'desc';
    // A caller that fetches ahead reads everything (reports, exports): then big pages from the start.
    const first = (opts.concurrency ?? 1) > 1 ? MAX_PAGE : Math.max(FIRST_PAGE, opts.perPage ?? FIRST_PAGE);
    yield* matchingBatches(pagesOf(ctx, path, opts.filters, order, first, narrow), predicate, stats);
  }
  const source: EntrySource = {
    session: null,
    mirror: { path, lastSyncAt, coveredUntil },
    keys: () =>
      (keyList ??= withMirror(path, 'read', ctx, async (s) => {
        const state = await readSyncState(s.connection);
        // No snapshot: the syncing key could not list keys, as the API would answer this key too.
        return state?.keysSnapshotAt ? readKeySnapshot(s.connection) : null;
      })),
    // From the key snapshot, as the API source builds it from the key list.
    keyIndex: () => (index ??= source.keys().then((keys) => (keys ? buildKeyIndex(keys) : null))),
    read(opts: ReadOptions): EntryRead {
      const stats: SourceStats = { scanned: 0, matched: 0, serverTotal: null };
      return { batches: readMirror(opts, stats, null), stats };
    },
    async countGroups({ filters, by, zone }) {
      const counts = await withMirror(path, 'read', ctx, (s) => countGroups(s.connection, buildWhere(s.duckdb, filters), by, zone));
      if (counts === null) return null;
      const stats: SourceStats = { scanned: [...counts.values()].reduce((a, b) => a + b, 0), matched: 0, serverTotal: null };
      stats.matched = stats.scanned;
      return { counts, rest: { batches: readMirror({ filters, order: 'desc' }, stats, keptWhole), stats } };
    },
    async stageParquet({ filters, from, stage }) {
      const file = join(stage.dir, 'bulk.parquet.tmp');
      try {
        const copied = await withMirror(path, 'read', ctx, async (s) => {
          const where = buildWhere(s.duckdb, filters);
          if (!where.exact) return false;
          await copyBulkRows(s.duckdb, s.connection, where, from, file);
          return true;
        });
        if (!copied) return null;
        await stage.importParquet(file);
      } finally {
        await rm(file, { force: true });
      }
      const rest: Narrow = (duckdb, where) => restCondition(duckdb, where, from);
      return {
        readRest(opts: ReadOptions): EntryRead {
          const stats: SourceStats = { scanned: 0, matched: 0, serverTotal: null };
          return { batches: readMirror(opts, stats, rest), stats };
        },
      };
    },
    digestActor: ({ filters, zone, keep }) => withMirror(path, 'read', ctx, (s) => digestActor(s.connection, buildWhere(s.duckdb, filters), zone, keep)),
    close: async () => undefined,
  };
  return source;
}
