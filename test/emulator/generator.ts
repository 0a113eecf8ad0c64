// Builds the seeded world: users, keys, resources and the entry history up to "now", including
// the entries the demo and tests rely on (CI trick.destroyed in the last day, Genie and automation
// activity, every key active within 30 days but the expired one, every action family).

import { PROFILES, type Profile } from './catalog-activity.js';
import { HISTORIC_KEYS, USERS } from './catalog-people.js';
import { buildResourcePools } from './catalog-resources.js';
import { EntryFactory, type KeyWindow } from './entry-factory.js';
import { hostileSpecs, type HostileSpec } from './hostile.js';
import { KeyRing } from './keyring.js';
import { Random } from './random.js';
import { EntryStore, META, type EntryParts } from './store.js';
import { SlotPlanner, US_PER_DAY, US_PER_HOUR, US_PER_SECOND, generateTimes } from './timeline.js';
import type { UserWire } from './types.js';

export interface WorldOptions {
  entries: number;
  seed: number;
  nowMs: number;
  days: number;
  hostile: boolean;
}

export interface World {
  store: EntryStore;
  users: UserWire[];
  keyring: KeyRing;
  /** Entry parts for a new arrival at timeUs (seeded, like the history). */
  makeArrival(timeUs: number): EntryParts;
  /** The id for the next arrival: above every id so far. */
  nextId(): number;
  /** The api_key.destroyed entry a DELETE /api/api_keys/:id by the calling key leaves behind. */
  makeKeyDeletion(callerKeyId: number, deletedKeyId: number, timeUs: number): EntryParts;
}

type Plan = { profile: Profile; action: string } | { hostile: HostileSpec };

