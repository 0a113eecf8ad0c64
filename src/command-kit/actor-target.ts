// Who `actor <ref>` is about: for keys, the record from /api/api_keys (when allowed), a raw key string
// resolved locally through masked tokens, and the reference the entry filter then uses.
import { AuthError, UsageError } from '../errors.js';
import type { EntrySource } from '../source/types.js';
import type { ActorRef } from '../model/actor-ref.js';
import { maskTokens } from '../model/actor-ref.js';
import type { ApiKeyRecord } from '../model/entry.js';
import { candidatesFor, matchRawKey } from '../model/key-match.js';
import { maskKey } from '../config/mask.js';

export interface ActorTarget {
  /** The reference entries are filtered by; a raw key or a unique label becomes `<kind>:<id>`. */
  ref: ActorRef;
  /** How the actor is named in notices: as typed, raw keys masked. */
  display: string;
  /** A key or Genie reference: the report carries the key record and the scope review. */
  isKey: boolean;
  /** The account's keys: undefined when not needed, null without keys:manage. */
  keys: ApiKeyRecord[] | null | undefined;
  key: ApiKeyRecord | null;
  /** One-line notes for stderr (e.g. no keys:manage). */
  notes: string[];
}

function describeKeys(keys: readonly ApiKeyRecord[]): string {
  return keys.map((k) => `"${k.label}" (#${k.id}, ${k.masked_token})`).join(', ');
}

function byId(ref: ActorRef, id: number): ActorRef {
  return { kind: ref.kind, by: 'id', value: String(id), text: `${ref.kind}:${id}` };
}

/** A raw key string: exit 4 without keys:manage, exit 2 for no match or several; never sent anywhere. */
function resolveRawKey(ref: ActorRef, keys: ApiKeyRecord[] | null): { key: ApiKeyRecord; note?: string } {
  const masked = maskKey(ref.value);
  if (keys === null) {
    throw new AuthError(
      `resolving a raw key (${masked}) needs the keys:manage scope, which this key lacks`,
      'run it with a key holding keys:manage (or *); the raw key is matched locally and never sent',
    );
  }
  const match = matchRawKey(ref.value, keys);
  const candidates = candidatesFor(match);
  if (candidates.length === 0) {
    throw new UsageError(
      `no API key of this account matches that key (${masked})`,
      "it may belong to another account or be deleted; 'fibe-audit keys' lists the masked tokens compared",
    );
  }
  if (candidates.length > 1) {
    throw new UsageError(`that key (${masked}) matches ${candidates.length} API keys: ${describeKeys(candidates)}`, 'name one of them by id: key:<id>');
  }
  const key = candidates[0] as ApiKeyRecord;
  return match.exact.length === 0
    ? { key, note: `matched ${masked} to key #${key.id} by its visible prefix only: the visible end differs` }
    : { key };
}

/** Exactly-labelled keys first; a case-insensitive match only when none is exact (as the filter does). */
function keysLabelled(keys: readonly ApiKeyRecord[], label: string): ApiKeyRecord[] {
  const exact = keys.filter((k) => k.label === label);
  if (exact.length > 0) return exact;
  const lower = label.toLowerCase();
  return keys.filter((k) => typeof k.label === 'string' && k.label.toLowerCase() === lower);
}

export async function resolveActorTarget(ref: ActorRef, source: EntrySource): Promise<ActorTarget> {
  const display = maskTokens(ref.text);
  if (ref.kind === 'user' || ref.kind === 'automation') {
    return { ref, display, isKey: false, keys: undefined, key: null, notes: [] };
  }
  const keys = await source.keys();
  if (keys === undefined) return offlineActorTarget(ref);
  const notes: string[] = [];
  const target: ActorTarget = { ref, display, isKey: true, keys, key: null, notes };
  if (ref.by === 'token') {
    const { key, note } = resolveRawKey(ref, keys);
    if (note) notes.push(note);
    return { ...target, ref: byId(ref, key.id), display: `${ref.kind}:${maskKey(ref.value)}`, key };
  }
  if (keys === null) {
    notes.push('this key cannot list API keys (needs keys:manage): showing audit data alone, without the key record or scope review');
    return target;
  }
  if (ref.by === 'id') {
    const key = keys.find((k) => String(k.id) === ref.value) ?? null;
    if (!key) notes.push(`no current API key has id ${ref.value} (deleted, or another account's): showing audit data alone`);
    return { ...target, key };
  }
  const labelled = keysLabelled(keys, ref.value);
  if (labelled.length > 1) {
    throw new UsageError(`the label '${ref.value}' names ${labelled.length} API keys: ${describeKeys(labelled)}`, 'name one of them by id: key:<id>');
  }
  if (labelled.length === 0) {
    notes.push(`no current API key is labelled '${ref.value}': matching entries by the label they carry`);
    return target;
  }
  const key = labelled[0] as ApiKeyRecord;
  // One key has that label: its id finds its entries in both wire styles, as key:<id> does.
  return { ...target, ref: byId(ref, key.id), key };
}

/** With --file there is no key list: refs match the entries' own ids and labels; a raw key cannot be resolved. */
function offlineActorTarget(ref: ActorRef): ActorTarget {
  if (ref.by === 'token') {
    throw new UsageError(
      `a raw key (${maskKey(ref.value)}) can only be resolved through the API's key list, not with --file`,
      'drop --file to resolve it with a key holding keys:manage, or name the key by id: key:<id>',
    );
  }
  const isKey = ref.kind === 'key' || ref.kind === 'genie';
  return { ref, display: maskTokens(ref.text), isKey, keys: undefined, key: null, notes: [] };
}
