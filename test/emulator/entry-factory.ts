// Turns "profile X does action Y at time T" into stored entry parts: the actor in one of the two
// wire styles of FIBE-API.md, the resource, field changes, extras and (sometimes partial) metadata.

import { CHANGES, EXTRAS, PROFILES, resourceTypeOf, type Profile } from './catalog-activity.js';
import { HISTORIC_KEYS } from './catalog-people.js';
import type { Resource } from './catalog-resources.js';
import { Random, WeightedPicker } from './random.js';
import { META, type EntryParts, type EntryStore } from './store.js';
import { US_PER_DAY } from './timeline.js';
import type { UserWire } from './types.js';

export interface KeyWindow {
  /** Name in Emulator.keys. */
  name: string;
  id: number;
  label: string;
  agent: boolean;
  createdUs: number;
  /** Instant the key stopped working, if it expired. */
  expiredUs: number | undefined;
}

export interface MakeOptions {
  action?: string;
  /** Full metadata, no partial variants (for guaranteed entries). */
  clean?: boolean;
}

/** Per action, worked out once: its resource type and interned change/extra variants. */
interface ActionInfo {
  type: string;
  changes: number[];
  extras: number[];
}

export class EntryFactory {
  private readonly profilePicker = new WeightedPicker(PROFILES.map((p) => p.weight));
  private readonly actionPickers = new Map<Profile, WeightedPicker>();
  private readonly poolIndex = new Map<string, number[]>();
  private readonly keyRefs = new Map<string, number>();
  private readonly profileKeys = new Map<Profile, KeyWindow>();
  private readonly actionInfo = new Map<string, ActionInfo>();

  constructor(
    private readonly store: EntryStore,
    private readonly random: Random,
    keys: readonly KeyWindow[],
    private readonly users: readonly UserWire[],
    pools: Map<string, Resource[]>,
    private readonly nowUs: number,
  ) {
    for (const p of PROFILES) this.actionPickers.set(p, new WeightedPicker(p.actions.map(([, w]) => w)));
    for (const [type, resources] of pools) this.poolIndex.set(type, resources.map((r) => store.addResource(r)));
    keys.forEach((k, i) => {
      store.keyInfo.push({ id: k.id, label: k.label, agent: k.agent });
      this.keyRefs.set(k.name, i + 1);
    });
    for (const p of PROFILES) {
      const key = keys.find((k) => p.actor.kind === 'key' && k.name === p.actor.key);
      if (key) this.profileKeys.set(p, key);
    }
  }

  private infoOf(action: string): ActionInfo {
    let info = this.actionInfo.get(action);
    if (!info) {
      const type = resourceTypeOf(action);
      const changes = action.endsWith('.updated') ? CHANGES[type] ?? [] : [];
      info = {
        type,
        changes: changes.map((c) => this.store.changes.intern(JSON.stringify(c))),
        extras: (EXTRAS[action] ?? []).map((e) => this.store.extras.intern(JSON.stringify(e))),
      };
      this.actionInfo.set(action, info);
    }
    return info;
  }

  profile(name: string): Profile {
    const p = PROFILES.find((candidate) => candidate.name === name);
    if (!p) throw new Error(`unknown profile ${name}`);
    return p;
  }

  private keyOf(profile: Profile): KeyWindow | undefined {
    return this.profileKeys.get(profile);
  }

  /** Whether the profile could act at timeUs (keys only between creation and expiry). */
  activeAt(profile: Profile, timeUs: number): boolean {
    const key = this.keyOf(profile);
    return !key || (timeUs >= key.createdUs && (key.expiredUs === undefined || timeUs < key.expiredUs));
  }

  /** A weighted random profile able to act at timeUs. */
  pickProfile(timeUs: number): Profile {
    for (let attempt = 0; attempt < 8; attempt++) {
      const p = PROFILES[this.profilePicker.pick(this.random)] as Profile;
      if (this.activeAt(p, timeUs)) return p;
    }
    return this.profile('owner');
  }

  pickAction(profile: Profile): string {
    return (profile.actions[(this.actionPickers.get(profile) as WeightedPicker).pick(this.random)] as readonly [string, number])[0];
  }

