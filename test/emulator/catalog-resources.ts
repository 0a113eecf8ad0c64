// The named resources entries act on: seeded pools per resource type with ids and names.
// Pools have a fixed size whatever the entry count, so a million entries share a few hundred names.

import type { Random } from './random.js';
import type { UserWire } from './types.js';

export interface Resource {
  type: string;
  id: number | null;
  name: string | null;
}

const APPS = ['checkout-api', 'web', 'billing', 'search', 'auth', 'docs-site', 'mobile-bff', 'worker', 'admin', 'notifications'];
const ENVS = ['staging', 'preview', 'demo', 'qa', 'load-test'];
const TRICKS = ['db-backup', 'cache-warmup', 'reindex-search', 'rotate-logs', 'smoke-test', 'purge-previews', 'sync-fixtures', 'migrate-db', 'load-test', 'seed-demo'];
const SECRETS = ['STRIPE_SECRET_KEY', 'DATABASE_URL', 'SENTRY_DSN', 'GITHUB_TOKEN', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'REDIS_URL', 'OPENAI_API_KEY', 'SMTP_PASSWORD', 'SLACK_WEBHOOK_URL'];
const PROPS = ['postgres-16', 'redis-7', 'mailpit', 'minio', 'elasticsearch-8', 'rabbitmq', 'clickhouse', 'memcached'];
const FIXED: Record<string, readonly string[]> = {
  Marquee: ['acme/web', 'acme/api', 'acme/mobile', 'acme/infra', 'acme/docs', 'acme/data'],
  Template: ['rails-starter', 'next-app', 'django-api', 'go-service', 'phoenix-live', 'laravel-shop', 'static-docs', 'fastapi-ml'],
  Playspec: ['web+worker', 'api-only', 'full-stack', 'web+postgres', 'ml-notebook', 'queue-consumer', 'e2e-suite', 'storybook'],
  Agent: ['triage-agent', 'docs-agent', 'release-notes', 'dependency-bumper', 'test-fixer'],
  WebhookEndpoint: ['slack-alerts', 'pagerduty', 'ci-status', 'discord-ops', 'datadog-events', 'zapier-hook'],
  JobEnv: ['production', 'staging', 'ci', 'preview', 'nightly'],
  SecurityKey: ['YubiKey 5C', 'Titan', 'MacBook Touch ID', 'Pixel passkey'],
};
const SESSIONS = ['Chrome on macOS', 'Firefox on Linux', 'Safari on iOS', 'fibe CLI', 'Edge on Windows'];

/** Draws `count` distinct ids in [min, max]. */
function distinctIds(random: Random, count: number, min: number, max: number): number[] {
  const seen = new Set<number>();
  while (seen.size < count) seen.add(random.between(min, max));
  return [...seen];
}

function pool(type: string, ids: number[], nameOf: (i: number) => string): Resource[] {
  return ids.map((id, i) => ({ type, id, name: nameOf(i) }));
}

export function buildResourcePools(
  random: Random,
  users: readonly UserWire[],
  keys: ReadonlyArray<{ id: number; label: string }>,
): Map<string, Resource[]> {
  const pools = new Map<string, Resource[]>();
  pools.set('Playground', pool('Playground', distinctIds(random, 140, 1000, 9999), (i) => {
    const app = APPS[i % APPS.length] as string;
    return random.chance(0.5) ? `${app}-pr-${random.between(100, 999)}` : `${app}-${random.pick(ENVS)}`;
  }));
  // The first trick is the one of the FIBE-API.md example: Trick #3312 nightly-seed.
  const trickIds = [3312, ...distinctIds(random, 180, 3000, 6999).filter((id) => id !== 3312)];
  pools.set('Trick', pool('Trick', trickIds, (i) => (i === 0 ? 'nightly-seed' : `${random.pick(TRICKS)}-${random.pick(APPS)}`)));
  pools.set('Secret', pool('Secret', distinctIds(random, 30, 500, 999), (i) => (i < SECRETS.length ? SECRETS[i] as string : `${random.pick(SECRETS)}_${random.pick(ENVS).toUpperCase().replace('-', '_')}`)));
  pools.set('Prop', pool('Prop', distinctIds(random, 24, 200, 499), (i) => (i < PROPS.length ? PROPS[i] as string : `${random.pick(PROPS)}-${random.pick(APPS)}`)));
  for (const [type, names] of Object.entries(FIXED)) {
    pools.set(type, pool(type, distinctIds(random, names.length, 20, 180), (i) => names[i] as string));
  }
  pools.set('Session', pool('Session', distinctIds(random, 200, 100_000, 999_999), () => random.pick(SESSIONS)));
  // Stripe's subscription has no Fibe row id: resource_id is null on the wire.
  pools.set('Subscription', [{ type: 'Subscription', id: null, name: 'team plan' }]);
  pools.set('ApiKey', keys.map((k) => ({ type: 'ApiKey', id: k.id, name: k.label })));
  pools.set('Player', users.map((u) => ({ type: 'Player', id: u.id, name: u.username })));
  return pools;
}
