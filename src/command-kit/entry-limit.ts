// Takes the first `limit` entries of a stream and finds out, with one look ahead, whether more match.
import type { Entry } from '../model/entry.js';

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
