// Which filters a checkpoint belongs to: a readable, order-independent description and its hash.
// The window is left out on purpose: every incremental run has a different one.
import { createHash } from 'node:crypto';
import { describeFilters, type Filters } from '../model/filter.js';

export type FilterDescription = Record<string, unknown>;

const FLAG_NAMES: Record<string, string> = {
  actions: '--action',
  actors: '--actor',
  actor_types: '--actor-type',
  resource: '--resource',
  channel: '--channel',
  search: '--search',
};

/** describeFilters with repeatable flags sorted and deduplicated: `--action a --action b` = `--action b --action a`. */
export function normalizeFilters(filters: Filters): FilterDescription {
  const described = describeFilters(filters);
  const out: FilterDescription = {};
  for (const key of Object.keys(described).sort()) {
    const value = described[key];
    out[key] = Array.isArray(value) ? [...new Set(value.map(String))].sort() : (value ?? null);
  }
  return out;
}

export function fingerprintOf(description: FilterDescription): string {
  const canonical = JSON.stringify(Object.keys(description).sort().map((k) => [k, description[k]]));
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`;
}

const show = (value: unknown) => (value === null || value === undefined || (Array.isArray(value) && value.length === 0) ? '(none)' : Array.isArray(value) ? value.join(', ') : String(value));

/** `--action was trick.destroyed, now playground.*` for every flag that differs. */
export function describeDifferences(before: FilterDescription, now: FilterDescription): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(now)])].sort();
  const lines: string[] = [];
  for (const key of keys) {
    if (JSON.stringify(before[key] ?? null) === JSON.stringify(now[key] ?? null)) continue;
    lines.push(`${FLAG_NAMES[key] ?? key} was ${show(before[key])}, now ${show(now[key])}`);
  }
  return lines;
}