export function generateWorld(opts: WorldOptions): World {
  const random = new Random(opts.seed);
  const nowUs = opts.nowMs * 1000;
  const users = USERS.slice(0, 4 + random.int(3));
  const keyring = new KeyRing(random, nowUs);
  const windows: KeyWindow[] = keyring.records.map((r) => ({
    name: r.spec.name, id: r.wire.id, label: r.wire.label, agent: r.spec.agent, createdUs: r.createdUs,
    expiredUs: r.expiresUs !== undefined && r.expiresUs <= nowUs ? r.expiresUs : undefined,
  }));
  const keyResources = [...HISTORIC_KEYS, ...keyring.records.map((r) => ({ id: r.wire.id, label: r.wire.label }))];
  const pools = buildResourcePools(random, users, keyResources);
  const store = new EntryStore(opts.entries + 1024);
  const factory = new EntryFactory(store, random, windows, users, pools, nowUs);

  const endUs = nowUs - random.between(5, 90) * US_PER_SECOND;
  const startUs = endUs - opts.days * US_PER_DAY;
  const times = generateTimes(random, opts.entries, startUs, endUs);
  const planner = new SlotPlanner(times, random);
  const plans = new Map<number, Plan>();

  const plan = (profileName: string, action: string, fromUs: number, toUs: number, count = 1): void => {
    const profile = factory.profile(profileName);
    const at = planner.reserve(Math.max(fromUs, startUs), Math.min(toUs, endUs), count);
    if (at !== undefined) for (let k = 0; k < count; k++) plans.set(at + k, { profile, action });
  };
  const ago = (hours: number): number => nowUs - hours * US_PER_HOUR;
  // Tie groups first, so single entries cannot fragment the windows they need.
  plan('ci', 'trick.destroyed', ago(20), ago(2), 3);
  plan('playguard', 'playground.playguard.recovered', ago(24), nowUs, 2);
  plan('ci', 'trick.destroyed', ago(23), ago(1));
  plan('ci', 'trick.destroyed', ago(12), ago(0.2));
  plan('triage', 'trick.updated', ago(48), nowUs);
  plan('triage', 'playground.updated', ago(24), nowUs);
  plan('docs', 'template.updated', ago(240), ago(24));
  plan('system', 'playground.expired', ago(72), nowUs);
  plan('stripe', 'subscription.renewed', ago(720), nowUs);
  plan('deploy', 'playground.updated', ago(720), nowUs);
  plan('dashboard', 'playground.logs.downloaded', ago(240), nowUs);
  plan('staging', 'playground.created', ago(720), nowUs);
  plan('audit', 'webhook_endpoint.created', ago(720), nowUs);
  const laptop = windows.find((w) => w.name === 'expired');
  if (laptop?.expiredUs !== undefined) plan('laptop', 'secret.updated', laptop.expiredUs - 20 * US_PER_DAY, laptop.expiredUs - US_PER_HOUR);
  // One of every action somewhere in the span, by the first profile that takes it.
  const covered = new Set([...plans.values()].map((p) => ('action' in p ? p.action : '')));
  for (const profile of PROFILES) {
    for (const [action] of profile.actions) {
      if (covered.has(action)) continue;
      covered.add(action);
      const key = windows.find((w) => profile.actor.kind === 'key' && w.name === profile.actor.key);
      plan(profile.name, action, key ? key.createdUs : startUs, key?.expiredUs ?? endUs);
    }
  }
  if (opts.hostile) {
    for (const spec of hostileSpecs()) {
      const at = planner.reserve(Math.max(startUs, ago(168)), endUs);
      if (at !== undefined) plans.set(at, { hostile: spec });
    }
  }

  let id = 40_000 + random.int(1000);
  let previous: { profile: Profile; action: string } | undefined;
  let batch = 0;
  const lastUse = new Float64Array(windows.length + 1);
  for (let i = 0; i < opts.entries; i++) {
    const planned = plans.get(i);
    let parts: EntryParts;
    if (planned && 'hostile' in planned) {
      parts = hostileParts(planned.hostile, times[i] as number, factory, users[0] as UserWire);
      previous = undefined;
    } else if (planned) {
      parts = factory.make(planned.profile, times[i] as number, { action: planned.action, clean: true });
      previous = planned;
    } else if (previous && batch < 5 && random.chance(0.035)) {
      // A batch: one actor doing the same thing to several resources in one instant (a tie).
      times[i] = times[i - 1] as number;
      parts = factory.make(previous.profile, times[i] as number, { action: previous.action });
      batch++;
    } else {
      const profile = factory.pickProfile(times[i] as number);
      parts = factory.make(profile, times[i] as number);
      previous = { profile, action: parts.action };
      batch = 0;
    }
    id += 1 + (random.chance(0.3) ? random.int(4) : 0);
    store.push(id, parts);
    lastUse[parts.keyRef] = parts.timeUs;
  }

  for (let ref = 1; ref < lastUse.length; ref++) {
    const us = lastUse[ref] as number;
    if (us === 0) continue;
    const window = windows[ref - 1] as KeyWindow;
    // Reads are not audited, so a key is usually last used a little after its last audited act.
    const later = us + random.int(2 * US_PER_HOUR);
    keyring.recordLastUse(window.name, Math.min(later, window.expiredUs ?? endUs, endUs));
  }

  let maxId = id;
  return {
    store,
    users,
    keyring,
    makeArrival: (timeUs) => factory.make(factory.pickProfile(timeUs), timeUs),
    nextId: () => (maxId += 1 + (random.chance(0.3) ? 1 : 0)),
    makeKeyDeletion: (callerKeyId, deletedKeyId, timeUs) => ({
      timeUs,
      action: 'api_key.destroyed',
      resource: factory.resourceIndex('ApiKey', deletedKeyId),
      channel: 'api',
      actorType: 'Player',
      actorId: (users[0] as UserWire).id,
      keyRef: windows.findIndex((w) => w.id === callerKeyId) + 1,
      change: 0,
      extra: 0,
      flags: META.KEY,
    }),
  };
}

function hostileParts(spec: HostileSpec, timeUs: number, factory: EntryFactory, player: UserWire): EntryParts {
  return {
    timeUs,
    action: spec.action,
    resource: factory.firstResource(spec.resourceType),
    channel: spec.channel,
    actorType: spec.actorType,
    actorId: spec.actorId === 'player' ? player.id : spec.actorId,
    keyRef: 0,
    change: 0,
    extra: 0,
    flags: 0,
    metadataJson: JSON.stringify(spec.metadata),
  };
}
