// Listing entries as JSON text without JSON.stringify over whole objects: in benchmarks the emulator
// shares two cores with the CLI, and serialising pages was most of its work per request.

import { NULL_ID, type EntryStore, type StringTable } from './store.js';
import { formatTime } from './wire-time.js';

class WireJson {
  private readonly quoted = new Map<StringTable, string[]>();
  /** Metadata text by its columns (resource, change) then (extra, flags, key): a few thousand distinct. */
  private readonly metadata = new Map<number, Map<number, string>>();

  constructor(private readonly store: EntryStore) {}

  private quote(table: StringTable, k: number): string {
    let list = this.quoted.get(table);
    if (!list) {
      list = [];
      this.quoted.set(table, list);
    }
    return (list[k] ??= JSON.stringify(table.values[k]));
  }

  private metadataJson(i: number, id: number): string {
    const s = this.store;
    // Verbatim (hostile) metadata belongs to one entry: nothing to share.
    if (s.metadataOverrides.has(id)) return JSON.stringify(s.materialise(i, false).metadata);
    const hi = (s.res[i] as number) * 65_536 + (s.change[i] as number);
    const lo = ((s.extra[i] as number) * 256 + (s.flags[i] as number)) * 256 + (s.keyRef[i] as number);
    let byLo = this.metadata.get(hi);
    if (!byLo) {
      byLo = new Map();
      this.metadata.set(hi, byLo);
    }
    let text = byLo.get(lo);
    if (text === undefined) {
      text = JSON.stringify(s.materialise(i, false).metadata);
      byLo.set(lo, text);
    }
    return text;
  }

  /** Exactly JSON.stringify(store.materialise(i)): same fields, same order, same text. */
  entry(i: number): string {
    const s = this.store;
    const id = s.ids[i] as number;
    const resourceId = s.resources[s.res[i] as number]?.id ?? null;
    const actorType = s.actorType[i] as number;
    const actorId = s.actorId[i] as number;
    return `{"id":${id},"resource_type":${this.quote(s.resourceTypes, s.resType[i] as number)},"resource_id":${resourceId}` +
      `,"action":${this.quote(s.actions, s.action[i] as number)},"channel":${this.quote(s.channels, s.channel[i] as number)}` +
      `,"actor_type":${actorType === 0 ? 'null' : this.quote(s.actorTypes, actorType)},"actor_id":${actorId === NULL_ID ? 'null' : actorId}` +
      `,"metadata":${this.metadataJson(i, id)},"created_at":"${formatTime(s.times[i] as number)}"}`;
  }
}

const byStore = new WeakMap<EntryStore, WireJson>();

/** The entries at these store indices as a JSON array text, as the API serialises them. */
export function entriesJson(store: EntryStore, indices: readonly number[]): string {
  let wire = byStore.get(store);
  if (!wire) {
    wire = new WireJson(store);
    byStore.set(store, wire);
  }
  const w = wire;
  return `[${indices.map((i) => w.entry(i)).join(',')}]`;
}
