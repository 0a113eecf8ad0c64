// Where matching entries come from for query, actor and summary: the API (server-narrowed, then
// re-checked client-side) with counts of what was scanned, so no truncation is ever silent.
import type { Context, GlobalOptions } from '../context.js';
import type { Session } from '../api/types.js';
import type { ApiKeyRecord, Entry } from '../model/entry.js';
import { buildServerQuery, compileFilter, type Filters } from '../model/filter.js';
import type { KeyIndex } from '../model/actor-ref.js';
import { withActor } from '../model/actor.js';
import { buildKeyIndex } from '../model/key-index.js';
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
  session: Session;
  close(): Promise<void>;
}

export interface SourceOptions {
  filters: Filters;
  order: 'asc' | 'desc';
  /** Server page size; small limits ask for small pages. */
  perPage?: number;
  concurrency?: number;
  /** Keys from /api/api_keys when the caller already has them (undefined: fetched when a label ref needs them). */
  keys?: readonly ApiKeyRecord[] | null;
}

/** True when a filter names keys by label, which older-style entries can only match through the key list. */
export function needsKeyIndex(filters: Filters): boolean {
  return filters.actors.some((ref) => (ref.kind === 'key' || ref.kind === 'genie') && ref.by === 'label');
}

/** True when some filter is (also) applied client-side and may drop entries the server returned. */
export function hasClientSideFilters(f: Filters): boolean {
  return f.actions.length > 0 || f.actors.length > 0 || f.actorTypes.length > 0 || f.resource?.id !== undefined || f.search !== undefined;
}

/** Server-side narrowing without the window (walkEntries sets the window itself). */
function serverParams(filters: Filters): Record<string, string | number | undefined> {
  const params = { ...buildServerQuery(filters) };
  delete params.created_after;
  delete params.created_before;
  return params;
}

export async function openApiEntrySource(
  ctx: Context,
  globals: GlobalOptions,
  opts: SourceOptions,
): Promise<EntrySource> {
  const session = await ctx.createApi(globals);
  let keys = opts.keys;
  if (keys === undefined && needsKeyIndex(opts.filters)) keys = await listApiKeys(session.http);
  const keyIndex: KeyIndex | undefined = keys ? buildKeyIndex(keys) : undefined;
  const predicate = compileFilter(opts.filters, keyIndex);
  const stats: SourceStats = { scanned: 0, matched: 0, serverTotal: null };
  const { window } = opts.filters;
  const raw = walkEntries(session.http, serverParams(opts.filters), {
    start: window.start,
    end: window.end,
    order: opts.order,
    perPage: opts.perPage ?? 100,
    concurrency: opts.concurrency ?? 1,
    signal: ctx.signal,
    onProgress: (p) => {
      if (stats.serverTotal === null) stats.serverTotal = p.total;
    },
  });
  async function* matching(): AsyncGenerator<Entry> {
    try {
      for await (const entry of raw) {
        stats.scanned += 1;
        const e = withActor(entry);
        if (!predicate(e)) continue;
        stats.matched += 1;
        yield e;
      }
    } finally {
      await raw.return(undefined);
    }
  }
  return { entries: matching(), stats, session, close: () => session.http.close() };
}
