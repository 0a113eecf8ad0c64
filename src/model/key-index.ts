// Lookup tables of key label <-> id, so label refs also match older-style entries that carry only the
// id: built from the account's API keys, or offline from the entries that carry both.
import type { ApiKeyRecord } from './entry.js';
import type { KeyIndex } from './actor-ref.js';

export interface KeyPair {
  id: number;
  label: string;
}

/** Every label's ids (each once, in first-seen order) and each id's latest label. */
export function indexKeyPairs(pairs: Iterable<KeyPair>): KeyIndex {
  const idsByLabel = new Map<string, number[]>();
  const labelsById = new Map<number, string>();
  for (const { id, label } of pairs) {
    labelsById.set(id, label);
    const ids = idsByLabel.get(label);
    if (!ids) idsByLabel.set(label, [id]);
    else if (!ids.includes(id)) ids.push(id);
  }
  return { idsByLabel, labelsById };
}

export function buildKeyIndex(keys: readonly ApiKeyRecord[]): KeyIndex {
  return indexKeyPairs(keys);
}

/** The ids a label names: exactly-labelled keys, else (none exact) a case-insensitive match, as the filter does. */
export function idsLabelled(index: KeyIndex, label: string): number[] {
  const exact = index.idsByLabel.get(label);
  if (exact && exact.length > 0) return [...exact];
  const lower = label.toLowerCase();
  const ids: number[] = [];
  for (const [l, list] of index.idsByLabel) if (l.toLowerCase() === lower) for (const id of list) if (!ids.includes(id)) ids.push(id);
  return ids;
}
