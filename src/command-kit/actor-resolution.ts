// One resolution of actor references for every command (query, summary, actor): a raw key through
// the masked tokens, a key label to its id (from the key list, or offline from the entries carrying
// both), a Genie ref checked against the key record. Same refs, same entries, same errors everywhere.
import { AuthError, UsageError } from '../errors.js';
import type { EntrySource, KeyList } from '../source/types.js';
import { openSource, type OpenOptions } from '../source/open.js';
import { maskTokens, type ActorRef } from '../model/actor-ref.js';
import type { ApiKeyRecord } from '../model/entry.js';
import type { Filters } from '../model/filter.js';
import { matchRawKey } from '../model/key-match.js';
import { idsLabelled } from '../model/key-index.js';
import { maskKey, redactSecrets } from '../config/mask.js';
import { sanitizeLine } from '../text/sanitize.js';
import type { Context } from '../context.js';
import type { GlobalOptions } from '../global-options.js';

export interface ResolvedRef {
  /** The reference entries are filtered by; a raw key or a label naming one key becomes `<kind>:<id>`. */
  ref: ActorRef;
  /** How the actor is named in notices: as typed, raw keys masked. */
  display: string;
  /** The key record (key and Genie refs, with keys:manage), else null. */
  key: ApiKeyRecord | null;
  /** The account's keys: undefined offline or when not asked, null without keys:manage. */
  keys: KeyList;
  /** One-line notes for stderr. */
  notes: string[];
}

export interface ResolveOptions {
  /** The command is about one actor (`actor`): a label naming several keys is an error, not an OR. */
  single: boolean;
}

function describeKeys(keys: readonly ApiKeyRecord[]): string {
  return keys.map((k) => `"${k.label}" (#${k.id}, ${k.masked_token})`).join(', ');
}

function byId(ref: ActorRef, id: number): ActorRef {
  return { kind: ref.kind, by: 'id', value: String(id), text: `${ref.kind}:${id}` };
}

/** A raw key string: exit 4 without keys:manage, exit 2 for no match or several; never sent anywhere. */
function resolveRawKey(ref: ActorRef, keys: KeyList): { key: ApiKeyRecord; note?: string } {
  const masked = maskKey(ref.value);
  if (keys === undefined) {
    throw new UsageError(
      `a raw key (${masked}) can only be resolved through the API's key list, not with --file`,
      'drop --file to resolve it with a key holding keys:manage, or name the key by id: key:<id>',
    );
  }
  if (keys === null) {
    throw new AuthError(
      `resolving a raw key (${masked}) needs the keys:manage scope, which this key lacks`,
      'run it with a key holding keys:manage (or *); the raw key is matched locally and never sent',
    );
  }
  const candidates = matchRawKey(ref.value, keys);
  if (candidates.length === 0) {
    throw new UsageError(
      `no API key of this account matches that key (${masked}) at both visible ends`,
      "give the whole key (it may be truncated, another account's or deleted); 'fibe-audit keys' lists the masked tokens compared",
    );
  }
  if (candidates.length > 1) {
    throw new UsageError(`that key (${masked}) matches ${candidates.length} API keys: ${describeKeys(candidates)}`, 'name one of them by id: key:<id>');
  }
  return { key: candidates[0] as ApiKeyRecord };
}

/** A Genie ref naming a key that is not agent-accessible can match nothing: say what it is instead. */
function assertGenie(ref: ActorRef, key: ApiKeyRecord | null): void {
  if (ref.kind !== 'genie' || !key || key.agent_accessible === true) return;
  throw new UsageError(
    `${maskTokens(ref.text)}: key #${key.id} "${key.label}" is not a Genie (it is not agent-accessible)`,
    `name it as a key: key:${key.id}`,
  );
}

