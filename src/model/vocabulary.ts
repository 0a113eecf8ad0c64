// The values filters are compared with, as far as they are known: the documented action names and
// channels (FIBE-API.md), the resource types the actions name, plus what a window's entries hold.
// Used only to suggest a value when a filter matched nothing; never to reject one (the sets are open).
export const CHANNELS = ['api', 'ui', 'system', 'webhook'] as const;

const CRUD = ['created', 'updated', 'destroyed'];
const DOCUMENTED: ReadonlyArray<[string, readonly string[]]> = [
  ...['marquee', 'prop', 'template', 'playspec', 'playground', 'trick', 'agent'].map((r): [string, string[]] => [r, CRUD]),
  ['api_key', ['created', 'rotated', 'destroyed']],
  ['webhook_endpoint', CRUD],
  ['secret', ['created', 'updated', 'rotated', 'destroyed']],
  ['job_env', ['updated']],
  ['two_factor', ['enabled', 'disabled']],
  ['security_key', ['registered', 'removed']],
  ['recovery_codes', ['regenerated']],
  ['session', ['revoked']],
  ['playground.player', ['deleted']],
  ['playground', ['expired']],
  ['playground.playguard', ['recovered']],
];

export const KNOWN_ACTIONS: readonly string[] = DOCUMENTED.flatMap(([r, verbs]) => verbs.map((v) => `${r}.${v}`));

/** `webhook_endpoint` -> `WebhookEndpoint`: the wire's class name for an action's resource. */
function classNameOf(snake: string): string {
  return snake.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

export const KNOWN_RESOURCE_TYPES: readonly string[] = [...new Set(DOCUMENTED.map(([r]) => classNameOf(r.split('.')[0] as string)))];

export interface Vocabulary {
  actions: Set<string>;
  resourceTypes: Set<string>;
  /** Labels of keys (the key list, or the labels entries carry). */
  keyLabels: Set<string>;
}

export function documentedVocabulary(): Vocabulary {
  return { actions: new Set(KNOWN_ACTIONS), resourceTypes: new Set(KNOWN_RESOURCE_TYPES), keyLabels: new Set() };
}
