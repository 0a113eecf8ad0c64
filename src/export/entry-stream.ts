// The entries an export writes: the window walked oldest first, each entry normalised, re-checked
// against the filters, and skipped when the checkpoint has already exported it.
import type { Context } from '../context.js';
import type { Session } from '../api/types.js';
import { walkBatches, type WalkProgress } from '../api/audit.js';
import { listApiKeys } from '../api/keys.js';
import { attachActor } from '../model/actor.js';
import type { Entry } from '../model/entry.js';
import { buildServerFilterParams, compileFilter, needsClientCheck, needsKeyIndex, type Filters } from '../model/filter.js';
import { buildKeyIndex } from '../model/key-index.js';
import type { Window } from '../time/parse.js';
import { createResumeTest, type Checkpoint } from './checkpoint.js';

export interface StreamOptions {
  filters: Filters;
  window: Window;
  previous: Checkpoint | null;
  concurrency: number;
  onProgress: (p: WalkProgress) => void;
}

/** The entries in order, in runs of up to a page (never empty): one async step per page, not per entry. */
export async function* exportEntries(ctx: Context, session: Session, opts: StreamOptions): AsyncGenerator<Entry[]> {
  const { filters, window } = opts;
  const keys = needsKeyIndex(filters) ? await listApiKeys(session.http) : null;
  const predicate = needsClientCheck(filters) ? compileFilter({ ...filters, window }, keys ? buildKeyIndex(keys) : undefined) : null;
  const isNew = opts.previous ? createResumeTest(opts.previous) : null;
  // Without a filter to re-check, the server's window and parameters are the whole answer: re-checking
  // the window per entry would be the bulk of an unfiltered export's client-side work.
  const pages = walkBatches(session.http, buildServerFilterParams(filters), {
    start: window.start,
    end: window.end,
    order: 'asc',
    perPage: 100,
    concurrency: opts.concurrency,
    signal: ctx.signal,
    onProgress: opts.onProgress,
  });
  for await (const page of pages) {
    const batch: Entry[] = [];
    for (const rawEntry of page) {
      // The walk's objects are fresh from JSON.parse and held by nobody else.
      const entry = attachActor(rawEntry);
      if (predicate && !predicate(entry)) continue;
      if (isNew && !isNew(entry)) continue;
      batch.push(entry);
    }
    if (batch.length > 0) yield batch;
  }
}
