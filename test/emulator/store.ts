// Columnar storage of audit entries: typed arrays in ascending (created_at, id) order plus small
// lookup tables; wire objects are materialised only for the entries a response or test asks for.

import type { Resource } from './catalog-resources.js';
import type { AuditEntryWire } from './types.js';
import { formatTime } from './wire-time.js';

/** Bits of the metadata column: which parts of the metadata an entry carries. */
export const META = {
  KEY: 1, // api_key_id, api_key_label, agent_accessible of the acting key (newer wire style)
  NO_LABEL: 2, // ...but without api_key_label (partial metadata)
  NO_NAME: 4, // no resource_name
  EMPTY: 8, // metadata is {}
  NULL: 16, // metadata is null
  LABEL_ONLY: 32, // older style: api_key_label of the acting key, no id
  KEY_RESOURCE: 64, // api_key_id/api_key_label of the key the entry is about (UI api_key.*)
} as const;

export interface EntryParts {
  /** Epoch microseconds (integer). */
  timeUs: number;
  action: string;
  resource: number;
  channel: string;
  actorType: string | null;
  actorId: number | null;
  /** 1-based index into keyInfo, 0 = none. */
  keyRef: number;
  /** Index into changes (0 = none). */
  change: number;
  /** Index into extras (0 = none). */
  extra: number;
  flags: number;
  /** Verbatim metadata JSON (hostile entries), replacing everything above. */
  metadataJson?: string;
}

export interface KeyInfo {
  id: number;
  label: string;
  agent: boolean;
}

export class StringTable {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  intern(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }

  find(value: string): number | undefined {
    return this.index.get(value);
  }
}

/** actor_id column value for a null actor_id. */
export const NULL_ID = -1;

export class EntryStore {
  length = 0;
  ids = new Uint32Array(0);
  times = new Float64Array(0);
  action = new Uint16Array(0);
  resType = new Uint8Array(0);
  res = new Uint32Array(0);
  channel = new Uint8Array(0);
  actorType = new Uint8Array(0);
  actorId = new Int32Array(0);
  keyRef = new Uint8Array(0);
  change = new Uint16Array(0);
  extra = new Uint16Array(0);
  flags = new Uint8Array(0);

  readonly actions = new StringTable();
  readonly resourceTypes = new StringTable();
  readonly channels = new StringTable();
  /** Index 0 stands for a null actor_type. */
  readonly actorTypes = new StringTable();
  readonly resources: Resource[] = [];
  readonly keyInfo: KeyInfo[] = [];
  /** JSON texts; index 0 is the empty string and means "none". */
  readonly changes = new StringTable();
  readonly extras = new StringTable();
  // Parsed forms of the JSON tables, shared by server responses (which only serialise them).
  private readonly parsedChanges: unknown[] = [];
  private readonly parsedExtras: Array<Record<string, unknown>> = [];
  private readonly parsedOverrides = new Map<number, Record<string, unknown> | null>();
  /** Metadata JSON by entry id, for entries whose metadata is not built from columns. */
  readonly metadataOverrides = new Map<number, string>();
  /** Called after every insert with the new index and whether it went to the end. */
  readonly insertListeners: Array<(index: number, atEnd: boolean) => void> = [];

  constructor(capacity: number) {
    this.actorTypes.intern('\u0000null');
    this.changes.intern('');
    this.extras.intern('');
    this.grow(Math.max(16, capacity));
  }

  private grow(capacity: number): void {
    const n = this.length;
    const copy = <T extends { set(a: T): void; subarray(a: number, b: number): T }>(old: T, fresh: T): T => {
      fresh.set(old.subarray(0, n));
      return fresh;
    };
    this.ids = copy(this.ids, new Uint32Array(capacity));
    this.times = copy(this.times, new Float64Array(capacity));
    this.action = copy(this.action, new Uint16Array(capacity));
    this.resType = copy(this.resType, new Uint8Array(capacity));
    this.res = copy(this.res, new Uint32Array(capacity));
    this.channel = copy(this.channel, new Uint8Array(capacity));
    this.actorType = copy(this.actorType, new Uint8Array(capacity));
    this.actorId = copy(this.actorId, new Int32Array(capacity));
    this.keyRef = copy(this.keyRef, new Uint8Array(capacity));
    this.change = copy(this.change, new Uint16Array(capacity));
    this.extra = copy(this.extra, new Uint16Array(capacity));
    this.flags = copy(this.flags, new Uint8Array(capacity));
  }

  private columns(): Array<Uint32Array | Float64Array | Uint16Array | Uint8Array | Int32Array> {
    return [this.ids, this.times, this.action, this.resType, this.res, this.channel, this.actorType, this.actorId, this.keyRef, this.change, this.extra, this.flags];
  }

  addResource(resource: Resource): number {
    this.resources.push(resource);
    return this.resources.length - 1;
  }

  get lastId(): number {
    return this.length === 0 ? 0 : (this.ids[this.length - 1] as number);
  }

