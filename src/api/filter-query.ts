// The filter pushed down to GET /api/audit_logs: only narrowings that keep every entry the client wants.
// The client re-checks every entry with model/filter.ts compileFilter, whatever the server was sent.
import { windowEndParam } from './window-end.js';
import { literalPrefixOf, literalRunsOf, type ActionPattern } from '../model/action-pattern.js';
import type { Filters } from '../model/filter.js';
import type { QueryParams } from './types.js';

function commonPrefix(texts: string[]): string {
  if (texts.length === 0) return '';
  let prefix = texts[0] as string;
  for (const t of texts.slice(1)) {
    let i = 0;
    while (i < prefix.length && i < t.length && prefix[i] === t[i]) i++;
    prefix = prefix.slice(0, i);
  }
  return prefix;
}

/**
 * What the API can narrow on for the action patterns. One pattern: its literal prefix as
 * `action_prefix`, plus (for globs) the longest literal run after it as `q`; a leading-star glob
 * sends only `q`. Several patterns (OR): only a prefix all of them share, since `q` and
 * `action_prefix` each take one value.
 */
function actionParams(patterns: ActionPattern[]): QueryParams {
  if (patterns.length === 0) return {};
  if (patterns.length > 1) {
    const shared = commonPrefix(patterns.map(literalPrefixOf));
    return shared === '' ? {} : { action_prefix: shared };
  }
  const pattern = patterns[0] as ActionPattern;
  const out: QueryParams = {};
  const prefix = literalPrefixOf(pattern);
  if (prefix !== '') out.action_prefix = prefix;
  if (pattern.kind === 'glob') {
    const runs = literalRunsOf(pattern).slice(1);
    const longest = runs.reduce((best, run) => (run.length > best.length ? run : best), '');
    if (longest.length > 0 && !(prefix !== '' && prefix.includes(longest))) out.q = longest;
  }
  return out;
}

/**
 * Query parameters for GET /api/audit_logs. Actor types are never pushed down as `channel=api`:
 * older-style ApiKey/Genie entries may carry another channel (or none), and the server has no
 * actor filter, so any narrowing there could drop entries the client wants. Actor refs, resource
 * id and --search are client-side only (the API has no such filters; `q` covers action alone).
 */
export function buildServerQuery(f: Filters): QueryParams {
  const params: QueryParams = { ...actionParams(f.actions) };
  if (f.resource) params.resource_type = f.resource.type;
  if (f.channel !== undefined) params.channel = f.channel;
  if (f.window.start) params.created_after = f.window.start.toISOString();
  params.created_before = windowEndParam(f.window.end.getTime());
  return params;
}

/** The server parameters without the window: the walk sets (and splits) the window itself. */
export function buildServerFilterParams(f: Filters): QueryParams {
  const params = buildServerQuery(f);
  delete params.created_after;
  delete params.created_before;
  return params;
}