  /** Older wire style dominates old data: Fibe moved to the newer style over the last weeks. */
  private usesOlderStyle(timeUs: number): boolean {
    const ageDays = (this.nowUs - timeUs) / US_PER_DAY;
    return this.random.chance(ageDays > 45 ? 0.85 : ageDays > 20 ? 0.4 : 0.08);
  }

  /** The first (busiest) resource of a type's pool. */
  firstResource(type: string): number {
    const pool = this.poolIndex.get(type) ?? (this.poolIndex.get('Playground') as number[]);
    return pool[0] as number;
  }

  /** The store index of a pooled resource by type and id (the first of its pool when unknown). */
  resourceIndex(type: string, id: number): number {
    const pool = this.poolIndex.get(type) ?? [];
    return pool.find((r) => this.store.resources[r]?.id === id) ?? this.firstResource(type);
  }

  private pickResource(type: string, action: string, actingUser: UserWire | undefined): number {
    if (type === 'Player' && actingUser) {
      const players = this.poolIndex.get('Player') as number[];
      return players[this.users.indexOf(actingUser)] as number;
    }
    const pool = this.poolIndex.get(type) ?? (this.poolIndex.get('Playground') as number[]);
    // Only keys deleted long ago (the head of the ApiKey pool) get destroyed; current keys live on.
    if (action === 'api_key.destroyed') return pool[this.random.int(HISTORIC_KEYS.length)] as number;
    // The first resources of each pool are the busy ones (a few playgrounds and tricks get most traffic).
    const skewed = this.random.chance(0.5) ? this.random.int(Math.min(8, pool.length)) : this.random.int(pool.length);
    return pool[skewed] as number;
  }

  make(profile: Profile, timeUs: number, opts: MakeOptions = {}): EntryParts {
    const action = opts.action ?? this.pickAction(profile);
    const older = this.usesOlderStyle(timeUs);
    const player = this.users[0] as UserWire;
    let actorType: string;
    let actorId: number | null = null;
    let channel: string;
    let keyRef = 0;
    let flags = 0;
    let actingUser: UserWire | undefined;
    const actor = profile.actor;
    if (actor.kind === 'key') {
      const key = this.keyOf(profile) as KeyWindow;
      keyRef = this.keyRefs.get(key.name) as number;
      channel = 'api';
      if (older) {
        actorType = key.agent ? (this.random.chance(0.5) ? 'Genie' : 'Agent') : this.random.chance(0.5) ? 'ApiKey' : 'api_key';
        actorId = key.id;
        if (this.random.chance(0.3)) flags |= META.LABEL_ONLY;
      } else {
        actorType = 'Player';
        actorId = player.id;
        flags |= META.KEY;
        if (!opts.clean && this.random.chance(0.04)) flags |= META.NO_LABEL;
      }
    } else if (actor.kind === 'ui') {
      actingUser = actor.user === 'main' ? player : this.users[1 + this.random.int(this.users.length - 1)];
      actorType = older ? 'User' : 'Player';
      actorId = (actingUser as UserWire).id;
      channel = 'ui';
    } else {
      actorType = actor.actorType;
      channel = actor.channel;
    }
    const info = this.infoOf(action);
    const resource = this.pickResource(info.type, action, actingUser);
    if (info.type === 'ApiKey' && channel === 'ui') flags |= META.KEY_RESOURCE;
    const change = info.changes.length > 0 && (opts.clean || this.random.chance(0.85)) ? this.random.pick(info.changes) : 0;
    const extra = info.extras.length > 0 ? this.random.pick(info.extras) : 0;
    if (!opts.clean) {
      if (this.random.chance(0.03)) flags |= META.NO_NAME;
      // Metadata lost entirely only where the actor does not depend on it.
      if (!(flags & META.KEY)) {
        const r = this.random.next();
        if (r < 0.01) flags = META.EMPTY;
        else if (r < 0.02) flags = META.NULL;
      }
    }
    return { timeUs, action, resource, channel, actorType, actorId, keyRef, change, extra, flags };
  }
}
