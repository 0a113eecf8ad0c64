// Entries arriving while pages are fetched in parallel (actor, summary, keys walk newest first with
// concurrency 4): a page answered from an older state of the log than the page before it must not
// open a gap. A scripted API makes the race certain: page 2 is answered last, after 30 arrivals.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FIXED_NOW, runCli } from '../helpers/run-cli.js';
import { sendJson, startRouteServer, type RouteServer } from '../helpers/route-server.js';
import { FAST_HTTP } from './harness.js';

interface WireEntry {
  id: number;
  resource_type: string;
  resource_id: number;
  action: string;
  channel: string;
  actor_type: string;
  actor_id: number;
  metadata: Record<string, unknown>;
  created_at: string;
}

const OLD = 1_000;
const ARRIVALS = 30;
const MINUTE = 60_000;

function entry(id: number, ms: number): WireEntry {
  return {
    id,
    resource_type: 'Trick',
    resource_id: 3000 + (id % 7),
    action: id % 3 === 0 ? 'trick.destroyed' : 'trick.updated',
    channel: 'api',
    actor_type: 'Player',
    actor_id: 77,
    metadata: { api_key_id: 15, api_key_label: 'GitHub Actions CI', agent_accessible: false, resource_name: `trick-${id}` },
    created_at: new Date(ms).toISOString(),
  };
}

const KEY_15 = {
  id: 15, label: 'GitHub Actions CI', scopes: ['tricks:write'], expires_at: null, created_at: '2026-01-01T00:00:00.000Z',
  masked_token: 'fibe_live_AbCd...wxyz', agent_accessible: false, rate_limit_rph_override: null, source: 'web',
};

let api: RouteServer;
/** The log, oldest first; one entry a minute up to a minute before now. */
let log: WireEntry[];
let arrived: boolean;

function page(url: URL): unknown {
  const q = url.searchParams;
  const after = Date.parse(q.get('created_after') ?? '1970-01-01T00:00:00Z');
  const before = Date.parse(q.get('created_before') ?? '2100-01-01T00:00:00Z');
  const channel = q.get('channel');
  const matches = log.filter((e) => {
    const t = Date.parse(e.created_at);
    return t >= after && t <= before && (channel === null || e.channel === channel);
  });
  if (q.get('sort') !== 'created_at_asc') matches.reverse();
  const n = Number(q.get('page') ?? '1');
  const per = Math.min(100, Number(q.get('per_page') ?? '25'));
  return { data: matches.slice((n - 1) * per, n * per), meta: { page: n, per_page: per, total: matches.length } };
}

beforeAll(async () => {
  api = await startRouteServer();
  api.always('GET /api/api_keys', (_req, res) => sendJson(res, 200, { data: [KEY_15], meta: { page: 1, per_page: 100, total: 1 } }));
  api.always('GET /api/audit_logs', (_req, res, url) => {
    // Page 2 of the first walk waits until the pages fetched beside it were answered, then new
    // entries arrive (at now, the window's end) and it is answered from the newer log.
    if (url.searchParams.get('page') === '2' && !arrived) {
      arrived = true;
      setTimeout(() => {
        for (let i = 1; i <= ARRIVALS; i++) log.push(entry(OLD + i, FIXED_NOW.getTime()));
        sendJson(res, 200, page(url));
      }, 150);
      return;
    }
    sendJson(res, 200, page(url));
  });
});
beforeEach(() => {
  log = Array.from({ length: OLD }, (_, i) => entry(i + 1, FIXED_NOW.getTime() - (OLD - i) * MINUTE));
  arrived = false;
  api.requests.length = 0;
});
afterAll(async () => {
  expect(api.errors).toEqual([]);
  await api.close();
});

const run = (argv: string[]) => runCli(argv, { env: { FIBE_API_KEY: 'fibe_test_arrivals_0000000000000000', FIBE_DOMAIN: api.url }, http: FAST_HTTP });
const oldIdsNewestFirst = () => Array.from({ length: OLD }, (_, i) => OLD - i);

describe('a page answered from an older log than the page before it', () => {
  it('actor --all -o json: every entry that was there, once', async () => {
    const r = await run(['actor', 'key:15', '--all', '-o', 'json', '--since', '7d']);
    expect(r.exitCode).toBe(0);
    expect(arrived).toBe(true);
    const report = JSON.parse(r.stdout) as { summary: { total: number }; entries: Array<{ id: number }> };
    expect(report.entries.map((e) => e.id)).toEqual(oldIdsNewestFirst());
    expect(report.summary.total).toBe(OLD);
  });

  it('summary -o json: the total counts every entry that was there', async () => {
    const r = await run(['summary', '-o', 'json', '--since', '7d']);
    expect(r.exitCode).toBe(0);
    expect(arrived).toBe(true);
    expect((JSON.parse(r.stdout) as { total: number }).total).toBe(OLD);
  });

  it('keys -o json: the key\'s entry count is every entry that was there', async () => {
    const r = await run(['keys', '-o', 'json', '--since', '7d']);
    expect(r.exitCode).toBe(0);
    expect(arrived).toBe(true);
    expect((JSON.parse(r.stdout) as Array<{ id: number; entries: number }>).find((k) => k.id === 15)?.entries).toBe(OLD);
  });

  it('query --all (one page at a time) sees the same', async () => {
    const r = await run(['query', '--all', '-o', 'ndjson', '--since', '7d']);
    expect(r.exitCode).toBe(0);
    expect(arrived).toBe(true);
    expect(r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: number }).id)).toEqual(oldIdsNewestFirst());
  });
});
