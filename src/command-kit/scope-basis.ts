// What a key's scope review is judged from: all of the key's activity in the window, never the subset
// that narrowing filters (--action, --resource, --search, ...) leave in the entry list.
import type { ApiKeyRecord } from '../model/entry.js';
import type { ActorSummary } from '../model/actor-summary.js';
import type { Filters } from '../model/filter.js';
import type { ScopeBasis } from '../model/scopes.js';
import type { EntrySource } from '../source/types.js';

/** True when a filter other than the actor, the window and the api channel (where keys act) narrows the entries. */
export function narrowsActivity(f: Filters): boolean {
  return f.actions.length > 0 || f.actorTypes.length > 0 || f.resource !== undefined || f.search !== undefined || (f.channel !== undefined && f.channel !== 'api');
}

/**
 * The actions of the entries already read when nothing narrowed them; else one more read of the
 * actor's whole activity in the window (the actor ref and the api channel only).
 */
export async function readScopeBasis(source: EntrySource, filters: Filters, seen: { actions: string[]; total: number }): Promise<ScopeBasis> {
  if (!narrowsActivity(filters)) return { ...seen, narrowed: false };
  const whole: Filters = { actions: [], actors: filters.actors, actorTypes: [], channel: 'api', window: filters.window };
  const read = source.read({ filters: whole, order: 'any', concurrency: 4 });
  const actions = new Set<string>();
  for await (const run of read.batches) for (const e of run) if (typeof e.action === 'string') actions.add(e.action);
  return { actions: [...actions], total: read.stats.matched, narrowed: true };
}

/** The basis of a key's scope review, or null when there is none to make (no key record, or no scopes in it). */
export async function judgeScopesBy(source: EntrySource, filters: Filters, key: ApiKeyRecord | null, summary: ActorSummary): Promise<ScopeBasis | null> {
  if (!key || !Array.isArray(key.scopes)) return null;
  return readScopeBasis(source, filters, { actions: summary.byAction.map(([a]) => a), total: summary.total });
}
