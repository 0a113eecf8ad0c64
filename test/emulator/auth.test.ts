// Auth, scopes, /api/me, /api/api_keys (list and DELETE), unknown routes, X-Request-Id and the
// per-player hourly budget with 429 + Retry-After, as FIBE-API.md describes them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type ApiKeyWire, type Emulator } from './index.js';
import { NOW, get } from './test-client.js';

let em: Emulator;
beforeAll(async () => {
  em = await startEmulator({ entries: 300, now: NOW });
});
afterAll(() => em.close());

describe('authentication and scopes', () => {
  it.each<[string, (e: Emulator) => string | null]>([
    ['no Authorization header', () => null],
    ['an unknown key', () => 'fibe_live_00000000000000000000000000000000'],
    ['a malformed header value', (e) => `${e.keys.full} extra`],
    ['the expired key', (e) => e.keys.expired],
  ])('%s -> 401 UNAUTHORIZED with a request id and no budget headers', async (_name, keyOf) => {
    const r = await get(em, '/api/audit_logs', {}, keyOf(em));
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('UNAUTHORIZED');
    expect(r.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{24}$/);
    expect(r.headers.get('x-ratelimit-remaining')).toBeNull();
  });

  it('a key without audit scope gets 403 FORBIDDEN on audit_logs but 200 on /api/me', async () => {
    const r = await get(em, '/api/audit_logs', {}, em.keys.no_audit);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
    expect(r.headers.get('x-ratelimit-limit')).toBe('5000');
    const me = await get(em, '/api/me', {}, em.keys.no_audit);
    expect(me.status).toBe(200);
    expect(me.body.api_key_scopes).not.toContain('audit_logs:read');
  });

  it('/api/me says who the player is and the calling key scopes, not which key', async () => {
    const r = await get(em, '/api/me');
    expect(r.body).toEqual({ ...em.data.player, api_key_scopes: ['*'] });
    expect(r.headers.get('date')).toBe(NOW.toUTCString());
    expect(Object.keys(r.body).sort()).toEqual(['api_key_scopes', 'avatar_url', 'email', 'github_handle', 'id', 'username']);
    const dash = await get(em, '/api/me', {}, em.keys.no_keys);
    expect(dash.body.api_key_scopes).toContain('audit_logs:read');
    expect(dash.body.id).toBe(r.body.id);
  });

  it.each([['GET', '/api/audit_logs/123'], ['GET', '/api/nope'], ['POST', '/api/audit_logs'], ['GET', '/']])(
    '%s %s -> 404 RESOURCE_NOT_FOUND',
    async (method, path) => {
      const r = await get(em, path, {}, em.keys.full, method);
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('RESOURCE_NOT_FOUND');
      expect(r.headers.get('x-request-id')).toBeTruthy();
    },
  );

  it('gives every response its own X-Request-Id', async () => {
    const answers = await Promise.all([
      get(em, '/api/audit_logs'), get(em, '/api/audit_logs', { sort: 'bad' }), get(em, '/api/me', {}, null), get(em, '/x'),
    ]);
    const ids = answers.map((a) => a.headers.get('x-request-id'));
    expect(ids.every((id) => id !== null)).toBe(true);
    expect(new Set(ids).size).toBe(answers.length);
  });
});

