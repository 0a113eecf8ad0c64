// Entries from the Fibe API: the filter pushed down as far as it narrows safely, the window walked
// in order, and every entry re-checked client-side where the server could not decide alone.
import type { Context } from '../context.js';
import type { Session } from '../api/types.js';
import { walkBatches } from '../api/audit.js';
import { buildServerFilterParams } from '../api/filter-query.js';
import { listApiKeys } from '../api/keys.js';
import type { Entry } from '../model/entry.js';
import { compileFilter, needsClientCheck, needsKeyIndex } from '../model/filter.js';
import { buildKeyIndex } from '../model/key-index.js';
import type { KeyIndex } from '../model/actor-ref.js';
import { matchingBatches } from './matching.js';
import type { EntryRead, EntrySource, KeyList, ReadOptions, SourceStats } from './types.js';

async function* readApi(source: EntrySource, session: Session, ctx: Context, opts: ReadOptions, stats: SourceStats): AsyncGenerator<Entry[]> {
  const { filters } = opts;
  const index = needsKeyIndex(filters) ? await source.keyIndex() : null;
  const raw = walkBatches(session.http, buildServerFilterParams(filters), {
    start: filters.window.start,
    end: filters.window.end,
    order: opts.order === 'asc' ? 'asc' : 'desc',
    perPage: opts.perPage ?? 100,
    concurrency: opts.concurrency ?? 1,
    signal: ctx.signal,
    onProgress: (p) => {
      if (stats.serverTotal === null) stats.serverTotal = p.total;
      opts.onProgress?.(p);
    },
  });
  // The walk's window and parameters are exact: without another filter to re-check, re-testing the
  // window per entry would be the bulk of an unfiltered export's client-side work.
  const predicate = needsClientCheck(filters) ? compileFilter(filters, index ?? undefined) : null;
  yield* matchingBatches(raw, predicate, stats);
}

export function createApiSource(ctx: Context, session: Session, owned: boolean): EntrySource {
  let keyList: Promise<KeyList> | undefined;
  let index: Promise<KeyIndex | null> | undefined;
  const source: EntrySource = {
    session,
    // A failed fetch (an outage) is not kept: a long-running reader (query --follow) asks again later.
    keys: () =>
      (keyList ??= listApiKeys(session.http).catch((err: unknown) => {
        keyList = undefined;
        throw err;
      })),
    keyIndex: () => (index ??= source.keys().then((keys) => (keys ? buildKeyIndex(keys) : null))),
    read(opts: ReadOptions): EntryRead {
      const stats: SourceStats = { scanned: 0, matched: 0, serverTotal: null };
      return { batches: readApi(source, session, ctx, opts, stats), stats };
    },
    close: async () => {
      if (owned) await session.http.close();
    },
  };
  return source;
}
