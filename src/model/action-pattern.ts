// --action patterns: exact `trick.destroyed`, prefix `playground.*`, glob `*.destroyed` / `*.player.*`.
// Actions are lower case on the wire; patterns and actions are compared case-insensitively anyway.
import { UsageError } from '../errors.js';

export interface ActionPattern {
  /** The pattern, trimmed and lower-cased. */
  text: string;
  kind: 'exact' | 'prefix' | 'glob';
  test(action: string): boolean;
}

export const ACCEPTED_ACTION_FORMS = 'use an action like trick.destroyed, a prefix like playground.*, or a glob like *.destroyed';

// Letters, digits, `_`, `-`, `:` and dots between segments; `*` anywhere stands for any run, dots included.
const VALID = /^[a-z0-9_:*-]+(?:\.[a-z0-9_:*-]+)*\.?$/;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The literal text before the first `*` (the whole pattern when it has none). */
export function literalPrefixOf(pattern: ActionPattern): string {
  const star = pattern.text.indexOf('*');
  return star === -1 ? pattern.text : pattern.text.slice(0, star);
}

/** The literal runs between stars, e.g. `*.player.*` -> ['', '.player.', '']. */
export function literalRunsOf(pattern: ActionPattern): string[] {
  return pattern.text.split('*');
}

/** Parses one --action value; UsageError on empty or malformed patterns. */
export function parseActionPattern(text: string): ActionPattern {
  const t = String(text ?? '').trim().toLowerCase();
  if (t === '') throw new UsageError(`--action: empty pattern (${ACCEPTED_ACTION_FORMS})`);
  if (!VALID.test(t) || (/^[.*]+$/.test(t) && t !== '*')) {
    throw new UsageError(`--action: cannot read '${text}' as an action pattern (${ACCEPTED_ACTION_FORMS})`);
  }
  if (!t.includes('*')) {
    // `playground.` reads as the prefix `playground.*`.
    if (t.endsWith('.')) return { text: `${t}*`, kind: 'prefix', test: (a) => lower(a).startsWith(t) };
    return { text: t, kind: 'exact', test: (a) => lower(a) === t };
  }
  const firstStar = t.indexOf('*');
  if (firstStar === t.length - 1 && t.endsWith('.*')) {
    const prefix = t.slice(0, -1);
    return { text: t, kind: 'prefix', test: (a) => lower(a).startsWith(prefix) };
  }
  const re = new RegExp(`^${t.split('*').map(escapeRegExp).join('.*')}$`, 's');
  return { text: t, kind: 'glob', test: (a) => re.test(lower(a)) };
}

function lower(action: unknown): string {
  return typeof action === 'string' ? action.toLowerCase() : '';
}
