// The one mapping from audited action families to the API-key scopes they need, and the review of a
// key's granted scopes against what its actions in a window actually needed (`actor key:...`).
//
// Mapping (documented in the README): an action `<family>.<...>.<verb>` needs `<resource>:<level>`.
//   level: read for read-like verbs (downloaded, viewed, exported...), delete for destroyed/deleted/
//   removed/revoked/purged, write for everything else; api_key.* needs keys:manage (the only key scope).
//   A delete is also satisfied by <resource>:manage, and then by <resource>:write (servers that let a
//   write scope delete); a write by <resource>:manage. The first granted scope in that order is credited.
//   resource: the family's plural; a few families have fallbacks tried after it (trick -> tricks, then
//   playgrounds, since Fibe publishes tricks as job-mode playgrounds; template -> templates, then
//   import_templates; webhook_endpoint -> webhooks, then webhook_endpoints).
//   Account security (two_factor, security_key, recovery_codes, session) and billing are not grantable
//   to keys: no scope. Read scopes (and access scopes like mcp:access) are never judged unused, since most
//   reads are not audited; one an audited read (a log download) used is needed like any other. `*` is a
//   wildcard that cannot be narrowed, only compared with the observed minimum.

export type ScopeLevel = 'read' | 'write' | 'delete' | 'manage';

export interface ScopeNeed {
  /** Scope resource names, most specific first. */
  resources: readonly string[];
  level: ScopeLevel;
}

const FAMILY_RESOURCES: Readonly<Record<string, readonly string[]>> = {
  marquee: ['marquees'],
  prop: ['props'],
  template: ['templates', 'import_templates'],
  import_template: ['import_templates', 'templates'],
  playspec: ['playspecs'],
  playground: ['playgrounds'],
  trick: ['tricks', 'playgrounds'],
  agent: ['agents'],
  api_key: ['keys'],
  webhook_endpoint: ['webhooks', 'webhook_endpoints'],
  webhook: ['webhooks', 'webhook_endpoints'],
  secret: ['secrets'],
  job_env: ['job_env'],
  artefact: ['artefacts'],
  mutter: ['mutters'],
  feedback: ['feedbacks'],
  mutation: ['mutations'],
  hunk: ['hunks'],
  team: ['teams'],
  launch: ['launch'],
  repo: ['repos'],
  repository: ['repos'],
};

/** Families no API-key scope can grant: they are done by a person in the web UI or by Fibe itself. */
const UNGRANTABLE = new Set(['two_factor', 'security_key', 'recovery_codes', 'session', 'subscription']);
/** Scope resources that only come as `<resource>:manage`. */
const MANAGE_ONLY = new Set(['keys']);

const READ_VERBS = new Set(['downloaded', 'viewed', 'read', 'exported', 'listed', 'accessed', 'fetched']);
const DELETE_VERBS = new Set(['destroyed', 'deleted', 'removed', 'revoked', 'purged', 'discarded']);

/** Levels that satisfy a need, in the order they are credited. */
const ACCEPTED: Readonly<Record<ScopeLevel, readonly ScopeLevel[]>> = {
  read: ['read', 'write', 'manage'],
  write: ['write', 'manage'],
  delete: ['delete', 'manage', 'write'],
  manage: ['manage'],
};

/** What an action needs; null when no key scope covers it (ungrantable or unknown family). */
export function scopeNeedOf(action: string): ScopeNeed | null {
  const parts = String(action).toLowerCase().split('.');
  const family = parts[0] ?? '';
  if (UNGRANTABLE.has(family)) return null;
  const resources = FAMILY_RESOURCES[family];
  if (!resources) return null;
  if (MANAGE_ONLY.has(resources[0] as string)) return { resources, level: 'manage' };
  const verb = parts.length > 1 ? (parts[parts.length - 1] as string) : '';
  const level: ScopeLevel = READ_VERBS.has(verb) ? 'read' : DELETE_VERBS.has(verb) ? 'delete' : 'write';
  return { resources, level };
}

/** The most specific scope an action needs (`trick.destroyed` -> `tricks:delete`), or null. */
export function minimumScopeOf(action: string): string | null {
  const need = scopeNeedOf(action);
  return need ? `${need.resources[0]}:${need.level}` : null;
}

/** `read` and unknown levels (`mcp:access`) cannot be judged from the audit log; `*` is the wildcard. */
export function scopeLevelOf(scope: string): ScopeLevel | 'wildcard' | 'other' {
  if (scope === '*') return 'wildcard';
  const level = scope.slice(scope.lastIndexOf(':') + 1);
  return level === 'read' || level === 'write' || level === 'delete' || level === 'manage' ? level : 'other';
}

export interface ScopeReview {
  /** The key holds `*`: every scope; it cannot be narrowed by removing scopes. */
  wildcard: boolean;
  /** Granted write/delete/manage scopes some action needed, in granted order. */
  used: string[];
  /** Granted write/delete/manage scopes none of the actions needed, in granted order. */
  unused: string[];
  /** Granted read and other scopes no observed action used, which the audit log cannot judge. */
  unobservable: string[];
  /** The most specific scope of every observed action, sorted: what a narrowed key would need. */
  minimum: string[];
  /** Observed actions no granted scope covers (another vocabulary, or a mapping we lack), sorted. */
  uncovered: string[];
  /** Observed actions with no scope mapping at all (ungrantable or unknown families), sorted. */
  unmapped: string[];
}

/** What a key's review is judged from: all of its activity in the window (command-kit/scope-basis.ts reads it). */
export interface ScopeBasis {
  /** Every action the key took in the window (each once). */
  actions: string[];
  /** How many entries that is. */
  total: number;
  /** True when filters narrowed the entry list, so the review needed its own read. */
  narrowed: boolean;
}

/** Credits each observed action to the first granted scope that satisfies it (see the file header). */
export function reviewScopes(granted: readonly string[], actions: Iterable<string>): ScopeReview {
  const grantedSet = new Set(granted);
  const wildcard = grantedSet.has('*');
  const used = new Set<string>();
  const minimum = new Set<string>();
  const uncovered = new Set<string>();
  const unmapped = new Set<string>();
  for (const action of actions) {
    const need = scopeNeedOf(action);
    if (!need) {
      unmapped.add(action);
      continue;
    }
    minimum.add(`${need.resources[0]}:${need.level}`);
    if (wildcard) continue;
    const credited = ACCEPTED[need.level]
      .flatMap((level) => need.resources.map((resource) => `${resource}:${level}`))
      .find((scope) => grantedSet.has(scope));
    if (credited) used.add(credited);
    else uncovered.add(action);
  }
  const judged = granted.filter((s) => {
    const level = scopeLevelOf(s);
    return level === 'write' || level === 'delete' || level === 'manage';
  });
  return {
    wildcard,
    // An audited read (playground.logs.downloaded) credits its read scope: needed, not unobservable.
    used: wildcard ? [] : granted.filter((s) => used.has(s)),
    unused: wildcard ? [] : judged.filter((s) => !used.has(s)),
    unobservable: granted.filter((s) => s !== '*' && !judged.includes(s) && !used.has(s)),
    minimum: [...minimum].sort(),
    uncovered: [...uncovered].sort(),
    unmapped: [...unmapped].sort(),
  };
}
