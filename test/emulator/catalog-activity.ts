// What happens in the generated world: who acts (profiles), which actions each one takes,
// and the resource type, field changes and extra metadata those actions carry.

export type ActorSpec =
  | { kind: 'key'; key: string }
  | { kind: 'ui'; user: 'main' | 'other' }
  | { kind: 'automation'; actorType: string; channel: string };

export interface Profile {
  name: string;
  actor: ActorSpec;
  weight: number;
  /** [action, weight] */
  actions: ReadonlyArray<readonly [string, number]>;
}

const crud = (family: string, w = 1): Array<[string, number]> => [
  [`${family}.created`, w],
  [`${family}.updated`, w * 2],
  [`${family}.destroyed`, w],
];

export const PROFILES: readonly Profile[] = [
  { name: 'ci', actor: { kind: 'key', key: 'ci' }, weight: 24, actions: [
    ['trick.created', 3], ['trick.updated', 4], ['trick.destroyed', 2],
    ['playground.created', 4], ['playground.updated', 3], ['playground.destroyed', 3],
  ] },
  // Holds secrets:write but never touches a secret: an unused scope for `actor` to point out.
  { name: 'deploy', actor: { kind: 'key', key: 'no_audit' }, weight: 10, actions: [
    ['playground.created', 2], ['playground.updated', 5], ['playspec.updated', 3], ['playspec.created', 1], ['job_env.updated', 1],
  ] },
  // Reads are not audited; a log download is the dashboard's one audited act.
  { name: 'dashboard', actor: { kind: 'key', key: 'no_keys' }, weight: 1, actions: [['playground.logs.downloaded', 1]] },
  { name: 'triage', actor: { kind: 'key', key: 'triage_bot' }, weight: 6, actions: [
    ['trick.updated', 3], ['playground.updated', 4], ['agent.updated', 1], ['trick.created', 1],
  ] },
  { name: 'docs', actor: { kind: 'key', key: 'docs_genie' }, weight: 3, actions: [
    ['template.updated', 3], ['prop.updated', 2], ['prop.created', 1], ['marquee.updated', 1],
  ] },
  { name: 'laptop', actor: { kind: 'key', key: 'expired' }, weight: 4, actions: [
    ['secret.updated', 2], ['playground.created', 2], ['playground.destroyed', 1], ['trick.updated', 2], ['webhook_endpoint.updated', 1],
  ] },
  { name: 'staging', actor: { kind: 'key', key: 'staging' }, weight: 4, actions: [
    ['playground.created', 3], ['playground.destroyed', 3], ['playground.updated', 1],
  ] },
  { name: 'audit', actor: { kind: 'key', key: 'full' }, weight: 0.5, actions: [
    ['webhook_endpoint.created', 1], ['api_key.destroyed', 1],
  ] },
  { name: 'owner', actor: { kind: 'ui', user: 'main' }, weight: 17, actions: [
    ...crud('marquee'), ...crud('prop'), ...crud('template'), ...crud('playspec'), ...crud('playground', 3),
    ...crud('trick', 2), ...crud('agent'), ...crud('webhook_endpoint'),
    ['api_key.created', 1], ['api_key.rotated', 1], ['api_key.destroyed', 1],
    ['secret.created', 1], ['secret.updated', 2], ['secret.rotated', 1], ['secret.destroyed', 1],
    ['job_env.updated', 2], ['two_factor.enabled', 0.3], ['two_factor.disabled', 0.2],
    ['security_key.registered', 0.3], ['security_key.removed', 0.2], ['recovery_codes.regenerated', 0.3],
    ['session.revoked', 1], ['playground.player.deleted', 0.5],
  ] },
  { name: 'team', actor: { kind: 'ui', user: 'other' }, weight: 6, actions: [
    ['playground.created', 2], ['playground.updated', 3], ['playground.destroyed', 1], ['trick.updated', 2],
    ['prop.updated', 1], ['playground.player.deleted', 1], ['session.revoked', 1], ['two_factor.enabled', 0.3],
  ] },
  { name: 'playguard', actor: { kind: 'automation', actorType: 'Playguard', channel: 'system' }, weight: 9, actions: [
    ['playground.playguard.recovered', 5], ['playground.expired', 3], ['playground.updated', 2],
  ] },
  { name: 'system', actor: { kind: 'automation', actorType: 'System', channel: 'system' }, weight: 4, actions: [
    ['playground.expired', 2], ['session.revoked', 2], ['secret.rotated', 1],
  ] },
  { name: 'stripe', actor: { kind: 'automation', actorType: 'Stripe', channel: 'webhook' }, weight: 1.5, actions: [
    ['subscription.updated', 2], ['subscription.renewed', 1],
  ] },
  { name: 'sync', actor: { kind: 'automation', actorType: 'Automation', channel: 'system' }, weight: 1, actions: [
    ['template.updated', 1], ['marquee.updated', 1],
  ] },
];

