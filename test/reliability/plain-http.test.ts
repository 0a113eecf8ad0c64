// Plain http only ever reaches this machine: `http://` to any other host is refused (exit 2) before a
// socket is opened, whichever command and wherever the domain came from; loopback http is never sent
// through a proxy and `*.localhost` never goes to DNS. Listeners that must receive nothing prove it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli, tempDir, type RunOptions } from '../helpers/run-cli.js';
import { FAST_HTTP, watchConnections } from './harness.js';

/** A TCP listener that counts connections and answers nothing useful (a proxy refusing CONNECT). */
interface Trap {
  server: Server;
  port: number;
  connections: number;
}

async function startTrap(host: string, behaviour: 'refuse' | 'drop' = 'refuse'): Promise<Trap> {
  const trap = { server: createServer(), port: 0, connections: 0 };
  trap.server.on('connection', (socket) => {
    trap.connections += 1;
    if (behaviour === 'drop') socket.destroy();
    else socket.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
  });
  await new Promise<void>((resolve, reject) => {
    trap.server.once('error', reject);
    trap.server.listen(0, host, () => resolve());
  });
  trap.port = (trap.server.address() as { port: number }).port;
  return trap;
}

/** This machine's own non-loopback addresses (no link-local ones, which need a scope id). */
function localNonLoopback(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((a) => a !== undefined && !a.internal && !a.address.startsWith('fe80'))
    .map((a) => (a!.family === 'IPv6' ? `[${a!.address}]` : a!.address));
}

let emu: Emulator;
const traps: Trap[] = [];
beforeAll(async () => {
  emu = await startEmulator({ entries: 300, seed: 2, now: FIXED_NOW });
});
afterAll(async () => {
  for (const t of traps) t.server.close();
  await emu.close();
});

const COMMANDS: Array<[string, string[]]> = [
  ['query', ['query', '--since', '1d']],
  ['actor', ['actor', 'key:15']],
  ['keys', ['keys']],
  ['summary', ['summary']],
  ['export', ['export', '--out', '@/a.ndjson']],
  ['auth status', ['auth', 'status']],
];

/** Runs argv and asserts exit 2 with the refusal, while no socket (or undici request) was opened. */
async function expectRefused(argv: string[], opts: RunOptions, host: string): Promise<void> {
  const dir = tempDir('fibe-http-');
  const watch = watchConnections();
  let r;
  try {
    r = await runCli(argv.map((a) => a.replace('@', dir)), { http: FAST_HTTP, ...opts });
  } finally {
    watch.stop();
  }
  expect(r.exitCode).toBe(2);
  expect(r.stderr.split('\n')[0]).toMatch(new RegExp(`^error: .*plain http is refused for ${host.replace(/[.[\]]/g, '\\$&')}`));
  expect(watch.seen).toEqual([]);
}

describe('http:// to a host that is not loopback: exit 2, no socket', () => {
  it('the socket watch itself sees a loopback run (control)', async () => {
    const watch = watchConnections();
    const r = await runCli(['query', '--since', '1d', '--limit', '1'], { env: { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url } });
    watch.stop();
    expect(r.exitCode).toBe(0);
    expect(watch.seen.length).toBeGreaterThan(0);
  });

  it.each(COMMANDS)('%s with FIBE_DOMAIN=http://example.invalid', async (_name, argv) => {
    await expectRefused(argv, { env: { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: 'http://example.invalid' } }, 'example.invalid');
  });

  it.each(COMMANDS)('%s with --domain http://example.invalid over a good FIBE_DOMAIN', async (_name, argv) => {
    await expectRefused(['--domain', 'http://example.invalid', ...argv], { env: { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url } }, 'example.invalid');
  });

  it('auth login refuses before reading the key, and saves nothing', async () => {
    const home = tempDir('fibe-http-');
    await expectRefused(['auth', 'login', '--with-token', '--domain', 'http://example.invalid'], { configDir: home, stdin: emu.keys.full }, 'example.invalid');
  });

  it('a stored profile, and the official fibe CLI profile, with an http domain', async () => {
    const home = tempDir('fibe-http-');
    mkdirSync(join(home, 'fibe-audit'), { recursive: true, mode: 0o700 });
    writeFileSync(join(home, 'fibe-audit', 'config.json'), JSON.stringify({ active: 'p', profiles: { p: { api_key: emu.keys.full, domain: 'http://example.invalid' } } }), { mode: 0o600 });
    await expectRefused(['query'], { configDir: home }, 'example.invalid');
    const cli = tempDir('fibe-http-');
    mkdirSync(join(cli, 'xdg', 'fibe'), { recursive: true });
    writeFileSync(join(cli, 'xdg', 'fibe', 'credentials.json'), JSON.stringify({ profiles: { default: { api_key: emu.keys.full, domain: 'http://example.invalid' } } }), { mode: 0o600 });
    await expectRefused(['summary'], { configDir: cli }, 'example.invalid');
  });

  it.each([
    ['http://0.0.0.0', '0.0.0.0'],
    ['http://[::ffff:127.0.0.1]', '[::ffff:7f00:1]'],
    ['http://127.0.0.1.example.invalid', '127.0.0.1.example.invalid'],
    ['http://localhost.example.invalid', 'localhost.example.invalid'],
    ['HTTP://EXAMPLE.INVALID:80', 'example.invalid'],
    ['http://example.invalid\\@127.0.0.1', 'example.invalid'],
    ['http://10.0.0.1:8080', '10.0.0.1'],
  ])('tricky form %s', async (domain, host) => {
    await expectRefused(['query'], { env: { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: domain } }, host);
  });

  it('a listener on every non-loopback address of this machine receives nothing', async () => {
    const hosts = localNonLoopback();
    for (const host of hosts) {
      const trap = await startTrap(host.replace(/^\[|\]$/g, ''));
      traps.push(trap);
      for (const [, argv] of COMMANDS) {
        await expectRefused(argv, { env: { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: `http://${host}:${trap.port}` } }, host);
      }
      expect(trap.connections).toBe(0);
    }
  });
});

