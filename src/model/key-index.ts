// Lookup tables from the account's API keys: label <-> id, so label refs also match older-style entries.
import type { ApiKeyRecord } from './entry.js';
import type { KeyIndex } from './actor-ref.js';

export function buildKeyIndex(keys: readonly ApiKeyRecord[]): KeyIndex {
  const idsByLabel = new Map<string, number[]>();
  const labelsById = new Map<number, string>();
  for (const key of keys) {
    labelsById.set(key.id, key.label);
    const ids = idsByLabel.get(key.label) ?? [];
    ids.push(key.id);
    idsByLabel.set(key.label, ids);
  }
  return { idsByLabel, labelsById };
}
