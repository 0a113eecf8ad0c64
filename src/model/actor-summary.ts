// Everything `actor <ref>` reports, gathered in ONE pass over the actor's entries: totals, first and
// last seen, counts by action and resource, per-day activity, called-out actions and the recent N.
import type { Actor, Entry } from './entry.js';
import type { Window } from '../time/parse.js';
import type { Zone } from '../time/zone.js';
import { parseTimestamp } from '../time/parse.js';
import { riskOf, type ActionRisk } from './action-risk.js';
import { dayKeyOf, dayKeysBetween } from './group.js';

export interface ResourceCount {
  resource_type: string | null;
  resource_id: number | string | null;
  resource_name: string | null;
  count: number;
}

export interface CalledOut {
  action: string;
  risk: Exclude<ActionRisk, null>;
  count: number;
}

export interface ActorSummary {
  total: number;
  /** created_at of the oldest and newest entry, as the API wrote them. */
  firstSeen: string | null;
  lastSeen: string | null;
  /** Most entries first, then by name. */
  byAction: Array<[action: string, count: number]>;
  /** Most entries first, then by type and id. */
  resources: ResourceCount[];
  /** Every day of the window in --tz, in order, empty days included. */
  perDay: Array<[day: string, count: number]>;
  /** Entries whose action is destructive or security-sensitive (model/action-risk.ts). */
  destructive: number;
  calledOut: CalledOut[];
  /** Newest first: the most recent `keep` entries (all when keep is null). */
  recent: Entry[];
  /** The actor of the newest entry (labels change; the newest wins). */
  latestActor: Actor | null;
}

/**
 * Keeps the most recent entries. Input newest first: the first N are kept and the rest ignored;
 * oldest first: a ring of N slots overwritten in turn. Memory stays at N whatever the volume.
 */
export class RecentEntries {
  private readonly slots: Entry[] = [];
  private next = 0;
  constructor(
    private readonly keep: number | null,
    private readonly order: 'asc' | 'desc',
  ) {}

  push(e: Entry): void {
    if (this.keep === null || this.slots.length < this.keep) {
      this.slots.push(e);
      return;
    }
    if (this.order === 'desc' || this.keep === 0) return;
    this.slots[this.next] = e;
    this.next = (this.next + 1) % this.keep;
  }

  /** Newest first. */
  list(): Entry[] {
    if (this.order === 'desc') return [...this.slots];
    const chronological = [...this.slots.slice(this.next), ...this.slots.slice(0, this.next)];
    return chronological.reverse();
  }
}

function text(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  return typeof value === 'string' ? value : String(value);
}

function resourceIdOf(value: unknown): number | string | null {
  return typeof value === 'number' || (typeof value === 'string' && value !== '') ? value : null;
}

function nameOf(e: Entry): string | null {
  const m = e.metadata as unknown;
  if (m === null || typeof m !== 'object' || Array.isArray(m)) return null;
  return text((m as Record<string, unknown>).resource_name);
}

