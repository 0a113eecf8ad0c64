// What the emulator's own tests share: a fixed clock, a fetch wrapper, and an independent oracle
// that filters and orders entries the slow, obvious way to check the server's fast path against.

import { parseInstant } from './params.js';
import type { AuditEntryWire, Emulator } from './types.js';

export const NOW = new Date('2026-11-26T12:00:00.000Z');
export const NOW_US = NOW.getTime() * 1000;

export interface Answer {
  status: number;
  headers: Headers;
  /** Parsed JSON; `any` because the shape is what the test asserts. */
  body: any;
}

export async function get(
  em: Emulator,
  path: string,
  params: Record<string, string | number> = {},
  key: string | null = em.keys.full,
  method = 'GET',
): Promise<Answer> {
  const url = new URL(path, em.url);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v));
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (key !== null) headers.Authorization = `Bearer ${key}`;
  const res = await fetch(url, { method, headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? undefined : JSON.parse(text) };
}

/** Every page of a query, per_page 100, concatenated. */
export async function walk(em: Emulator, params: Record<string, string | number>): Promise<{ ids: number[]; pages: number; total: number }> {
  const ids: number[] = [];
  let total = -1;
  let page = 1;
  for (;; page++) {
    const r = await get(em, '/api/audit_logs', { ...params, per_page: 100, page });
    if (r.status !== 200) throw new Error(`page ${page}: ${r.status} ${JSON.stringify(r.body)}`);
    total = r.body.meta.total;
    if (r.body.data.length === 0) break;
    for (const e of r.body.data) ids.push(e.id);
  }
  return { ids, pages: page - 1, total };
}

export const timeUs = (e: AuditEntryWire): number => parseInstant(e.created_at) as number;

export interface OracleFilter {
  q?: string;
  action_prefix?: string;
  resource_type?: string;
  channel?: string;
  created_after?: string;
  created_before?: string;
  sort?: 'created_at_asc' | 'created_at_desc';
}

/** Expected ids for a filter, computed from scratch over every entry. */
export function oracle(all: readonly AuditEntryWire[], f: OracleFilter): number[] {
  const after = f.created_after === undefined ? -Infinity : (parseInstant(f.created_after) as number);
  const before = f.created_before === undefined ? Infinity : (parseInstant(f.created_before) as number);
  const hits = all.filter((e) => {
    const t = timeUs(e);
    return t >= after && t <= before
      && (f.q === undefined || e.action.toLowerCase().includes(f.q.toLowerCase()))
      && (f.action_prefix === undefined || e.action.startsWith(f.action_prefix))
      && (f.resource_type === undefined || e.resource_type === f.resource_type)
      && (f.channel === undefined || e.channel === f.channel);
  });
  const dir = f.sort === 'created_at_asc' ? 1 : -1;
  hits.sort((a, b) => dir * (timeUs(a) - timeUs(b) || a.id - b.id));
  return hits.map((e) => e.id);
}
