// A small, hand-written Fibe API for exact renderings of actor, keys and summary: fourteen entries in
// both wire styles, three keys, and /api/audit_logs filtering, sorting and paging as FIBE-API.md says.
import { json, sendJson, startRouteServer, type RouteServer } from '../helpers/route-server.js';
import type { ApiKeyRecord, AuditEntry } from '../../src/model/entry.js';

/** This token gets 403 from /api/api_keys (a key without keys:manage). */
export const NO_KEYS_TOKEN = 'fibe_test_nokeysnokeysnokeys0000';
export const FULL_TOKEN = 'fibe_test_fullfullfullfullfull0000';

export const FIXTURE_KEYS: ApiKeyRecord[] = [
  {
    id: 12, label: 'old laptop', scopes: ['*'], expires_at: '2026-11-05T08:00:00Z', created_at: '2026-01-30T01:54:40Z',
    masked_token: 'fibe_live_OldL...ptop', agent_accessible: false, rate_limit_rph_override: null, source: 'cli',
    last_used_at: '2026-11-05T07:00:00Z',
  },
  {
    id: 15, label: 'GitHub Actions CI', scopes: ['playgrounds:read', 'playgrounds:write', 'tricks:write', 'tricks:delete', 'secrets:write'],
    expires_at: null, created_at: '2026-04-30T05:38:17Z', masked_token: 'fibe_live_AbCd...wxyz', agent_accessible: false,
    rate_limit_rph_override: 10000, source: 'web', last_used_at: '2026-11-26T11:00:00Z',
  },
  {
    id: 21, label: 'triage-bot', scopes: ['playgrounds:write', 'agents:write'], expires_at: null, created_at: '2026-09-11T12:02:02Z',
    masked_token: 'fibe_live_GeNi...bot1', agent_accessible: true, rate_limit_rph_override: null, source: 'genie',
  },
];

const ci = { api_key_id: 15, api_key_label: 'GitHub Actions CI' };
const entry = (e: Partial<AuditEntry> & Pick<AuditEntry, 'id' | 'action' | 'created_at'>): AuditEntry => ({
  resource_type: null, resource_id: null, channel: 'api', actor_type: 'Player', actor_id: 77, metadata: {}, ...e,
});

