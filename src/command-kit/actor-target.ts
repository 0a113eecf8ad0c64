// Who `actor <ref>` is about: the one resolution every command shares (actor-resolution.ts), plus
// what only the drill-down needs to know: whether the report carries a key record and scope review.
import type { EntrySource } from '../source/types.js';
import type { ActorRef } from '../model/actor-ref.js';
import type { ApiKeyRecord } from '../model/entry.js';
import { resolveActorRef } from './actor-resolution.js';

export interface ActorTarget {
  /** The reference entries are filtered by; a raw key or a unique label becomes `<kind>:<id>`. */
  ref: ActorRef;
  /** How the actor is named in notices: as typed, raw keys masked. */
  display: string;
  /** A key or Genie reference: the report carries the key record and the scope review. */
  isKey: boolean;
  /** The account's keys: undefined when not needed or offline, null without keys:manage. */
  keys: ApiKeyRecord[] | null | undefined;
  key: ApiKeyRecord | null;
  /** One-line notes for stderr (e.g. no keys:manage). */
  notes: string[];
}

export async function resolveActorTarget(ref: ActorRef, source: EntrySource): Promise<ActorTarget> {
  const resolved = await resolveActorRef(ref, source, { single: true });
  return { ...resolved, isKey: ref.kind === 'key' || ref.kind === 'genie' };
}
