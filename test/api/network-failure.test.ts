// Failures classified by what retrying can fix: a name that does not resolve, https to a plain-http
// port, a host that refuses and never answered: exit 1 with a hint, at once. 75 stays for outages of
// a host that did answer in this run. Only loopback and `.invalid` names: nothing leaves this machine.
import { createServer as createTcpServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/api/http.js';
import { isExcludedByNoProxy, proxyFor } from '../../src/api/proxy.js';
import { TempError } from '../../src/errors.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli, testContext } from '../helpers/run-cli.js';
import { json, startRouteServer } from '../helpers/route-server.js';

const FAST = { connectTimeoutMs: 2_000, headersTimeoutMs: 2_000, bodyTimeoutMs: 2_000, backoffBaseMs: 1, backoffCapMs: 2, maxAttempts: 3 };

/** A loopback port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ entries: 200, seed: 3, now: FIXED_NOW });
});
afterAll(async () => {
  await emu.close();
});

const run = (domain: string, env: Record<string, string> = {}) =>
  runCli(['query', '--since', '1d', '--domain', domain], { env: { FIBE_API_KEY: emu.keys.full, ...env }, http: FAST });

describe('failures retrying will not fix: exit 1 with a hint, not 75', () => {
  it('a host name that does not resolve (DNS), without retries', async () => {
    const r = await run('fibe-audit-test.invalid');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      'error: cannot find the host fibe-audit-test.invalid: no such name in DNS (ENOTFOUND)\n' +
        "hint: check --domain (or FIBE_DOMAIN, or the profile's domain); the default is fibe.gg\n",
    );
    expect(r.sleeps).toEqual([]);
  });

  it('https to a port that speaks plain http (a loopback host given without scheme)', async () => {
    const host = new URL(emu.url).host;
    const before = emu.requests.length;
    const r = await run(host);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      `error: the TLS handshake with ${host} failed: wrong version number (ERR_SSL_WRONG_VERSION_NUMBER)\n` +
        `hint: a local server speaking plain http? use --domain http://${host}\n`,
    );
    expect(r.sleeps).toEqual([]);
    expect(emu.requests.length).toBe(before);
  });

  it('connection refused by a host that never answered in this run', async () => {
    const port = await closedPort();
    const r = await run(`http://127.0.0.1:${port}`);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      `error: nothing accepts connections at 127.0.0.1:${port} (connection refused; it never answered in this run)\n` +
        "hint: check --domain (or FIBE_DOMAIN, or the profile's domain); the default is fibe.gg; is the server running?\n",
    );
  });

  it('a malformed domain stays a usage error (exit 2)', async () => {
    const r = await run('fibe gg');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: --domain: not a host or URL: 'fibe gg'/);
  });
});

describe('what is worth retrying later stays 75', () => {
  it('a host that answered earlier in the run and then refuses connections', async () => {
    const server = await startRouteServer();
    server.always('GET /api/me', json(200, { id: 1 }));
    const { ctx } = testContext({ http: FAST });
    const http = await createHttpClient(ctx, { origin: server.url, apiKey: 'fibe_test_key_0123456789', verbose: false, maxWaitMs: 60_000 });
    try {
      await http.getJson('me');
      await server.close();
      const err = await http.getJson('me').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TempError);
      expect((err as Error).message).toMatch(/failed after 3 attempts; last: connection refused \(ECONNREFUSED\)$/);
    } finally {
      await http.close();
    }
  });
});

describe('proxies: scheme-less values, NO_PROXY, and naming the proxy in errors', () => {
  it.each([
    ['fibe.gg', 443, 'fibe.gg', true],
    ['api.fibe.gg', 443, '.fibe.gg', true],
    ['api.fibe.gg', 443, '*.fibe.gg', true],
    ['notfibe.gg', 443, 'fibe.gg', false],
    ['fibe.gg', 443, 'fibe.gg:8443', false],
    ['fibe.gg', 8443, 'example.com, fibe.gg:8443', true],
    ['anything', 443, '*', true],
    ['fibe.gg', 443, '', false],
  ])('NO_PROXY: %s:%i with %j excluded: %s', (host, port, noProxy, want) => {
    expect(isExcludedByNoProxy(host, port, noProxy)).toBe(want);
  });

  it('a scheme-less HTTPS_PROXY means http://, and is ignored entirely when NO_PROXY covers the host', () => {
    expect(proxyFor('https://fibe.gg', { HTTPS_PROXY: '127.0.0.1:9' })).toEqual({ url: 'http://127.0.0.1:9/', display: 'http://127.0.0.1:9', variable: 'HTTPS_PROXY' });
    expect(proxyFor('https://fibe.gg', { HTTPS_PROXY: '127.0.0.1:9', NO_PROXY: 'fibe.gg' })).toBeNull();
    expect(proxyFor('https://fibe.gg', { HTTPS_PROXY: 'http://user:secret@proxy.example:3128' })?.display).toBe('http://proxy.example:3128');
    expect(() => proxyFor('https://fibe.gg', { https_proxy: 'http://[bad' })).toThrow(/^https_proxy: not a proxy URL/);
  });

  it('a request through a proxy that refuses names the proxy and the variable (not "Invalid URL")', async () => {
    const port = await closedPort();
    const r = await run('https://fibe-audit-test.invalid', { HTTPS_PROXY: `127.0.0.1:${port}` });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      `error: cannot reach fibe-audit-test.invalid through the proxy http://127.0.0.1:${port} (from HTTPS_PROXY): it refused the connection (ECONNREFUSED)\n` +
        'hint: check HTTPS_PROXY, or add fibe-audit-test.invalid to NO_PROXY to bypass it\n',
    );
  });

  it('NO_PROXY covering the host bypasses even a proxy value that is no URL at all', async () => {
    const r = await run('https://fibe-audit-test.invalid', { HTTPS_PROXY: 'http://[bad', NO_PROXY: 'fibe-audit-test.invalid' });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^error: cannot find the host fibe-audit-test.invalid/);
  });

  it('a bad proxy value that applies is a usage error naming the variable', async () => {
    const r = await run('https://fibe-audit-test.invalid', { HTTPS_PROXY: 'http://[bad' });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe("error: HTTPS_PROXY: not a proxy URL 'http://[bad'\nhint: expected e.g. http://proxy.example:3128\n");
  });
});