/** Oldest first. Key 15 acts in both wire styles; 21 is a Genie; 12 an expired wildcard key. */
export const FIXTURE_ENTRIES: AuditEntry[] = [
  entry({ id: 112, created_at: '2026-10-01T00:00:00Z', action: 'trick.created', resource_type: 'Trick', resource_id: 3312, metadata: { ...ci, resource_name: 'nightly-seed' } }),
  entry({ id: 111, created_at: '2026-11-01T10:00:00Z', action: 'secret.updated', resource_type: 'Secret', resource_id: 501, actor_type: 'ApiKey', actor_id: 12, metadata: { api_key_label: 'old laptop', resource_name: 'STRIPE_SECRET_KEY' } }),
  entry({ id: 113, created_at: '2026-11-19T23:59:59Z', action: 'session.revoked', resource_type: 'Session', resource_id: 4242, channel: 'ui', actor_type: 'User', metadata: { resource_name: 'Chrome on macOS' } }),
  entry({ id: 101, created_at: '2026-11-20T09:00:00Z', action: 'trick.created', resource_type: 'Trick', resource_id: 3312, metadata: { ...ci, resource_name: 'nightly-seed' } }),
  entry({ id: 102, created_at: '2026-11-20T10:30:00Z', action: 'trick.updated', resource_type: 'Trick', resource_id: 3312, actor_type: 'ApiKey', actor_id: 15, metadata: { resource_name: 'nightly-seed', changes: { enabled: [true, false] } } }),
  entry({ id: 114, created_at: '2026-11-21T12:00:00Z', action: 'prop.updated', resource_type: 'Prop', resource_id: 201, metadata: { ...ci, resource_name: '\x1b[31mevil\u202e' } }),
  entry({ id: 107, created_at: '2026-11-22T12:00:00Z', action: 'trick.updated', resource_type: 'Trick', resource_id: 4001, actor_type: 'Genie', actor_id: 21, metadata: { resource_name: 'db-backup' } }),
  entry({ id: 109, created_at: '2026-11-23T03:00:00Z', action: 'playground.playguard.recovered', resource_type: 'Playground', resource_id: 7563, channel: 'system', actor_type: 'Playguard', actor_id: null, metadata: { resource_name: 'web-pr-819', reason: 'health check failed' } }),
  entry({ id: 103, created_at: '2026-11-24T14:03:11.123Z', action: 'trick.destroyed', resource_type: 'Trick', resource_id: 3312, metadata: { ...ci, resource_name: 'nightly-seed' } }),
  entry({ id: 104, created_at: '2026-11-25T08:00:00Z', action: 'playground.created', resource_type: 'Playground', resource_id: 7563, metadata: { ...ci, resource_name: 'web-pr-819' } }),
  entry({ id: 105, created_at: '2026-11-25T09:15:00Z', action: 'playground.updated', resource_type: 'Playground', resource_id: 7563, actor_type: 'api_key', actor_id: 15, metadata: {} }),
  entry({ id: 110, created_at: '2026-11-25T20:00:00Z', action: 'api_key.created', resource_type: 'ApiKey', resource_id: 30, channel: 'ui', metadata: { api_key_id: 30, api_key_label: 'new key', resource_name: 'new key' } }),
  entry({ id: 108, created_at: '2026-11-26T10:00:00Z', action: 'playground.updated', resource_type: 'Playground', resource_id: 7563, metadata: { api_key_id: 21, api_key_label: 'triage-bot', agent_accessible: true, resource_name: 'web-pr-819' } }),
  entry({ id: 106, created_at: '2026-11-26T11:00:00Z', action: 'playground.destroyed', resource_type: 'Playground', resource_id: 7563, metadata: { ...ci, resource_name: 'web-pr-819' } }),
];

function matches(e: AuditEntry, q: Record<string, string>): boolean {
  const t = Date.parse(e.created_at);
  if (q.created_after && t < Date.parse(q.created_after)) return false;
  if (q.created_before && t > Date.parse(q.created_before)) return false;
  if (q.channel && e.channel !== q.channel) return false;
  if (q.resource_type && e.resource_type !== q.resource_type) return false;
  if (q.action_prefix && !e.action.startsWith(q.action_prefix)) return false;
  if (q.q && !e.action.includes(q.q)) return false;
  return true;
}

export async function startFixtureApi(opts: { keys?: ApiKeyRecord[] } = {}): Promise<RouteServer> {
  const keys = opts.keys ?? FIXTURE_KEYS;
  const api = await startRouteServer();
  api.always('GET /api/audit_logs', (_req, res, url) => {
    const q = Object.fromEntries(url.searchParams);
    const page = Number(q.page ?? 1);
    const perPage = Math.min(100, Number(q.per_page ?? 25));
    const asc = q.sort === 'created_at_asc';
    const all = FIXTURE_ENTRIES.filter((e) => matches(e, q)).sort(
      (a, b) => (Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id) * (asc ? 1 : -1),
    );
    sendJson(res, 200, { data: all.slice((page - 1) * perPage, page * perPage), meta: { page, per_page: perPage, total: all.length } });
  });
  api.always('GET /api/api_keys', (req, res) => {
    if (req.headers.authorization === `Bearer ${NO_KEYS_TOKEN}`) {
      json(403, { error: { code: 'FORBIDDEN', message: 'missing scope keys:manage' } })(req, res, new URL('http://x'));
      return;
    }
    sendJson(res, 200, { data: keys, meta: { page: 1, per_page: 100, total: keys.length } });
  });
  return api;
}
