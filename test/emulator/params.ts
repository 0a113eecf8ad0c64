// Query-parameter parsing and validation shared by /api/audit_logs and /api/api_keys, and the
// typed error the server turns into FIBE-API.md's error envelope.

import type { QueryInput } from './types.js';

export class EmulatorApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'EmulatorApiError';
  }
}

export const MAX_PAGE = 1000;
export const MAX_PER_PAGE = 100;
export const DEFAULT_PER_PAGE = 25;
export const SORTS = ['created_at_desc', 'created_at_asc'] as const;
export type Sort = (typeof SORTS)[number];

/** Parameters as name -> value; a repeated name keeps its last value (as Rails does). */
export function readParams(input: QueryInput | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (input === undefined) return out;
  if (input instanceof URLSearchParams) {
    for (const [k, v] of input) out.set(k, v);
    return out;
  }
  for (const [k, v] of Object.entries(input)) if (v !== undefined) out.set(k, String(v));
  return out;
}

/** A filter value; empty strings count as absent. */
export function optional(params: Map<string, string>, name: string): string | undefined {
  const v = params.get(name);
  return v === undefined || v === '' ? undefined : v;
}

function positiveInt(params: Map<string, string>, name: string, fallback: number): number {
  const raw = params.get(name);
  if (raw === undefined) return fallback;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1)) {
    throw new EmulatorApiError(400, 'BAD_REQUEST', `${name} must be a positive integer`, { param: name, value: raw });
  }
  return n;
}

export interface Paging {
  page: number;
  /** Already clamped to MAX_PER_PAGE. */
  perPage: number;
}

export function parsePaging(params: Map<string, string>): Paging {
  const page = positiveInt(params, 'page', 1);
  if (page > MAX_PAGE) {
    throw new EmulatorApiError(400, 'BAD_REQUEST', `page must be at most ${MAX_PAGE}; narrow the query with created_after/created_before`, { param: 'page', value: params.get('page'), max: MAX_PAGE });
  }
  return { page, perPage: Math.min(positiveInt(params, 'per_page', DEFAULT_PER_PAGE), MAX_PER_PAGE) };
}

export function parseSort(params: Map<string, string>): Sort {
  const raw = optional(params, 'sort');
  if (raw === undefined) return 'created_at_desc';
  if ((SORTS as readonly string[]).includes(raw)) return raw as Sort;
  throw new EmulatorApiError(400, 'INVALID_SORT', `sort must be one of ${SORTS.join(', ')}`, { param: 'sort', value: raw, allowed: [...SORTS] });
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** ISO 8601 instant (or date, read as UTC midnight; no zone means UTC) to epoch µs; undefined if invalid. */
export function parseInstant(text: string): number | undefined {
  const m = INSTANT.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((s) => (s === undefined ? undefined : Number(s)));
  const date = new Date(0);
  date.setUTCFullYear(year as number, (month as number) - 1, day as number);
  date.setUTCHours(hour, minute, second, 0);
  if (date.getUTCMonth() !== (month as number) - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  const fraction = Number(((m[7] ?? '') + '000000').slice(0, 6));
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone && zone !== 'Z' && zone !== 'z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || '0');
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return (date.getTime() - offsetMinutes * 60_000) * 1000 + fraction;
}

export function instantParam(params: Map<string, string>, name: string): number | undefined {
  const raw = optional(params, name);
  if (raw === undefined) return undefined;
  const us = parseInstant(raw);
  if (us === undefined) {
    throw new EmulatorApiError(400, 'BAD_REQUEST', `${name} must be an ISO 8601 time such as 2026-11-25T14:03:11Z`, { param: name, value: raw });
  }
  return us;
}