describe('/api/api_keys', () => {
  it('needs keys:manage: 403 for a key that can read the audit log but not manage keys', async () => {
    const r = await get(em, '/api/api_keys', {}, em.keys.no_keys);
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
  });

  it('lists every key, newest first, with documented fields and distinct masked prefixes', async () => {
    const r = await get(em, '/api/api_keys');
    expect(r.status).toBe(200);
    expect(r.body.meta).toEqual({ page: 1, per_page: 25, total: 8 });
    const keys = r.body.data as ApiKeyWire[];
    expect(keys.map((k) => k.created_at)).toEqual(keys.map((k) => k.created_at).sort().reverse());
    for (const k of keys) {
      const token = em.data.tokenFor(k.id);
      expect(token).toMatch(/^fibe_(live|test)_[A-Za-z0-9]{32}$/);
      expect(k.masked_token).toBe(`${token.slice(0, 14)}...${token.slice(-4)}`);
    }
    expect(new Set(keys.map((k) => k.masked_token.slice(0, 14))).size).toBe(8);
    expect(keys.filter((k) => k.agent_accessible).map((k) => k.label).sort()).toEqual(['docs-genie', 'triage-bot']);
    expect(keys.find((k) => k.id === em.data.keyId('full'))?.scopes).toEqual(['*']);
  });

  it.each<[Record<string, string>, string[]]>([
    [{ q: 'GENIE' }, ['docs-genie']],
    [{ label: 'triage-bot' }, ['triage-bot']],
    [{ label: 'triage' }, []],
    [{ sort: 'created_at_asc', per_page: '2' }, ['old laptop', 'GitHub Actions CI']],
    [{ sort: 'created_at_asc', per_page: '3', page: '3' }, ['docs-genie', 'fibe-audit']],
  ])('%j -> %j', async (params, labels) => {
    const r = await get(em, '/api/api_keys', params);
    expect(r.body.data.map((k: ApiKeyWire) => k.label)).toEqual(labels);
  });

  it('rejects a bad sort and bad paging like audit_logs does', async () => {
    expect((await get(em, '/api/api_keys', { sort: 'label' })).body.error.code).toBe('INVALID_SORT');
    expect((await get(em, '/api/api_keys', { page: '0' })).body.error.code).toBe('BAD_REQUEST');
  });

  it('DELETE -> 204; the key stops working at once, leaves the list, and the deletion is audited', async () => {
    const own = await startEmulator({ entries: 100, now: NOW });
    try {
      const id = own.data.keyId('staging');
      expect((await get(own, '/api/me', {}, own.keys.staging)).status).toBe(200);
      expect((await get(own, `/api/api_keys/${id}`, {}, own.keys.no_keys, 'DELETE')).status).toBe(403);
      const del = await get(own, `/api/api_keys/${id}`, {}, own.keys.full, 'DELETE');
      expect(del.status).toBe(204);
      expect(del.body).toBeUndefined();
      const after = await get(own, '/api/me', {}, own.keys.staging);
      expect(after.status).toBe(401);
      expect(after.body.error.code).toBe('UNAUTHORIZED');
      expect(own.data.apiKeys.map((k) => k.id)).not.toContain(id);
      expect((await get(own, `/api/api_keys/${id}`, {}, own.keys.full, 'DELETE')).status).toBe(404);
      const audit = await get(own, '/api/audit_logs', { action_prefix: 'api_key.destroyed', per_page: 1 });
      expect(audit.body.data[0]).toMatchObject({
        resource_type: 'ApiKey', resource_id: id, channel: 'api', actor_type: 'Player',
        metadata: { api_key_id: own.data.keyId('full'), api_key_label: 'fibe-audit', resource_name: 'staging smoke tests' },
        created_at: '2026-11-26T12:00:00Z',
      });
    } finally {
      await own.close();
    }
  });
});

describe('rate limit', () => {
  it('shares one budget across the player keys; 429 RATE_LIMITED with Retry-After once spent', async () => {
    const own = await startEmulator({ entries: 50, now: NOW, rateLimitPerHour: 3 });
    try {
      const remaining: (string | null)[] = [];
      for (const key of [own.keys.full, own.keys.ci, own.keys.no_keys]) {
        const r = await get(own, '/api/me', {}, key);
        expect(r.status).toBe(200);
        expect(r.headers.get('x-ratelimit-limit')).toBe('3');
        expect(r.headers.get('x-ratelimit-reset')).toBe('3600');
        remaining.push(r.headers.get('x-ratelimit-remaining'));
      }
      expect(remaining).toEqual(['2', '1', '0']);
      const limited = await get(own, '/api/audit_logs', {}, own.keys.triage_bot);
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('RATE_LIMITED');
      expect(limited.headers.get('retry-after')).toBe('3600');
      expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(limited.headers.get('x-request-id')).toBeTruthy();
      own.resetRateLimit();
      expect((await get(own, '/api/audit_logs')).status).toBe(200);
      own.setRateLimit(1);
      expect((await get(own, '/api/me')).headers.get('x-ratelimit-remaining')).toBe('0');
      expect((await get(own, '/api/me')).status).toBe(429);
    } finally {
      await own.close();
    }
  });

  it('writes X-RateLimit-Reset as epoch seconds when asked, and refills when the hour is over', async () => {
    let clock = NOW.getTime();
    const own = await startEmulator({ entries: 50, now: () => new Date(clock), rateLimitPerHour: 1, resetHeader: 'epoch' });
    try {
      const first = await get(own, '/api/me');
      expect(first.headers.get('x-ratelimit-reset')).toBe(String(NOW.getTime() / 1000 + 3600));
      clock += 1800_000;
      const second = await get(own, '/api/me');
      expect(second.status).toBe(429);
      expect(second.headers.get('retry-after')).toBe('1800');
      clock += 1800_000;
      expect((await get(own, '/api/me')).status).toBe(200);
    } finally {
      await own.close();
    }
  });
});
