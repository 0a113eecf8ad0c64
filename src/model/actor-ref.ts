// Actor references typed by people (`user:77`, `key:15`, `key:"GitHub Actions CI"`, `genie:21`,
// `automation:Playguard`, `key:fibe_live_...`) and the test of whether an entry's actor is that one.
import { UsageError } from '../errors.js';
import type { Actor, Entry } from './entry.js';
import { normalizeActor } from './actor.js';

export type ActorRefKind = 'user' | 'key' | 'genie' | 'automation';

export interface ActorRef {
  kind: ActorRefKind;
  /** `token`: a raw key string, resolved by the command through masked tokens, never matched here. */
  by: 'id' | 'label' | 'token';
  /** Ids without leading zeros; labels and names without their quotes. */
  value: string;
  /** As typed. */
  text: string;
}

/** Built from /api/api_keys (model/key-index.ts) when allowed; lets labels reach older entries that carry none. */
export interface KeyIndex {
  idsByLabel: Map<string, number[]>;
  labelsById: Map<number, string>;
}

export const ACCEPTED_ACTOR_FORMS = 'use user:<id>, key:<id>, key:<label>, genie:<key id or label>, automation:<name>';

const KIND_ALIASES: Record<string, ActorRefKind> = {
  user: 'user',
  key: 'key',
  api_key: 'key',
  apikey: 'key',
  genie: 'genie',
  agent: 'genie',
  automation: 'automation',
};

const RAW_TOKEN = /^fibe_(?:live|test)_/i;
const TOKEN_ANYWHERE = /fibe_(?:live|test)_[^\s"':]*/gi;

/** Masks raw key strings inside text (first 8 characters, `...`, last 4) so errors never echo a key. */
export function maskTokens(text: string): string {
  return text.replace(TOKEN_ANYWHERE, (token) => (token.length <= 12 ? '***' : `${token.slice(0, 8)}...${token.slice(-4)}`));
}

function fail(text: string, reason: string): never {
  throw new UsageError(`cannot read actor '${maskTokens(text)}': ${maskTokens(reason)} (${ACCEPTED_ACTOR_FORMS})`);
}

/** Parses one reference; UsageError for a missing kind, unknown kind, empty value, bad id or open quote. */
export function parseActorRef(text: string): ActorRef {
  const raw = String(text ?? '');
  const colon = raw.indexOf(':');
  if (raw.trim() === '') fail(raw, 'empty reference');
  if (colon === -1) fail(raw, 'missing kind');
  const kindText = raw.slice(0, colon).trim().toLowerCase();
  const kind = KIND_ALIASES[kindText];
  if (!kind) fail(raw, `unknown kind '${raw.slice(0, colon).trim()}'`);
  let value = raw.slice(colon + 1).trim();
  let quoted = false;
  const quote = value[0];
  if (quote === '"' || quote === "'") {
    if (value.length < 2 || !value.endsWith(quote)) fail(raw, 'unterminated quote');
    value = value.slice(1, -1).trim();
    quoted = true;
  }
  if (value === '') fail(raw, 'empty value');
  const numeric = /^\d+$/.test(value) && Number.isSafeInteger(Number(value));
  const id = String(Number(value));
  if (kind === 'user') {
    if (!numeric) fail(raw, 'user ids are numeric');
    return { kind, by: 'id', value: id, text: raw };
  }
  if (kind === 'automation') return { kind, by: 'label', value, text: raw };
  if (!quoted && RAW_TOKEN.test(value)) return { kind, by: 'token', value, text: raw };
  // Quoting forces a label: key:"2024" is the key labelled 2024, key:2024 the key with id 2024.
  if (!quoted && numeric) return { kind, by: 'id', value: id, text: raw };
  return { kind, by: 'label', value, text: raw };
}

/** A raw key string (`key:fibe_live_...`); the command resolves it through masked tokens first. */
export function isRawKeyRef(ref: ActorRef): boolean {
  return ref.by === 'token';
}

/**
 * Label matching for key/genie refs: exact (case-sensitive), against an entry's own label or the ids
 * the key records give for that label. Only when the key records are known and none has exactly
 * that label does a case-insensitive match count (so `key:ci` finds "CI"); without key records
 * only exact labels match, which keeps two keys "CI" and "ci" apart.
 */
function compileLabelTest(label: string, keyIndex?: KeyIndex): (actor: Actor) => boolean {
  const exactIds = keyIndex?.idsByLabel.get(label) ?? [];
  const lowered = label.toLowerCase();
  const fallback = keyIndex !== undefined && exactIds.length === 0;
  const ids = new Set(exactIds);
  if (fallback) {
    for (const [l, idList] of keyIndex.idsByLabel) if (l.toLowerCase() === lowered) idList.forEach((i) => ids.add(i));
  }
  return (actor) =>
    actor.label === label ||
    (fallback && typeof actor.label === 'string' && actor.label.toLowerCase() === lowered) ||
    (typeof actor.id === 'number' && ids.has(actor.id));
}

/** Precompiles a ref into a predicate (compileFilter uses this so label lookups run once). */
export function compileActorRef(ref: ActorRef, keyIndex?: KeyIndex): (entry: Entry) => boolean {
  if (ref.by === 'token') return () => false;
  const actorOf = (e: Entry): Actor => e.actor ?? normalizeActor(e);
  const idIs = (actor: Actor) => actor.id !== null && String(actor.id) === ref.value;
  switch (ref.kind) {
    case 'user':
      return (e) => {
        const a = actorOf(e);
        return a.kind === 'user' && idIs(a);
      };
    case 'automation': {
      const name = ref.value.toLowerCase();
      return (e) => {
        const a = actorOf(e);
        return a.kind === 'automation' && a.label?.toLowerCase() === name;
      };
    }
    case 'key':
    case 'genie': {
      // A key ref finds the key's entries whatever their kind; a genie ref only Genie entries.
      const kinds = ref.kind === 'key' ? ['api_key', 'genie'] : ['genie'];
      const same = ref.by === 'id' ? idIs : compileLabelTest(ref.value, keyIndex);
      return (e) => {
        const a = actorOf(e);
        return kinds.includes(a.kind) && same(a);
      };
    }
  }
}

export function matchesActorRef(entry: Entry, ref: ActorRef, keyIndex?: KeyIndex): boolean {
  return compileActorRef(ref, keyIndex)(entry);
}

/** The reference that names an actor (`key:15`, `user:77`, `automation:Playguard`), or null. */
export function refTextFor(actor: Actor): string | null {
  if (actor.kind === 'unknown') return null;
  if (actor.kind === 'automation') return actor.label ? `automation:${actor.label}` : null;
  if (actor.id === null) return null;
  const kind = actor.kind === 'api_key' ? 'key' : actor.kind;
  return `${kind}:${actor.id}`;
}
