// Normalises an entry's actor to {kind, id, label} from both wire styles of FIBE-API.md "Actors".
// Actor types, channels and metadata are open and untrusted: nothing here throws on odd data.
import type { Actor, AuditEntry, Entry } from './entry.js';

// Keys are actor_type lower-cased with `_`, `-` and spaces removed, so `ApiKey`, `api_key`, `API-Key` agree.
const PERSON_TYPES = new Set(['player', 'user']);
const KEY_TYPES = new Set(['apikey']);
const GENIE_TYPES = new Set(['genie', 'agent']);
const AUTOMATION_TYPES = new Set(['playguard', 'system', 'stripe', 'automation']);

function squash(actorType: string): string {
  return actorType.toLowerCase().replace(/[\s_-]+/g, '');
}

function metadataOf(raw: AuditEntry): Record<string, unknown> {
  const m = (raw as { metadata?: unknown } | null)?.metadata;
  return m !== null && typeof m === 'object' && !Array.isArray(m) ? (m as Record<string, unknown>) : {};
}

/** An id from the wire: integers stay numbers, numeric strings become numbers, other strings stay. */
export function readActorId(value: unknown): number | string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') {
    const t = value.trim();
    if (t === '') return null;
    return /^\d+$/.test(t) && Number.isSafeInteger(Number(t)) ? Number(t) : t;
  }
  return null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * Newer style: a Player/User acting through the API carries the key in metadata. The key only
 * counts as the actor when the channel is `api` (or absent): on a `ui` entry such as
 * `api_key.created`, `api_key_id` describes the resource, not who acted.
 */
function keyInMetadata(raw: AuditEntry, meta: Record<string, unknown>): number | string | null {
  const keyId = readActorId(meta.api_key_id);
  if (keyId === null) return null;
  const channel = raw.channel;
  if (channel === null || channel === undefined) return keyId;
  return typeof channel === 'string' && channel.trim().toLowerCase() === 'api' ? keyId : null;
}

function keyActor(id: number | string | null, meta: Record<string, unknown>): Actor {
  return { kind: meta.agent_accessible === true ? 'genie' : 'api_key', id, label: text(meta.api_key_label) };
}

/** The actor of one entry; kinds are disjoint (an agent-accessible key's entries are `genie`). */
export function normalizeActor(raw: AuditEntry): Actor {
  const meta = metadataOf(raw);
  const rawType = (raw as { actor_type?: unknown } | null)?.actor_type;
  const actorType = typeof rawType === 'string' ? rawType.trim() : '';
  const type = squash(actorType);
  const actorId = readActorId((raw as { actor_id?: unknown } | null)?.actor_id);

  if (PERSON_TYPES.has(type)) {
    const keyId = keyInMetadata(raw, meta);
    if (keyId !== null) return keyActor(keyId, meta);
    return { kind: 'user', id: actorId, label: text(meta.username) ?? text(meta.actor_name) };
  }
  if (KEY_TYPES.has(type)) return keyActor(actorId ?? readActorId(meta.api_key_id), meta);
  if (GENIE_TYPES.has(type)) {
    return { kind: 'genie', id: actorId ?? readActorId(meta.api_key_id), label: text(meta.api_key_label) };
  }
  if (AUTOMATION_TYPES.has(type)) return { kind: 'automation', id: actorId, label: actorType };
  return { kind: 'unknown', id: actorId, label: actorType === '' ? null : actorType };
}

/** The entry as fibe-audit passes it around: the API object unchanged plus `actor`. */
export function withActor(raw: AuditEntry): Entry {
  return { ...raw, actor: normalizeActor(raw) };
}

/**
 * withActor without the copy: `actor` is set on the object itself, where an `actor` field already
 * sits or else last, so the result has the same fields in the same order. Only for an object the
 * caller alone holds, fresh from JSON.parse (exports): V8 gives every spread copy of a parsed
 * object its own hidden class, which made copying and then serialising each entry several times slower.
 */
export function attachActor(raw: AuditEntry): Entry {
  // A hostile page may hold non-objects or arrays: those take the copy, as they always did.
  if (typeof raw !== 'object' || raw === null || Object.getPrototypeOf(raw) !== Object.prototype) return withActor(raw);
  const entry = raw as Entry;
  entry.actor = normalizeActor(raw);
  return entry;
}

export function isGenieEntry(raw: AuditEntry): boolean {
  return normalizeActor(raw).kind === 'genie';
}
