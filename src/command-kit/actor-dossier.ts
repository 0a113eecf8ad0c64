// What `actor <ref>` reports about one actor, for `actor` and for `report --actor`: who it is (the key
// record first, then its newest entry, then the ref as typed), its figures, and the key's scope review.
import type { Actor } from '../model/entry.js';
import type { ActorSummary } from '../model/actor-summary.js';
import { reviewScopes, type ScopeBasis } from '../model/scopes.js';
import { redactSecrets } from '../config/mask.js';
import type { ActorReport } from '../render/actor-report.js';
import type { Window } from '../time/parse.js';
import type { ActorTarget } from './actor-target.js';

/** `{kind, id, label}` of the report: the key record first (current truth), then the newest entry, then the ref. */
function actorOf(target: ActorTarget, summary: ActorSummary | null): Actor {
  const { ref, key } = target;
  const latest = summary?.latestActor ?? null;
  if (ref.kind === 'user') return { kind: 'user', id: Number(ref.value), label: latest?.label ?? null };
  if (ref.kind === 'automation') return { kind: 'automation', id: latest?.id ?? null, label: latest?.label ?? ref.value };
  const latestKind = latest && (latest.kind === 'api_key' || latest.kind === 'genie') ? latest.kind : null;
  const kind = key ? (key.agent_accessible === true ? 'genie' : 'api_key') : (latestKind ?? (ref.kind === 'genie' ? 'genie' : 'api_key'));
  const id = key?.id ?? (ref.by === 'id' ? Number(ref.value) : (latest?.id ?? null));
  // A key-shaped "label" no key has is a pasted key: shown masked, like any key.
  const label = key?.label ?? latest?.label ?? (ref.by === 'label' ? redactSecrets(ref.value) : null);
  return { kind, id, label };
}

/** `basis`: all of the key's activity in the window (scope-basis.ts), which the scope review is judged by. */
export function buildActorReport(target: ActorTarget, summary: ActorSummary, window: Window, basis: ScopeBasis | null): ActorReport {
  const key = target.key;
  return {
    actor: actorOf(target, summary),
    key,
    isKey: target.isKey,
    summary,
    scopes: key && Array.isArray(key.scopes) && basis ? reviewScopes(key.scopes.map(String), basis.actions) : null,
    scopeBasis: basis,
    window,
  };
}