const FAMILY_TYPES: Record<string, string> = {
  marquee: 'Marquee', prop: 'Prop', template: 'Template', playspec: 'Playspec', playground: 'Playground',
  trick: 'Trick', agent: 'Agent', api_key: 'ApiKey', webhook_endpoint: 'WebhookEndpoint', secret: 'Secret',
  job_env: 'JobEnv', two_factor: 'Player', recovery_codes: 'Player', security_key: 'SecurityKey',
  session: 'Session', subscription: 'Subscription',
};

/** The resource type an action acts on (its first dotted segment names the family). */
export function resourceTypeOf(action: string): string {
  const family = action.slice(0, action.indexOf('.'));
  return FAMILY_TYPES[family] ?? 'Unknown';
}

/** `{field: [old, new]}` variants an update of each resource type records. */
export const CHANGES: Record<string, ReadonlyArray<Record<string, [unknown, unknown]>>> = {
  Playground: [{ status: ['stopped', 'running'] }, { status: ['running', 'stopped'] }, { branch: ['main', 'release/2.4'] }, { ttl_hours: [24, 72] }],
  Trick: [{ schedule: ['0 3 * * *', '*/30 * * * *'] }, { enabled: [true, false] }, { command: ['rake db:seed', 'rake db:seed:replant'] }],
  Secret: [{ value: ['[FILTERED]', '[FILTERED]'] }, { description: [null, 'rotated quarterly'] }],
  Marquee: [{ visibility: ['private', 'team'] }, { default_branch: ['master', 'main'] }],
  Prop: [{ version: ['16.2', '16.4'] }, { image: ['postgres:16.2', 'postgres:16.4'] }],
  Template: [{ description: ['Rails starter', 'Rails 8 starter'] }, { public: [false, true] }],
  Playspec: [{ services: [2, 3] }, { cpu: ['500m', '1'] }],
  Agent: [{ enabled: [false, true] }, { model: ['small', 'large'] }],
  WebhookEndpoint: [{ url: ['https://hooks.example.com/a1', 'https://hooks.example.com/b2'] }, { events: [['playground.*'], ['playground.*', 'trick.*']] }],
  JobEnv: [{ variables: [['RAILS_ENV'], ['RAILS_ENV', 'SENTRY_DSN']] }],
  Subscription: [{ plan: ['pro', 'team'] }, { seats: [3, 5] }],
};

/** Extra metadata some actions carry besides the resource name and changes. */
export const EXTRAS: Record<string, ReadonlyArray<Record<string, unknown>>> = {
  'playground.playguard.recovered': [{ reason: 'health check failed', restarts: 1 }, { reason: 'out of memory', restarts: 2 }],
  'playground.expired': [{ reason: 'ttl' }],
  'session.revoked': [{ reason: 'signed out' }, { reason: 'password changed' }],
  'subscription.updated': [{ event: 'customer.subscription.updated' }],
  'subscription.renewed': [{ event: 'invoice.paid' }],
  'playground.logs.downloaded': [{ lines: 5000 }, { lines: 20000 }],
  'secret.rotated': [{ reason: 'scheduled rotation' }],
};
