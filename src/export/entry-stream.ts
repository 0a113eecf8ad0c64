// The entries an export writes: the window walked oldest first, each entry normalised, re-checked
// against the filters, and skipped when the checkpoint has already exported it.
import type { Context } from '../context.js';
import type { Session } from '../api/types.js';
import { walkEntries, type WalkProgress } from '../api/audit.js';
import { listApiKeys } from '../api/keys.js';
import { needsKeyIndex } from '../commands/entry-source.js';
import { withActor } from '../model/actor.js';
import type { Entry } from '../model/entry.js';
import { buildServerQuery, compileFilter, type Filters } from '../model/filter.js';
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

/**
 * True when a filter exists that the server query cannot answer exactly by itself. Without one,
 * the server's window and parameters already are the whole answer, and re-checking the window
 * per entry would only cost time (it is the bulk of an unfiltered export's client-side work).
 */
export function needsClientCheck(filters: Filters): boolean {
  return (
    filters.actions.length > 0 ||
    filters.actors.length > 0 ||
    filters.actorTypes.length > 0 ||
    filters.resource !== undefined ||
    filters.channel !== undefined ||
    filters.search !== undefined
  );
}

export async function* exportEntries(ctx: Context, session: Session, opts: StreamOptions): AsyncGenerator<Entry> {
  const { filters, window } = opts;
  const keys = needsKeyIndex(filters) ? await listApiKeys(session.http) : null;
  const predicate = needsClientCheck(filters) ? compileFilter({ ...filters, window }, keys ? buildKeyIndex(keys) : undefined) : null;
  const isNew = opts.previous ? createResumeTest(opts.previous) : null;
  const params = { ...buildServerQuery(filters) };
  // walkEntries sets (and splits) the window itself.
  delete params.created_after;
  delete params.created_before;
  const raw = walkEntries(session.http, params, {
    start: window.start,
    end: window.end,
    order: 'asc',
    perPage: 100,
    concurrency: opts.concurrency,
    signal: ctx.signal,
    onProgress: opts.onProgress,
  });
  for await (const rawEntry of raw) {
    const entry = withActor(rawEntry);
    if (predicate && !predicate(entry)) continue;
    if (isNew && !isNew(entry)) continue;
    yield entry;
  }
}
