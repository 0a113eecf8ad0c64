import { createServer, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/api/http.js';
import { ForbiddenError } from '../../src/api/response-errors.js';
import type { HttpClient } from '../../src/api/types.js';
import type { HttpTuning } from '../../src/api/tuning.js';
import { ApiError, AuthError, InterruptedError, TempError } from '../../src/errors.js';
import { VERSION } from '../../src/version.js';
import { FIXED_NOW, testContext } from '../helpers/run-cli.js';
import { json, sendJson, startRouteServer, type Handler, type RouteServer } from '../helpers/route-server.js';

const KEY = 'fibe_test_0123456789abcdefwxyz';
const MASKED = 'fibe_tes...wxyz';
const ME = { id: 77, username: 'alice', email: null, github_handle: null, avatar_url: null, api_key_scopes: ['*'] };
const nowSec = FIXED_NOW.getTime() / 1000;

let server: RouteServer;
let clients: HttpClient[] = [];

beforeEach(async () => {
  server = await startRouteServer();
});
afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  clients = [];
  await server.close();
  expect(server.errors).toEqual([]);
});

interface Setup {
  verbose?: boolean;
  maxWaitMs?: number;
  http?: Partial<HttpTuning>;
  env?: Record<string, string>;
  signal?: AbortSignal;
  origin?: string;
}

