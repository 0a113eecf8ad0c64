// Older-style entries name a key only by id; for display, fill in the label from the account's key
// list (one request, only when a shown row needs it, skipped silently without keys:manage or offline).
import type { EntrySource } from '../source/types.js';
import type { Entry } from '../model/entry.js';

const isUnlabelledKey = (e: Entry) => (e.actor.kind === 'api_key' || e.actor.kind === 'genie') && e.actor.id !== null && !e.actor.label;

/** Returns entries whose key actors carry the current label where the entry itself had none. */
export async function labelKeyActors(entries: Entry[], source: EntrySource): Promise<Entry[]> {
  if (!entries.some(isUnlabelledKey)) return entries;
  const keys = await source.keys();
  if (!keys) return entries;
  const labels = new Map(keys.map((k) => [String(k.id), k.label]));
  return entries.map((e) => {
    const label = isUnlabelledKey(e) ? labels.get(String(e.actor.id)) : undefined;
    return label ? { ...e, actor: { ...e.actor, label } } : e;
  });
}