  /** Writes entry parts at index i (the slot must already exist). */
  private write(i: number, id: number, p: EntryParts): void {
    const resource = this.resources[p.resource] as Resource;
    this.ids[i] = id;
    this.times[i] = p.timeUs;
    this.action[i] = this.actions.intern(p.action);
    this.resType[i] = this.resourceTypes.intern(resource.type);
    this.res[i] = p.resource;
    this.channel[i] = this.channels.intern(p.channel);
    this.actorType[i] = p.actorType === null ? 0 : this.actorTypes.intern(p.actorType);
    this.actorId[i] = p.actorId ?? NULL_ID;
    this.keyRef[i] = p.keyRef;
    this.change[i] = p.change;
    this.extra[i] = p.extra;
    this.flags[i] = p.flags;
    if (p.metadataJson !== undefined) this.metadataOverrides.set(id, p.metadataJson);
  }

  /** Appends in generation order; the caller guarantees (timeUs, id) ascending. */
  push(id: number, parts: EntryParts): void {
    if (this.length === this.ids.length) this.grow(this.length * 2);
    this.write(this.length++, id, parts);
  }

  /** Inserts a new entry with the given (highest) id at its (created_at, id) position. */
  insert(id: number, parts: EntryParts): number {
    if (this.length === this.ids.length) this.grow(this.length * 2);
    const at = this.upperBound(parts.timeUs);
    const atEnd = at === this.length;
    if (!atEnd) for (const col of this.columns()) col.copyWithin(at + 1, at, this.length);
    this.length++;
    this.write(at, id, parts);
    for (const listener of this.insertListeners) listener(at, atEnd);
    return at;
  }

  /** First index whose created_at >= us. */
  lowerBound(us: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.times[mid] as number) < us) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index whose created_at > us. */
  upperBound(us: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.times[mid] as number) <= us) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private changesAt(index: number, fresh: boolean): unknown {
    const text = this.changes.values[index] as string;
    if (fresh) return JSON.parse(text);
    return (this.parsedChanges[index] ??= JSON.parse(text));
  }

  private extrasAt(index: number, fresh: boolean): Record<string, unknown> {
    const text = this.extras.values[index] as string;
    if (fresh) return JSON.parse(text) as Record<string, unknown>;
    return (this.parsedExtras[index] ??= JSON.parse(text) as Record<string, unknown>);
  }

  private metadataAt(i: number, id: number, fresh: boolean): Record<string, unknown> | null {
    const override = this.metadataOverrides.get(id);
    if (override !== undefined) {
      if (fresh) return JSON.parse(override) as Record<string, unknown> | null;
      if (!this.parsedOverrides.has(id)) this.parsedOverrides.set(id, JSON.parse(override) as Record<string, unknown> | null);
      return this.parsedOverrides.get(id) as Record<string, unknown> | null;
    }
    const flags = this.flags[i] as number;
    if (flags & META.NULL) return null;
    const meta: Record<string, unknown> = {};
    if (flags & META.EMPTY) return meta;
    const key = this.keyInfo[(this.keyRef[i] as number) - 1];
    if (key && flags & META.KEY) {
      meta.api_key_id = key.id;
      if (!(flags & META.NO_LABEL)) meta.api_key_label = key.label;
      meta.agent_accessible = key.agent;
    } else if (key && flags & META.LABEL_ONLY) {
      meta.api_key_label = key.label;
    }
    const resource = this.resources[this.res[i] as number] as Resource;
    if (flags & META.KEY_RESOURCE && resource.id !== null) {
      meta.api_key_id = resource.id;
      meta.api_key_label = resource.name;
    }
    if (!(flags & META.NO_NAME) && resource.name !== null) meta.resource_name = resource.name;
    const change = this.change[i] as number;
    if (change !== 0) meta.changes = this.changesAt(change, fresh);
    const extra = this.extra[i] as number;
    if (extra !== 0) Object.assign(meta, this.extrasAt(extra, fresh));
    return meta;
  }

  /**
   * The wire object for index i, exactly what the API serialises. With `fresh` false, nested
   * metadata values are shared with other calls: only for callers that serialise and drop it.
   */
  materialise(i: number, fresh = true): AuditEntryWire {
    const id = this.ids[i] as number;
    const actorType = this.actorType[i] as number;
    const actorId = this.actorId[i] as number;
    const resource = this.resources[this.res[i] as number] as Resource;
    return {
      id,
      resource_type: this.resourceTypes.values[this.resType[i] as number] as string,
      resource_id: resource.id,
      action: this.actions.values[this.action[i] as number] as string,
      channel: this.channels.values[this.channel[i] as number] as string,
      actor_type: actorType === 0 ? null : (this.actorTypes.values[actorType] as string),
      actor_id: actorId === NULL_ID ? null : actorId,
      metadata: this.metadataAt(i, id, fresh),
      created_at: formatTime(this.times[i] as number),
    };
  }
}
