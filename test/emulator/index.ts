// startEmulator(): a local Fibe API (FIBE-API.md) on 127.0.0.1 with seeded data, for tests, the
// demo and benchmarks. Wires the generated world, the query index, rate limits and faults together.

import type { AddressInfo } from 'node:net';
import { AuditIndex, parseAuditQuery } from './audit-query.js';
import { FaultInjector } from './faults.js';
import { LiveFeed } from './live.js';
import { generateWorld } from './generator.js';
import { readParams } from './params.js';
import { Random } from './random.js';
import { RateLimiter } from './rate-limit.js';
import { createEmulatorServer } from './server.js';
import type { EntryParts } from './store.js';
import { warmEntriesJson } from './wire-json.js';
import type { AuditEntryWire, Emulator, EmulatorData, EmulatorOptions, QueryInput, UserWire } from './types.js';

export type {
  ApiKeyWire, AuditEntryWire, Emulator, EmulatorData, EmulatorOptions, FaultKind, Faults, QueryInput, RecordedRequest, UserWire,
} from './types.js';
export { EmulatorApiError } from './params.js';

function clockOf(now: EmulatorOptions['now']): () => number {
  if (now === undefined) return () => Date.now();
  if (typeof now === 'function') return () => now().getTime();
  const fixed = now.getTime();
  return () => fixed;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const nowMs = clockOf(opts.now);
  const seed = opts.seed ?? 1;
  const world = generateWorld({
    entries: Math.max(0, Math.floor(opts.entries ?? 5000)),
    seed,
    nowMs: nowMs(),
    days: opts.days ?? 90,
    hostile: opts.hostile ?? false,
  });
  const { store, keyring } = world;
  if (opts.warmJson) warmEntriesJson(store);
  const index = new AuditIndex(store);
  let perHour = opts.rateLimitPerHour ?? 5000;
  const limiter = new RateLimiter(perHour, opts.resetHeader ?? 'delta', nowMs);
  const faults = new FaultInjector(seed, opts.faults);
  const requests: Emulator['requests'] = [];
  const ids = new Random(seed ^ 0x1d);

  const insertEntry = (parts: EntryParts): number => store.insert(world.nextId(), parts);
  const live = opts.live ? new LiveFeed(opts.live, seed, nowMs, (timeUs) => store.ids[insertEntry(world.makeArrival(timeUs))] as number) : null;
  // Live arrivals become visible lazily, whenever anyone looks: the clock alone decides what exists.
  const catchUp = () => live?.catchUp();
  const addEntries: Emulator['addEntries'] = (count, addOpts = {}) => {
    const added: AuditEntryWire[] = [];
    for (let k = 0; k < count; k++) {
      const timeUs = addOpts.at !== undefined ? addOpts.at.getTime() * 1000
        : addOpts.sameTimestampAs === 'newest' && store.length > 0 ? (store.times[store.length - 1] as number)
        : nowMs() * 1000;
      added.push(store.materialise(insertEntry(world.makeArrival(timeUs))));
    }
    return added;
  };

  const matchesOf = (params: QueryInput | undefined) => {
    const q = parseAuditQuery(readParams(params));
    return index.find(q.filter, q.sort);
  };
  const player: UserWire = { ...(world.users[0] as UserWire) };
  const data: EmulatorData = {
    *entries() {
      catchUp();
      for (let i = 0; i < store.length; i++) yield store.materialise(i);
    },
    get count() {
      catchUp();
      return store.length;
    },
    get apiKeys() {
      return keyring.list();
    },
    users: world.users.map((u) => ({ ...u })),
    player,
    tokenFor(id) {
      const record = keyring.byId(id);
      if (!record) throw new Error(`no API key with id ${id}`);
      return record.token;
    },
    keyId(name) {
      const record = keyring.byName(name);
      if (!record) throw new Error(`no API key named ${name}`);
      return record.wire.id;
    },
    query(params) {
      catchUp();
      const m = matchesOf(params);
      return Array.from({ length: m.total }, (_, p) => store.materialise(m.indexAt(p)));
    },
    queryIds(params) {
      catchUp();
      const m = matchesOf(params);
      return Array.from({ length: m.total }, (_, p) => store.ids[m.indexAt(p)] as number);
    },
    newest() {
      catchUp();
      return store.length === 0 ? undefined : store.materialise(store.length - 1);
    },
  };

  const server = createEmulatorServer({
    world,
    index,
    limiter,
    nowMs,
    insertEntry: (parts) => void insertEntry(parts),
    faults,
    requests,
    requestId: () => `req_${ids.text(24, '0123456789abcdef')}`,
    addArrivals: (count) => void addEntries(count),
    beforeRequest: catchUp,
    rateLimitPerHour: () => perHour,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const keys: Emulator['keys'] = { full: '', no_audit: '', no_keys: '', expired: '' };
  for (const record of keyring.records) keys[record.spec.name] = record.token;
  for (const [alias, name] of [['deploy', 'no_audit'], ['dashboard', 'no_keys'], ['laptop', 'expired']] as const) {
    keys[alias] = keys[name] as string;
  }

  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    keys,
    data,
    requests,
    setFaults: (f) => faults.set(f),
    failNext: (count, kind, failOpts) => faults.enqueue(count, kind, failOpts),
    addEntries,
    setRateLimit(n) {
      perHour = n;
      limiter.setLimit(n);
    },
    resetRateLimit: () => limiter.refill(),
    live,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
