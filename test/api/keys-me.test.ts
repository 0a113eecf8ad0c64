import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/api/http.js';
import { listApiKeys } from '../../src/api/keys.js';
import { getMe, probeAuditAccess } from '../../src/api/me.js';
import { AuthError } from '../../src/errors.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, testContext } from '../helpers/run-cli.js';
import { json, startRouteServer } from '../helpers/route-server.js';

let em: Emulator;
beforeAll(async () => {
  em = await startEmulator({ entries: 100, seed: 5, now: FIXED_NOW });
});
afterAll(() => em.close());

async function client(key: string, origin = em.url) {
  const { ctx } = testContext();
  return createHttpClient(ctx, { origin, apiKey: key, verbose: false, maxWaitMs: 60_000 });
}

describe('listApiKeys', () => {
  it('returns every key record with keys:manage', async () => {
    const http = await client(em.keys.full);
    const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;
    const keys = await listApiKeys(http);
    expect([...(keys ?? [])].sort(byId)).toEqual([...em.data.apiKeys].sort(byId));
    expect(keys?.length).toBeGreaterThan(3);
    await http.close();
  });

  it('returns null without keys:manage (403)', async () => {
    const http = await client(em.keys.no_keys);
    expect(await listApiKeys(http)).toBeNull();
    await http.close();
  });

  it('follows every page', async () => {
    const server = await startRouteServer();
    const key = (id: number) => ({ id, label: `k${id}`, scopes: ['*'], expires_at: null, created_at: '2026-01-01T00:00:00Z', masked_token: 'fibe_live_****', agent_accessible: false, rate_limit_rph_override: null, source: 'ui' });
    server.on('GET /api/api_keys',
      json(200, { data: Array.from({ length: 100 }, (_, i) => key(i + 1)), meta: { page: 1, per_page: 100, total: 130 } }),
      json(200, { data: Array.from({ length: 30 }, (_, i) => key(i + 101)), meta: { page: 2, per_page: 100, total: 130 } }),
    );
    const http = await client('fibe_test_paging_key_123', server.url);
    const keys = await listApiKeys(http);
    expect(keys?.map((k) => k.id)).toEqual(Array.from({ length: 130 }, (_, i) => i + 1));
    expect(server.requests.map((r) => r.query)).toEqual([{ page: '1', per_page: '100' }, { page: '2', per_page: '100' }]);
    await http.close();
    await server.close();
    expect(server.errors).toEqual([]);
  });
});

describe('getMe and probeAuditAccess', () => {
  it('identifies the player and reports audit access', async () => {
    const http = await client(em.keys.full);
    const me = await getMe(http);
    expect(me).toMatchObject({ id: em.data.player.id, username: em.data.player.username, api_key_scopes: ['*'] });
    expect(await probeAuditAccess(http)).toBe(true);
    await http.close();
  });

  it('a key without the audit scope probes false', async () => {
    const http = await client(em.keys.no_audit);
    expect(await probeAuditAccess(http)).toBe(false);
    await http.close();
  });

  it('an expired key is rejected with exit 4', async () => {
    const http = await client(em.keys.expired);
    await expect(getMe(http)).rejects.toBeInstanceOf(AuthError);
    await expect(probeAuditAccess(http)).rejects.toThrow('the API key was rejected (401)');
    await http.close();
  });
});
