// Takes the first `limit` entries of a stream and finds out, with one look ahead, whether more match;
// and sizes the pages such a read asks for.
import type { Entry } from '../model/entry.js';
import { hasClientOnlyFilters, type Filters } from '../model/filter.js';

/** The API's largest page: every request costs one unit of the hourly budget, whatever its size. */
const FULL_PAGE = 100;

/**
 * Page size for a read of at most `limit` matches (null: all). Only when the server decides every
 * filter is one small page (limit + 1, the look-ahead) enough; with client-side filters a page may
 * hold few matches, so every page is full and the read stops once limit + 1 have matched.
 */
export function pageSizeFor(filters: Filters, limit: number | null): number {
  if (limit === null || hasClientOnlyFilters(filters)) return FULL_PAGE;
  return Math.min(FULL_PAGE, limit + 1);
}

export interface LimitState {
  shown: number;
  /** True once an entry beyond the limit has been seen. */
  more: boolean;
}

/** Yields at most `limit` entries (all when null); reads one more to set state.more, then stops. */
export async function* limitEntries(
  source: AsyncIterable<Entry>,
  limit: number | null,
  state: LimitState,
): AsyncGenerator<Entry> {
  for await (const entry of source) {
    if (limit !== null && state.shown >= limit) {
      state.more = true;
      return;
    }
    state.shown += 1;
    yield entry;
  }
}
