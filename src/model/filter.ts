// Filters of SPEC.md "Filters": what is asked, and the full client-side predicate that decides it.
// How a filter is pushed down to a server lives with that server (src/api/filter-query.ts).
import type { Window } from '../time/parse.js';
import { parseTimestamp } from '../time/parse.js';
import type { ActionPattern } from './action-pattern.js';
import { normalizeActor } from './actor.js';
import { compileActorRef, maskTokens, type ActorRef, type KeyIndex } from './actor-ref.js';
import type { ActorKind, Entry } from './entry.js';
import { compileSearch } from './search.js';

export interface Filters {
  /** OR of patterns; empty = any action. */
  actions: ActionPattern[];
  /** OR of references; empty = any actor. */
  actors: ActorRef[];
  /** OR of kinds; empty = any kind. */
  actorTypes: ActorKind[];
  /** Resource class name as on the wire (`Trick`), optionally one id. */
  resource?: { type: string; id?: number };
  channel?: string;
  search?: string;
  window: Window;
}

/**
 * The filters given that the API has no parameter for, by name (action patterns count: the server's
 * narrowing is a superset), so notices name only what was asked.
 */
export function clientOnlyFilterNames(f: Filters): string[] {
  const names: string[] = [];
  if (f.actions.length > 0) names.push('action');
  if (f.actors.length > 0) names.push('actor');
  if (f.actorTypes.length > 0) names.push('actor type');
  if (f.resource?.id !== undefined) names.push('resource id');
  if (f.search !== undefined) names.push('search');
  return names;
}

/** Filters the API has no parameter for (action patterns count: the server's narrowing is a superset). */
export function hasClientOnlyFilters(f: Filters): boolean {
  return clientOnlyFilterNames(f).length > 0;
}

/** Whether entries must be re-checked one by one: also for pushed-down filters, since a server ignores unknown parameters. */
export function needsClientCheck(f: Filters): boolean {
  return hasClientOnlyFilters(f) || f.resource !== undefined || f.channel !== undefined;
}

/** A key named by label: older-style entries carry only the key id, so the key list is needed to match them. */
export function needsKeyIndex(f: Filters): boolean {
  return f.actors.some((ref) => (ref.kind === 'key' || ref.kind === 'genie') && ref.by === 'label');
}

/**
 * The complete predicate: every filter re-checked on the client, whatever the server was sent.
 * Different flags AND, repeats of one flag OR; the window is inclusive at both ends, and an entry
 * whose created_at cannot be read is outside every window.
 */
export function compileFilter(f: Filters, keyIndex?: KeyIndex): (e: Entry) => boolean {
  const tests: Array<(e: Entry) => boolean> = [];
  const start = f.window.start?.getTime() ?? Number.NEGATIVE_INFINITY;
  const end = f.window.end.getTime();
  tests.push((e) => {
    const t = parseTimestamp(e.created_at);
    return t >= start && t <= end;
  });
  if (f.actions.length > 0) {
    const patterns = f.actions;
    tests.push((e) => patterns.some((p) => p.test(e.action)));
  }
  if (f.actors.length > 0) {
    const refs = f.actors.map((ref) => compileActorRef(ref, keyIndex));
    tests.push((e) => refs.some((matches) => matches(e)));
  }
  if (f.actorTypes.length > 0) {
    const kinds = new Set<string>(f.actorTypes);
    tests.push((e) => kinds.has((e.actor ?? normalizeActor(e)).kind));
  }
  if (f.resource) {
    const { type, id } = f.resource;
    tests.push((e) => e.resource_type === type && (id === undefined || Number(e.resource_id) === id));
  }
  if (f.channel !== undefined) {
    const channel = f.channel;
    tests.push((e) => e.channel === channel);
  }
  if (f.search !== undefined && f.search !== '') tests.push(compileSearch(f.search));
  return (e) => tests.every((test) => test(e));
}

/** A plain, stable description of the filters (manifests, checkpoints' "same filters" check). */
export function describeFilters(f: Filters): Record<string, unknown> {
  return {
    actions: f.actions.map((p) => p.text),
    actors: f.actors.map((r) => maskTokens(`${r.kind}:${r.by === 'label' ? JSON.stringify(r.value) : r.value}`)),
    actor_types: [...f.actorTypes],
    resource: f.resource ? (f.resource.id === undefined ? f.resource.type : `${f.resource.type}:${f.resource.id}`) : null,
    channel: f.channel ?? null,
    search: f.search ?? null,
  };
}