const byCountThenName = <T>(a: [string, T & { count: number }], b: [string, T & { count: number }]) =>
  b[1].count - a[1].count || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** What a source that aggregates by itself (the mirror's engine) hands over instead of each entry. */
export interface ActorDigest {
  total: number;
  /** Oldest and newest created_at as the API wrote them, with their epoch ms. */
  first: { ms: number; at: string } | null;
  last: { ms: number; at: string } | null;
  actions: Array<[action: string, count: number]>;
  days: Array<[day: string, count: number]>;
  resources: ResourceCount[];
  /** The newest entries, newest first (at least one when total > 0). */
  recent: Entry[];
}

export interface ActorSummaryBuilder {
  add(e: Entry): void;
  /** Merges a digest as if its entries had been added (newest first). */
  addDigest(d: ActorDigest): void;
  finish(): ActorSummary;
}

export function createActorSummary(opts: {
  zone: Zone;
  window: Window;
  keep: number | null;
  order: 'asc' | 'desc';
}): ActorSummaryBuilder {
  const { zone, window } = opts;
  let total = 0;
  let first: { ms: number; at: string } | null = null;
  let last: { ms: number; at: string } | null = null;
  let latestActor: Actor | null = null;
  let destructive = 0;
  const actions = new Map<string, { count: number }>();
  const resources = new Map<string, ResourceCount>();
  const days = new Map<string, number>();
  const calledOut = new Map<string, CalledOut>();
  const recent = new RecentEntries(opts.keep, opts.order);

  return {
    add(e) {
      total += 1;
      recent.push(e);
      const ms = parseTimestamp(e.created_at);
      if (!Number.isNaN(ms)) {
        if (first === null || ms < first.ms) first = { ms, at: e.created_at };
        // Ties on created_at: the later-listed entry is the newer one only when reading oldest first.
        if (last === null || ms > last.ms || (ms === last.ms && opts.order === 'asc')) {
          last = { ms, at: e.created_at };
          latestActor = e.actor;
        }
        const day = dayKeyOf(ms, zone);
        days.set(day, (days.get(day) ?? 0) + 1);
      }
      const action = text(e.action) ?? '';
      const a = actions.get(action);
      if (a) a.count += 1;
      else actions.set(action, { count: 1 });
      const risk = riskOf(action);
      if (risk) {
        destructive += 1;
        const c = calledOut.get(action);
        if (c) c.count += 1;
        else calledOut.set(action, { action, risk, count: 1 });
      }
      const type = text(e.resource_type);
      const id = resourceIdOf(e.resource_id);
      if (type !== null || id !== null) {
        const key = `${type ?? ''}\u0000${id ?? ''}`;
        const r = resources.get(key);
        if (r) {
          r.count += 1;
          // The newest name wins: renamed resources show their current name.
          const name = nameOf(e);
          if (name !== null && opts.order === 'asc') r.resource_name = name;
          if (r.resource_name === null) r.resource_name = name;
        } else {
          resources.set(key, { resource_type: type, resource_id: id, resource_name: nameOf(e), count: 1 });
        }
      }
    },
    addDigest(d) {
      total += d.total;
      if (d.first && (first === null || d.first.ms < (first as { ms: number }).ms)) first = d.first;
      if (d.last && (last === null || d.last.ms > (last as { ms: number }).ms)) {
        last = d.last;
        latestActor = d.recent[0]?.actor ?? latestActor;
      }
      for (const e of d.recent) recent.push(e);
      for (const [action, count] of d.actions) {
        const a = actions.get(action);
        if (a) a.count += count;
        else actions.set(action, { count });
        const risk = riskOf(action);
        if (!risk) continue;
        destructive += count;
        const c = calledOut.get(action);
        if (c) c.count += count;
        else calledOut.set(action, { action, risk, count });
      }
      for (const [day, count] of d.days) days.set(day, (days.get(day) ?? 0) + count);
      for (const r of d.resources) {
        const key = `${r.resource_type ?? ''}\u0000${r.resource_id ?? ''}`;
        const had = resources.get(key);
        if (had) {
          had.count += r.count;
          had.resource_name ??= r.resource_name;
        } else {
          resources.set(key, { ...r });
        }
      }
    },
    finish() {
      const dayKeys = window.start ? dayKeysBetween(window.start, window.end, zone) : [];
      const allDays = [...new Set([...dayKeys, ...days.keys()])].sort();
      return {
        total,
        firstSeen: (first as { at: string } | null)?.at ?? null,
        lastSeen: (last as { at: string } | null)?.at ?? null,
        byAction: [...actions.entries()].sort(byCountThenName).map(([k, v]) => [k, v.count]),
        resources: [...resources.values()].sort(
          (a, b) =>
            b.count - a.count ||
            String(a.resource_type ?? '').localeCompare(String(b.resource_type ?? '')) ||
            String(a.resource_id ?? '').localeCompare(String(b.resource_id ?? ''), 'en', { numeric: true }),
        ),
        perDay: allDays.map((d) => [d, days.get(d) ?? 0]),
        destructive,
        calledOut: [...calledOut.entries()].sort(byCountThenName).map(([, v]) => v),
        recent: recent.list(),
        latestActor,
      };
    },
  };
}