describe('loopback http stays on this machine', () => {
  it('is never sent through a proxy from the environment (the proxy would see the key in clear)', async () => {
    const proxy = await startTrap('127.0.0.1');
    traps.push(proxy);
    const proxyUrl = `http://127.0.0.1:${proxy.port}`;
    for (const env of [{ HTTP_PROXY: proxyUrl }, { http_proxy: proxyUrl, HTTPS_PROXY: proxyUrl }]) {
      const r = await runCli(['query', '--since', '1d', '--limit', '3', '-o', 'ndjson'], {
        env: { ...env, FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url },
        http: { ...FAST_HTTP, maxAttempts: 1 },
      });
      expect(r.stderr).not.toContain('error:');
      expect(r.exitCode).toBe(0);
      expect(r.stdout.trim().split('\n')).toHaveLength(3);
    }
    expect(proxy.connections).toBe(0);
  });

  it('a *.localhost name reaches the loopback address without asking DNS (RFC 6761)', async () => {
    const port = new URL(emu.url).port;
    const r = await runCli(['query', '--since', '1d', '--limit', '2', '-o', 'ndjson'], {
      env: { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: `http://fibe.localhost:${port}` },
      http: { ...FAST_HTTP, maxAttempts: 1 },
    });
    expect(r.stderr).not.toContain('error:');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
  });
});

describe('https through a proxy from the environment', () => {
  it('a proxy refusing the tunnel is a network failure (exit 75, retried), not an interrupt', async () => {
    const proxy = await startTrap('127.0.0.1');
    traps.push(proxy);
    const r = await runCli(['query', '--since', '1d'], {
      // The proxy resolves the target itself: nothing but the local trap is ever contacted.
      env: { HTTPS_PROXY: `http://127.0.0.1:${proxy.port}`, FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: 'https://example.invalid' },
      http: FAST_HTTP,
    });
    expect(r.exitCode).toBe(75);
    expect(r.stderr.split('\n')[0]).toMatch(/^error: GET \/api\/audit_logs failed after 5 attempts; last: .*proxy.*403/i);
    expect(proxy.connections).toBe(5);
  });

  it('a proxy dropping every connection cannot hold a run forever: each attempt gives up in time, exit 75', async () => {
    const proxy = await startTrap('127.0.0.1', 'drop');
    traps.push(proxy);
    const run = runCli(['query', '--since', '1d'], {
      env: { HTTPS_PROXY: `http://127.0.0.1:${proxy.port}`, FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: 'https://example.invalid' },
      http: { ...FAST_HTTP, connectTimeoutMs: 200, headersTimeoutMs: 200, maxAttempts: 2 },
    });
    // Without a deadline undici reconnects to such a proxy endlessly; give the run 5 s at most.
    const hung = new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 5_000).unref());
    const r = await Promise.race([run, hung]);
    expect(r).not.toBe('hung');
    if (r === 'hung') return;
    expect(r.exitCode).toBe(75);
    // Depending on timing undici either sees the reset or reconnects until the deadline.
    expect(r.stderr.split('\n')[0]).toMatch(/^error: GET \/api\/audit_logs failed after 2 attempts; last: (no response in time|connection reset)/);
  });
});