async function resolveLabel(ref: ActorRef, source: EntrySource, keys: KeyList, opts: ResolveOptions): Promise<Omit<ResolvedRef, 'display' | 'keys'>> {
  const notes: string[] = [];
  const index = await source.keyIndex();
  const offline = keys === undefined;
  if (!index) {
    notes.push(`this key cannot list API keys (needs keys:manage): ${ref.kind}:"${ref.value}" matches only entries that carry that label; older entries name a key by id alone (key:<id>)`);
    return { ref, key: null, notes };
  }
  const ids = idsLabelled(index, ref.value);
  if (ids.length === 1) {
    const id = ids[0] as number;
    return { ref: byId(ref, id), key: keys?.find((k) => k.id === id) ?? null, notes };
  }
  if (ids.length > 1) {
    const named = keys ? describeKeys(keys.filter((k) => ids.includes(k.id))) : ids.map((id) => `#${id}`).join(', ');
    if (opts.single) throw new UsageError(`the label '${ref.value}' names ${ids.length} API keys: ${named}`, 'name one of them by id: key:<id>');
    notes.push(`the label '${ref.value}' names ${ids.length} keys (${named}): matching all of them`);
    return { ref, key: null, notes };
  }
  if (offline) {
    notes.push(`no entry in the file pairs the label '${ref.value}' with a key id, so entries that name the key by id alone cannot be matched: name it by id (key:<id>)`);
  } else if (opts.single) {
    // A listing says nothing yet: when nothing matches, its no-match hint names the nearest label.
    notes.push(`no current API key is labelled '${ref.value}': matching entries by the label they carry`);
  }
  return { ref, key: null, notes };
}

export async function resolveActorRef(ref: ActorRef, source: EntrySource, opts: ResolveOptions): Promise<ResolvedRef> {
  const display = maskTokens(ref.text);
  if (ref.kind === 'user' || ref.kind === 'automation') return { ref, display, key: null, keys: undefined, notes: [] };
  // A listing's key:<id> needs no key record (a request saved); genie:<id> does, to tell a plain key.
  if (ref.by === 'id' && ref.kind === 'key' && !opts.single) return { ref, display, key: null, keys: undefined, notes: [] };
  const keys = await source.keys();
  if (ref.by === 'token') {
    const { key, note } = resolveRawKey(ref, keys);
    assertGenie(ref, key);
    return { ref: byId(ref, key.id), display: `${ref.kind}:${maskKey(ref.value)}`, key, keys, notes: note ? [note] : [] };
  }
  if (ref.by === 'label') {
    const resolved = await resolveLabel(ref, source, keys, opts);
    assertGenie(ref, resolved.key);
    return { ...resolved, display, keys };
  }
  const notes: string[] = [];
  if (keys === null && opts.single) {
    notes.push('this key cannot list API keys (needs keys:manage): showing audit data alone, without the key record or scope review');
  }
  const key = keys ? (keys.find((k) => String(k.id) === ref.value) ?? null) : null;
  if (keys && !key && opts.single) notes.push(`no current API key has id ${ref.value} (deleted, or another account's): showing audit data alone`);
  assertGenie(ref, key);
  return { ref, display, key, keys, notes };
}

/** resolveFilterActors, with its notes on stderr (unless --quiet). */
export async function noteResolvedActors(ctx: Context, globals: GlobalOptions, filters: Filters, source: EntrySource): Promise<void> {
  const notes = await resolveFilterActors(filters, source);
  if (globals.quiet) return;
  // Notes quote refs from argv and labels from the data: untrusted text, and maybe a pasted key.
  for (const n of notes) ctx.io.stderr.write(`${ctx.io.errColor.dim(sanitizeLine(redactSecrets(`note: ${n}`, [ctx.env.FIBE_API_KEY])))}\n`);
}

/** Opens the command's source and resolves the filter's actor refs through it; closed again if that fails. */
export async function openResolvedSource(ctx: Context, globals: GlobalOptions, filters: Filters, open: OpenOptions): Promise<EntrySource> {
  // The window goes along: --source auto answers from the mirror only when it covers it.
  const source = await openSource(ctx, globals, open.file !== undefined ? open : { window: filters.window, ...open });
  try {
    await noteResolvedActors(ctx, globals, filters, source);
  } catch (err) {
    await source.close();
    throw err;
  }
  return source;
}

/** Resolves every `--actor` of a listing in place; returns the notes to show (each once). */
export async function resolveFilterActors(filters: Filters, source: EntrySource): Promise<string[]> {
  const notes: string[] = [];
  const refs: ActorRef[] = [];
  for (const ref of filters.actors) {
    const resolved = await resolveActorRef(ref, source, { single: false });
    refs.push(resolved.ref);
    for (const n of resolved.notes) if (!notes.includes(n)) notes.push(n);
  }
  filters.actors = refs;
  return notes;
}