async function setup(opts: Setup = {}) {
  const { ctx, io, sleeps } = testContext({
    ...(opts.http ? { http: opts.http } : {}),
    ...(opts.env ? { env: opts.env } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const http = await createHttpClient(ctx, {
    origin: opts.origin ?? server.url,
    apiKey: KEY,
    verbose: opts.verbose ?? false,
    maxWaitMs: opts.maxWaitMs ?? 15 * 60_000,
  });
  clients.push(http);
  return { http, io, sleeps };
}

const fail = (status: number, headers: Record<string, string> = {}, code = 'INTERNAL_ERROR'): Handler =>
  json(status, { error: { code, message: `failed with ${status}` } }, headers);

async function caught(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

describe('successful requests', () => {
  it('sends the identifying headers and query, and returns body, status and request id', async () => {
    server.on('GET /api/audit_logs', json(200, { data: [], meta: { total: 0 } }, { 'x-request-id': 'r-1' }));
    const { http } = await setup();
    const res = await http.getJson('audit_logs', { q: 'trick', page: 2, channel: undefined, resource_type: '' });
    expect(res).toEqual({ status: 200, body: { data: [], meta: { total: 0 } }, requestId: 'r-1' });
    const [req] = server.requests;
    expect(req?.query).toEqual({ q: 'trick', page: '2' });
    expect(req?.headers['user-agent']).toBe(`fibe-audit/${VERSION}`);
    expect(req?.headers.accept).toBe('application/json');
    expect(req?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(http.requestCount).toBe(1);
  });

  it('reads the rate-limit headers into rateLimit (delta reset)', async () => {
    server.on('GET /api/me', json(200, ME, { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4998', 'x-ratelimit-reset': '120' }));
    const { http } = await setup();
    await http.getJson('/me');
    expect(http.rateLimit).toEqual({ limit: 5000, remaining: 4998, resetAt: FIXED_NOW.getTime() + 120_000 });
  });

  it('DELETE with 204 gives an undefined body', async () => {
    server.on('DELETE /api/api_keys/5', (_req, res) => {
      res.writeHead(204);
      res.end();
    });
    const { http } = await setup();
    expect(await http.delete('api_keys/5')).toEqual({ status: 204, body: undefined });
  });
});

describe('retries', () => {
  it.each([408, 429, 500, 502, 503, 504])('retries %i and then succeeds after one backoff', async (status) => {
    server.on('GET /api/me', fail(status), json(200, ME));
    const { http, sleeps } = await setup();
    expect((await http.getJson('me')).body).toEqual(ME);
    expect(server.requests).toHaveLength(2);
    // full jitter with random() = 0.5: 0.5 * min(20000, 500 * 2^0)
    expect(sleeps).toEqual([250]);
  });

  it('backs off exponentially, capped', async () => {
    server.on('GET /api/me', fail(503), fail(503), fail(503), fail(503), json(200, ME));
    const { http, sleeps } = await setup({ http: { backoffCapMs: 1500 } });
    await http.getJson('me');
    expect(sleeps).toEqual([250, 500, 750, 750]);
  });

  it('gives up after 5 attempts with exit 75 naming the last status and request id', async () => {
    for (let i = 1; i <= 5; i++) server.on('GET /api/me', fail(503, { 'x-request-id': `r-${i}` }, 'SERVICE_UNAVAILABLE'));
    const { http, sleeps } = await setup();
    const err = await caught(http.getJson('me'));
    expect(err).toBeInstanceOf(TempError);
    expect((err as TempError).exitCode).toBe(75);
    expect(err.message).toBe('GET /api/me failed after 5 attempts; last: 503 SERVICE_UNAVAILABLE (request id r-5)');
    expect((err as TempError).requestId).toBe('r-5');
    expect(sleeps).toEqual([250, 500, 1000, 2000]);
    expect(server.requests).toHaveLength(5);
  });

  it('retries a non-JSON 502 and names it cleanly when retries run out', async () => {
    const html: Handler = (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html', 'x-request-id': 'gw-9' });
      res.end('<html><body>Bad Gateway</body></html>');
    };
    server.on('GET /api/me', html, html, html);
    const { http } = await setup({ http: { maxAttempts: 3 } });
    const err = await caught(http.getJson('me'));
    expect(err.message).toBe('GET /api/me failed after 3 attempts; last: 502 (non-JSON body) (request id gw-9)');
  });

  it('retries a 200 whose JSON body is invalid', async () => {
    server.on(
      'GET /api/me',
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"id": 77, "username": ');
      },
      json(200, ME),
    );
    const { http, sleeps } = await setup();
    expect((await http.getJson('me')).body).toEqual(ME);
    expect(sleeps).toEqual([250]);
  });

  it('retries a 200 whose body is cut short (connection dropped mid-body)', async () => {
    server.on(
      'GET /api/me',
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
        res.write('{"id": 77, "user');
        setTimeout(() => res.socket?.destroy(), 20);
      },
      json(200, ME),
    );
    const { http } = await setup();
    expect((await http.getJson('me')).body).toEqual(ME);
    expect(server.requests).toHaveLength(2);
  });

  it('retries when the headers do not arrive within the headers timeout', async () => {
    server.on('GET /api/me', () => undefined /* never answers */, json(200, ME));
    const { http } = await setup({ http: { headersTimeoutMs: 200 }, verbose: true });
    expect((await http.getJson('me')).body).toEqual(ME);
    expect(server.requests).toHaveLength(2);
  });

  it('retries a reset connection', async () => {
    server.on('GET /api/me', (req) => {
      req.socket.destroy();
    }, json(200, ME));
    const { http } = await setup();
    expect((await http.getJson('me')).body).toEqual(ME);
    expect(server.requests).toHaveLength(2);
  });

  it('names a network error when retries run out', async () => {
    const reset: Handler = (req) => {
      req.socket.destroy();
    };
    server.on('GET /api/me', reset, reset);
    const { http } = await setup({ http: { maxAttempts: 2 } });
    const err = await caught(http.getJson('me'));
    expect(err).toBeInstanceOf(TempError);
    expect(err.message).toMatch(/^GET \/api\/me failed after 2 attempts; last: .*\((UND_ERR_SOCKET|ECONNRESET)\)$/);
  });
});

describe('Retry-After and rate limits', () => {
  it('waits Retry-After seconds in full', async () => {
    server.on('GET /api/me', fail(429, { 'retry-after': '2' }, 'RATE_LIMITED'), json(200, ME));
    const { http, sleeps } = await setup();
    await http.getJson('me');
    expect(sleeps).toEqual([2000]);
  });

  it('waits until a Retry-After HTTP date, relative to the clock', async () => {
    const at = new Date(FIXED_NOW.getTime() + 90_000).toUTCString();
    server.on('GET /api/me', fail(503, { 'retry-after': at }), json(200, ME));
    const { http, sleeps } = await setup();
    await http.getJson('me');
    expect(sleeps).toEqual([90_000]);
  });

  it('a Retry-After wait counts as one of the 5 attempts', async () => {
    for (let i = 0; i < 5; i++) server.on('GET /api/me', fail(429, { 'retry-after': '1' }, 'RATE_LIMITED'));
    const { http, sleeps } = await setup();
    const err = await caught(http.getJson('me'));
    expect(err).toBeInstanceOf(TempError);
    expect(sleeps).toEqual([1000, 1000, 1000, 1000]);
    expect(server.requests).toHaveLength(5);
  });

  it('gives up at once with exit 75 when Retry-After exceeds --max-wait', async () => {
    server.on('GET /api/me', fail(429, { 'retry-after': '7200', 'x-request-id': 'rl-1' }, 'RATE_LIMITED'));
    const { http, sleeps } = await setup({ maxWaitMs: 15 * 60_000 });
    const err = await caught(http.getJson('me'));
    expect(err).toBeInstanceOf(TempError);
    expect((err as TempError).exitCode).toBe(75);
    expect(err.message).toContain('the server asked to wait 2h (Retry-After');
    expect(err.message).toContain('longer than --max-wait 15m');
    expect((err as TempError).requestId).toBe('rl-1');
    expect(sleeps).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    ['epoch seconds', String(nowSec + 60), 60_000],
    ['seconds from now', '45', 45_000],
  ])('waits for the reset (%s) before the next request when the budget is spent', async (_name, reset, expected) => {
    const spent = { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset };
    server.on('GET /api/me', json(200, ME, spent), json(200, ME));
    const { http, sleeps } = await setup();
    await http.getJson('me');
    expect(sleeps).toEqual([]);
    await http.getJson('me');
    expect(sleeps).toEqual([expected]);
    server.on('GET /api/me', json(200, ME));
    await http.getJson('me');
    expect(sleeps).toEqual([expected]); // the budget is no longer known to be spent: no second wait
  });

  it('stops with exit 75 when the reset is beyond --max-wait, without sending the request', async () => {
    server.on('GET /api/me', json(200, ME, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(nowSec + 3600) }));
    const { http, sleeps } = await setup({ maxWaitMs: 60_000 });
    await http.getJson('me');
    const err = await caught(http.getJson('me'));
    expect(err).toBeInstanceOf(TempError);
    expect(err.message).toBe('the rate limit is spent and resets in 1h, longer than --max-wait 1m');
    expect(sleeps).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('a 429 with Retry-After and a spent budget waits once, not twice', async () => {
    server.on(
      'GET /api/me',
      fail(429, { 'retry-after': '2', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '2' }, 'RATE_LIMITED'),
      json(200, ME),
    );
    const { http, sleeps } = await setup();
    await http.getJson('me');
    expect(sleeps).toEqual([2000]);
  });

  it('a 429 with a spent budget and no Retry-After waits for the reset instead of backing off', async () => {
    server.on(
      'GET /api/me',
      fail(429, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '30' }, 'RATE_LIMITED'),
      json(200, ME),
    );
    const { http, sleeps } = await setup();
    await http.getJson('me');
    expect(sleeps).toEqual([30_000]);
  });
});

describe('errors that are not retried', () => {
  it('401: AuthError, exit 4, one request', async () => {
    server.on('GET /api/me', fail(401, { 'x-request-id': 'a-1' }, 'UNAUTHORIZED'));
    const { http } = await setup();
    const err = await caught(http.getJson('me'));
    expect(err).toBeInstanceOf(AuthError);
    expect(err).not.toBeInstanceOf(ForbiddenError);
    expect((err as AuthError).exitCode).toBe(4);
    expect(err.message).toBe('the API key was rejected (401): failed with 401');
    expect((err as AuthError).hint).toBe("run 'fibe-audit auth login' or check FIBE_API_KEY");
    expect((err as AuthError).requestId).toBe('a-1');
    expect(server.requests).toHaveLength(1);
  });

  it('403: ForbiddenError carrying the API message, exit 4, one request', async () => {
    server.on('GET /api/api_keys', json(403, { error: { code: 'FORBIDDEN', message: 'missing scope keys:manage' } }, { 'x-request-id': 'f-1' }));
    const { http } = await setup();
    const err = await caught(http.getJson('api_keys'));
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as ForbiddenError).exitCode).toBe(4);
    expect((err as ForbiddenError).apiMessage).toBe('missing scope keys:manage');
    expect((err as ForbiddenError).code).toBe('FORBIDDEN');
    expect((err as ForbiddenError).requestId).toBe('f-1');
    expect(err.message).toBe('forbidden (403 FORBIDDEN) for GET /api/api_keys: missing scope keys:manage');
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    [400, 'INVALID_SORT'],
    [404, 'RESOURCE_NOT_FOUND'],
    [422, 'VALIDATION_FAILED'],
  ])('%i: ApiError exit 1 with code and request id', async (status, code) => {
    server.on('GET /api/audit_logs', fail(status, { 'x-request-id': 'e-1' }, code));
    const { http } = await setup();
    const err = await caught(http.getJson('audit_logs'));
    expect(err).toBeInstanceOf(ApiError);
    expect(err).not.toBeInstanceOf(TempError);
    expect((err as ApiError).exitCode).toBe(1);
    expect((err as ApiError).status).toBe(status);
    expect((err as ApiError).code).toBe(code);
    expect((err as ApiError).requestId).toBe('e-1');
    expect(err.message).toBe(`GET /api/audit_logs failed: ${status} ${code}: failed with ${status}`);
    expect(server.requests).toHaveLength(1);
  });

  it('a non-JSON 4xx body still gives a clean error with status and request id', async () => {
    server.on('GET /api/me', (_req, res) => {
      res.writeHead(418, { 'content-type': 'text/plain', 'x-request-id': 'tea-1' });
      res.end('I am a teapot\n\u001b[31m');
    });
    const { http } = await setup();
    const err = await caught(http.getJson('me'));
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toBe('GET /api/me failed: 418 (non-JSON body)');
    expect((err as ApiError).requestId).toBe('tea-1');
  });

  it('3xx: not followed, the error names the Location', async () => {
    server.on('GET /api/me', (_req, res) => {
      res.writeHead(301, { location: 'https://elsewhere.example/api/me' });
      res.end();
    });
    const { http } = await setup();
    const err = await caught(http.getJson('me'));
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).exitCode).toBe(1);
    expect(err.message).toBe('GET /api/me answered 301 redirecting to https://elsewhere.example/api/me; redirects are not followed');
    expect(server.requests).toHaveLength(1);
  });

  it('an aborted signal ends the request with InterruptedError', async () => {
    const controller = new AbortController();
    server.on('GET /api/me', () => {
      controller.abort();
    });
    const { http } = await setup({ signal: controller.signal });
    const err = await caught(http.getJson('me'));
    expect(err).toBeInstanceOf(InterruptedError);
    expect(server.requests).toHaveLength(1);
  });

  it("a caller's own signal aborts its request", async () => {
    const controller = new AbortController();
    server.on('GET /api/me', () => undefined);
    const { http } = await setup();
    const pending = caught(http.getJson('me', undefined, { signal: controller.signal }));
    await new Promise((r) => setTimeout(r, 30));
    controller.abort();
    expect(await pending).toBeInstanceOf(InterruptedError);
  });
});

describe('--verbose', () => {
  it('logs one line per request and response, retries and waits, and never the key', async () => {
    server.on(
      'GET /api/audit_logs',
      fail(503, { 'x-request-id': 'v-1' }, 'SERVICE_UNAVAILABLE'),
      fail(429, { 'x-request-id': 'v-2', 'retry-after': '3' }, 'RATE_LIMITED'),
      json(200, { data: [], meta: { total: 0 } }, { 'x-request-id': 'v-3', 'x-ratelimit-remaining': '4998' }),
    );
    server.on('GET /api/me', json(400, { error: { code: 'BAD_REQUEST', message: `bad key ${KEY}` } }));
    const { http, io } = await setup({ verbose: true });
    await http.getJson('audit_logs', { per_page: 1 });
    const err = await caught(http.getJson('me'));
    const lines = io.err().trimEnd().split('\n').map((l) => l.replace(/ \d+ms req/, ' Nms req'));
    expect(lines).toEqual([
      `> GET ${server.url}/api/audit_logs?per_page=1`,
      '< 503 GET /api/audit_logs Nms req=v-1',
      '! 503 SERVICE_UNAVAILABLE: retrying GET /api/audit_logs in 250ms, attempt 2 of 5',
      `> GET ${server.url}/api/audit_logs?per_page=1`,
      '< 429 GET /api/audit_logs Nms req=v-2',
      '! 429 RATE_LIMITED: waiting 3s (Retry-After) before GET /api/audit_logs, attempt 3 of 5',
      'waiting 3s as the API asked (Retry-After on 429 RATE_LIMITED), until 2026-11-26 12:00:03 UTC',
      `> GET ${server.url}/api/audit_logs?per_page=1`,
      '< 200 GET /api/audit_logs Nms req=v-3 remaining=4998',
      `> GET ${server.url}/api/me`,
      '< 400 GET /api/me Nms req=- remaining=4998',
    ]);
    expect(io.err()).not.toContain(KEY);
    expect(io.err().toLowerCase()).not.toContain('authorization');
    expect(err.message).toBe(`GET /api/me failed: 400 BAD_REQUEST: bad key ${MASKED}`);
  });
});

/** A CONNECT proxy that tunnels every target to the route server, recording what was asked for. */
async function startTunnelProxy(targetPort: number) {
  const targets: string[] = [];
  const proxy = createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    targets.push(req.url ?? '');
    const upstream = connect(targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    targets,
    close: () => new Promise<void>((r) => {
      proxy.closeAllConnections();
      proxy.close(() => r());
    }),
  };
}

describe('proxies from ctx.env', () => {
  it('sends requests through HTTP_PROXY given in the context env (not process.env)', async () => {
    const proxy = await startTunnelProxy(Number(new URL(server.url).port));
    try {
      server.always('GET /api/me', (req, res) => sendJson(res, 200, { ...ME, via: req.headers.host }));
      const { http } = await setup({ origin: 'http://fibe.invalid', env: { HTTP_PROXY: proxy.url } });
      const res = await http.getJson<{ via: string }>('me');
      expect(res.body.via).toBe('fibe.invalid');
      expect(proxy.targets).toEqual(['fibe.invalid:80']);
      await http.close();
    } finally {
      await proxy.close();
    }
  });

  it('NO_PROXY in the context env bypasses the proxy', async () => {
    server.always('GET /api/me', json(200, ME));
    const { http } = await setup({ env: { HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9', NO_PROXY: '127.0.0.1' } });
    expect((await http.getJson('me')).body).toEqual(ME);
  });
});
