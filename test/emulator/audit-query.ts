// /api/audit_logs semantics: parameters to a filter, and the ordered match list for a filter.
// The time window is a binary search; other filters scan only that window, and their match lists
// are cached per filter set and extended as entries arrive, so deep paging stays cheap.

import { instantParam, optional, parsePaging, parseSort, type Paging, type Sort } from './params.js';
import type { EntryStore } from './store.js';

export interface AuditFilter {
  q?: string;
  actionPrefix?: string;
  resourceType?: string;
  channel?: string;
  afterUs?: number;
  beforeUs?: number;
}

export interface AuditQuery extends Paging {
  filter: AuditFilter;
  sort: Sort;
}

export function parseAuditQuery(params: Map<string, string>): AuditQuery {
  const sort = parseSort(params);
  const paging = parsePaging(params);
  const filter: AuditFilter = {
    q: optional(params, 'q'),
    actionPrefix: optional(params, 'action_prefix'),
    resourceType: optional(params, 'resource_type'),
    channel: optional(params, 'channel'),
    afterUs: instantParam(params, 'created_after'),
    beforeUs: instantParam(params, 'created_before'),
  };
  return { filter, sort, ...paging };
}

/** Matches in sort order: `indexAt(p)` is the store index of the p-th match (0-based). */
export interface Matches {
  total: number;
  indexAt(position: number): number;
}

interface CachedList {
  filter: AuditFilter;
  list: Int32Array;
  length: number;
}

const CACHE_SIZE = 32;

function actionMatches(f: AuditFilter, action: string): boolean {
  // q behaves like ILIKE '%q%': case-insensitive, literal; action_prefix like LIKE 'p%'.
  return (f.q === undefined || action.toLowerCase().includes(f.q.toLowerCase()))
    && (f.actionPrefix === undefined || action.startsWith(f.actionPrefix));
}

export class AuditIndex {
  private readonly cache = new Map<string, CachedList>();

  constructor(private readonly store: EntryStore) {
    store.insertListeners.push((index, atEnd) => this.onInsert(index, atEnd));
  }

  find(filter: AuditFilter, sort: Sort): Matches {
    const s = this.store;
    const lo = filter.afterUs === undefined ? 0 : s.lowerBound(filter.afterUs);
    const hi = filter.beforeUs === undefined ? s.length : s.upperBound(filter.beforeUs);
    const asc = sort === 'created_at_asc';
    if (filter.q === undefined && filter.actionPrefix === undefined && filter.resourceType === undefined && filter.channel === undefined) {
      const total = Math.max(0, hi - lo);
      return { total, indexAt: asc ? (p) => lo + p : (p) => hi - 1 - p };
    }
    const cached = this.lookup(filter, lo, hi);
    const list = cached.list;
    const total = cached.length;
    return { total, indexAt: asc ? (p) => list[p] as number : (p) => list[total - 1 - p] as number };
  }

  private lookup(filter: AuditFilter, lo: number, hi: number): CachedList {
    const key = JSON.stringify([filter.q, filter.actionPrefix, filter.resourceType, filter.channel, filter.afterUs, filter.beforeUs]);
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const built = this.build(filter, lo, hi);
    this.cache.set(key, built);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return built;
  }

  private build(filter: AuditFilter, lo: number, hi: number): CachedList {
    const s = this.store;
    const actionOk = Uint8Array.from(s.actions.values, (a) => (actionMatches(filter, a) ? 1 : 0));
    const type = filter.resourceType === undefined ? -1 : s.resourceTypes.find(filter.resourceType) ?? -2;
    const channel = filter.channel === undefined ? -1 : s.channels.find(filter.channel) ?? -2;
    const scratch = new Int32Array(Math.max(0, hi - lo));
    let n = 0;
    if (type !== -2 && channel !== -2) {
      for (let i = lo; i < hi; i++) {
        if (actionOk[s.action[i] as number] === 0) continue;
        if (type !== -1 && s.resType[i] !== type) continue;
        if (channel !== -1 && s.channel[i] !== channel) continue;
        scratch[n++] = i;
      }
    }
    const list = new Int32Array(Math.max(n, 16));
    list.set(scratch.subarray(0, n));
    return { filter, list, length: n };
  }

  private matchesAt(f: AuditFilter, i: number): boolean {
    const s = this.store;
    const t = s.times[i] as number;
    return (f.afterUs === undefined || t >= f.afterUs)
      && (f.beforeUs === undefined || t <= f.beforeUs)
      && actionMatches(f, s.actions.values[s.action[i] as number] as string)
      && (f.resourceType === undefined || s.resourceTypes.values[s.resType[i] as number] === f.resourceType)
      && (f.channel === undefined || s.channels.values[s.channel[i] as number] === f.channel);
  }

  private onInsert(index: number, atEnd: boolean): void {
    // A mid-list insert shifts every index after it: drop the cache rather than patch it.
    if (!atEnd) {
      this.cache.clear();
      return;
    }
    for (const c of this.cache.values()) {
      if (!this.matchesAt(c.filter, index)) continue;
      if (c.length === c.list.length) {
        const grown = new Int32Array(Math.max(16, c.list.length * 2));
        grown.set(c.list);
        c.list = grown;
      }
      c.list[c.length++] = index;
    }
  }
}

/** A page of matches: store indices in sort order. */
export function pageIndices(matches: Matches, page: number, perPage: number): number[] {
  const start = (page - 1) * perPage;
  const end = Math.min(matches.total, start + perPage);
  const out: number[] = [];
  for (let p = start; p < end; p++) out.push(matches.indexAt(p));
  return out;
}
