// Who exists in the generated world: the player, co-workers, and the player's API keys.
// Ids echo the examples in SPEC.md (user #77, key "GitHub Actions CI" #15, genie "triage-bot" #21).

import type { UserWire } from './types.js';

export const USERS: readonly UserWire[] = [
  { id: 77, username: 'mara', email: 'mara@acme.dev', github_handle: 'mara-k', avatar_url: 'https://avatars.githubusercontent.com/u/1077' },
  { id: 81, username: 'devon', email: 'devon@acme.dev', github_handle: 'devonb', avatar_url: 'https://avatars.githubusercontent.com/u/1081' },
  { id: 90, username: 'kai', email: null, github_handle: null, avatar_url: null },
  { id: 104, username: 'priya', email: 'priya@acme.dev', github_handle: 'priya-s', avatar_url: 'https://avatars.githubusercontent.com/u/1104' },
  { id: 133, username: 'lena', email: 'lena@contractor.example', github_handle: null, avatar_url: null },
  { id: 158, username: 'tomas', email: 'tomas@acme.dev', github_handle: 'tomasz', avatar_url: null },
];

export interface KeySpec {
  /** Name in `Emulator.keys`. */
  name: string;
  id: number;
  label: string;
  prefix: 'fibe_live_' | 'fibe_test_';
  scopes: string[];
  agent: boolean;
  source: string;
  createdDaysAgo: number;
  /** Days ago the key expired; undefined = never expires. */
  expiredDaysAgo?: number;
  /** Days from now the key expires (a future expiry). */
  expiresInDays?: number;
  /** Whether the record carries last_used_at. */
  reportsLastUse: boolean;
  rateLimitOverride: number | null;
}

// `no_audit` and `no_keys` are real, active keys of the player: the deploy key cannot read the
// audit log, the dashboard can but cannot manage keys. That is how such keys look in practice.
export const KEY_SPECS: readonly KeySpec[] = [
  {
    name: 'ci', id: 15, label: 'GitHub Actions CI', prefix: 'fibe_live_',
    scopes: ['playgrounds:read', 'playgrounds:write', 'tricks:write', 'tricks:delete'],
    agent: false, source: 'web', createdDaysAgo: 210, reportsLastUse: true, rateLimitOverride: 10000,
  },
  {
    name: 'no_audit', id: 17, label: 'Production deploy', prefix: 'fibe_live_',
    scopes: ['playgrounds:read', 'playgrounds:write', 'playspecs:write', 'secrets:write'],
    agent: false, source: 'web', createdDaysAgo: 180, reportsLastUse: true, rateLimitOverride: null,
  },
  {
    name: 'no_keys', id: 19, label: 'read-only dashboard', prefix: 'fibe_live_',
    scopes: ['playgrounds:read', 'tricks:read', 'audit_logs:read'],
    agent: false, source: 'web', createdDaysAgo: 160, expiresInDays: 200, reportsLastUse: true, rateLimitOverride: null,
  },
  {
    name: 'triage_bot', id: 21, label: 'triage-bot', prefix: 'fibe_live_',
    scopes: ['playgrounds:read', 'playgrounds:write', 'tricks:write', 'agents:write'],
    agent: true, source: 'genie', createdDaysAgo: 75, reportsLastUse: true, rateLimitOverride: null,
  },
  {
    name: 'docs_genie', id: 23, label: 'docs-genie', prefix: 'fibe_live_',
    scopes: ['templates:write', 'props:write', 'marquees:write'],
    agent: true, source: 'genie', createdDaysAgo: 50, reportsLastUse: false, rateLimitOverride: null,
  },
  {
    name: 'expired', id: 12, label: 'old laptop', prefix: 'fibe_live_',
    scopes: ['*'],
    agent: false, source: 'cli', createdDaysAgo: 300, expiredDaysAgo: 21, reportsLastUse: true, rateLimitOverride: null,
  },
  {
    name: 'staging', id: 25, label: 'staging smoke tests', prefix: 'fibe_test_',
    scopes: ['playgrounds:read', 'playgrounds:write'],
    agent: false, source: 'cli', createdDaysAgo: 120, reportsLastUse: false, rateLimitOverride: null,
  },
  {
    name: 'full', id: 27, label: 'fibe-audit', prefix: 'fibe_live_',
    scopes: ['*'],
    agent: false, source: 'cli', createdDaysAgo: 40, expiresInDays: 325, reportsLastUse: true, rateLimitOverride: null,
  },
];

/** Keys deleted long ago: they only appear as resources of api_key.* entries. */
export const HISTORIC_KEYS: readonly { id: number; label: string }[] = [
  { id: 3, label: 'laptop-2023' },
  { id: 8, label: 'zapier' },
  { id: 10, label: 'temp debug' },
  { id: 14, label: 'terraform' },
];

/** Scopes that grant a route (FIBE-API.md: audit reads are granted to `*` and `audit_logs:read`). */
export const ROUTE_SCOPES = {
  auditLogs: ['*', 'audit_logs:read'],
  apiKeys: ['*', 'keys:manage'],
} as const;
