// Sign-in and config as a new user meets them: keys with non-ASCII characters, FIBE_PROFILE in
// status/login/logout, a broken official credentials.json, and rate-limit waits said out loud.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../src/api/http.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { json, startRouteServer } from '../helpers/route-server.js';
import { FIXED_NOW, runCli, tempDir, testContext, type RunOptions } from '../helpers/run-cli.js';

let em: Emulator;
beforeAll(async () => {
  em = await startEmulator({ entries: 300, seed: 13, now: FIXED_NOW, rateLimitPerHour: 100_000 });
});
afterAll(() => em.close());

let home: string;
beforeEach(() => {
  home = tempDir();
  em.requests.length = 0;
});
const run = (argv: string[], opts: RunOptions = {}) => runCli(argv, { configDir: home, ...opts });
const storeFile = () => join(home, 'fibe-audit', 'config.json');
const fibeCliFile = () => join(home, 'xdg', 'fibe', 'credentials.json');

function writeFibeCliText(text: string, mode = 0o600) {
  mkdirSync(join(home, 'xdg', 'fibe'), { recursive: true });
  writeFileSync(fibeCliFile(), text, { mode });
  chmodSync(fibeCliFile(), mode);
}

describe('a key with a character that is not plain ASCII: exit 2 naming where it came from', () => {
  const curly = () => `${em.keys.full.slice(0, 10)}\u2019${em.keys.full.slice(10)}`;

  it('from FIBE_API_KEY', async () => {
    const r = await run(['query', '--since', '1d'], { env: { FIBE_API_KEY: curly(), FIBE_DOMAIN: em.url } });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(
      'error: FIBE_API_KEY: the API key contains a non-ASCII character (U+2019 at position 11); keys are plain ASCII\n' +
        'hint: copy the key again from Fibe: editors and chat tools can swap characters for look-alikes\n',
    );
    expect(em.requests).toEqual([]);
  });

  it('from --with-token (stdin)', async () => {
    const r = await run(['auth', 'login', '--with-token', '--domain', em.url], { stdin: curly() });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      'error: the key read from stdin (--with-token): the API key contains a non-ASCII character (U+2019 at position 11); keys are plain ASCII',
    );
    expect(em.requests).toEqual([]);
  });

  it('from a stored profile, naming the profile and its file', async () => {
    mkdirSync(join(home, 'fibe-audit'), { recursive: true, mode: 0o700 });
    writeFileSync(storeFile(), JSON.stringify({ active: 'default', profiles: { default: { api_key: curly(), domain: em.url } } }), { mode: 0o600 });
    const r = await run(['keys']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      `error: profile 'default' (${storeFile()}): the API key contains a non-ASCII character (U+2019 at position 11); keys are plain ASCII`,
    );
  });
});

describe('FIBE_PROFILE', () => {
  beforeEach(async () => {
    await run(['auth', 'login', '--domain', em.url], { stdin: em.keys.full });
    await run(['auth', 'login', '--profile', 'ci', '--domain', em.url], { stdin: em.keys.no_keys });
  });

  it('auth status names FIBE_PROFILE as what chose the key', async () => {
    const r = await run(['auth', 'status'], { env: { FIBE_PROFILE: 'ci' } });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Profile:    ci\n');
    expect(r.stdout).toContain('Source:     profile (FIBE_PROFILE=ci)\n');
    const plain = await run(['auth', 'status']);
    expect(plain.stdout).toContain('Source:     profile (the active stored profile)\n');
  });

  it('auth logout removes the FIBE_PROFILE profile, not the active one', async () => {
    const r = await run(['auth', 'logout'], { env: { FIBE_PROFILE: 'ci' } });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("Logged out of profile 'ci'");
    expect(Object.keys(JSON.parse(readFileSync(storeFile(), 'utf8')).profiles)).toEqual(['default']);
  });

  it('auth login stores under the FIBE_PROFILE name', async () => {
    const r = await run(['auth', 'login', '--domain', em.url], { stdin: em.keys.no_audit, env: { FIBE_PROFILE: 'deploy' } });
    expect(r.stdout).toContain("profile 'deploy'");
    expect(Object.keys(JSON.parse(readFileSync(storeFile(), 'utf8')).profiles).sort()).toEqual(['ci', 'default', 'deploy']);
  });
});

describe("a broken official fibe CLI credentials.json: one warning naming the file", () => {
  it('not valid JSON', async () => {
    writeFibeCliText('{"profiles": {');
    const r = await run(['auth', 'status']);
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toBe(
      `warning: the official fibe CLI's ${fibeCliFile()}: not valid JSON; its profiles are ignored\n` +
        "error: no API key found\nhint: set FIBE_API_KEY or run 'fibe-audit auth login'\n",
    );
  });

  it('a profile without api_key, and a file others can read: used, with one warning', async () => {
    writeFibeCliText(JSON.stringify({ profiles: { default: { api_key: em.keys.full, domain: em.url }, broken: { domain: em.url } } }), 0o644);
    const r = await run(['auth', 'status']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("Source:     fibe-cli (the official fibe CLI's active profile)");
    expect(r.stderr).toBe(
      `warning: the official fibe CLI's ${fibeCliFile()}: profile 'broken' has no api_key (ignored); readable by other users (mode 0644); run chmod 600 on it\n`,
    );
    const list = await run(['auth', 'list']);
    expect(list.stderr.match(/warning:/g)).toHaveLength(1);
  });

  it('a healthy file says nothing', async () => {
    writeFibeCliText(JSON.stringify({ profiles: { default: { api_key: em.keys.full, domain: em.url } } }));
    const r = await run(['auth', 'status']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('a spent rate limit is waited out out loud', () => {
  async function budgetWait(tty: boolean, quiet = false) {
    const server = await startRouteServer();
    server.on('GET /api/me', json(200, { id: 1 }, { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '20' }), json(200, { id: 1 }));
    const { ctx, io, sleeps } = testContext({ tty });
    const http = await createHttpClient(ctx, { origin: server.url, apiKey: 'fibe_test_0123456789abcdef', verbose: false, maxWaitMs: 60_000, quiet });
    try {
      await http.getJson('me');
      await http.getJson('me');
    } finally {
      await http.close();
      await server.close();
    }
    return { err: io.err(), sleeps };
  }

  it.each([false, true])('says what it waits for and until when (terminal: %s)', async (tty) => {
    const { err, sleeps } = await budgetWait(tty);
    expect(sleeps).toEqual([20_000]);
    const clear = tty ? '\r\x1b[2K' : '';
    expect(err).toBe(`${clear}waiting 20s for the rate limit to reset (the hourly budget is spent; 0 of 5000 requests left), until 2026-11-26 12:00:20 UTC\n`);
  });

  it('is silent with --quiet', async () => {
    expect((await budgetWait(false, true)).err).toBe('');
  });

  it('the CLI passes --quiet and --tz through', async () => {
    const small = await startEmulator({ entries: 20, seed: 2, now: FIXED_NOW, rateLimitPerHour: 1 });
    try {
      const env = { FIBE_API_KEY: small.keys.full, FIBE_DOMAIN: small.url };
      const http = { maxAttempts: 2, backoffBaseMs: 1, backoffCapMs: 1 };
      const loud = await run(['--max-wait', '2h', '--tz', 'Europe/Paris', 'keys'], { env, http });
      expect(loud.stderr).toMatch(/^waiting 1h for the rate limit to reset \(the hourly budget is spent; 0 of 1 requests left\), until 2026-11-26 14:00:00 CET\n/);
      small.resetRateLimit();
      const quiet = await run(['--max-wait', '2h', '-q', 'keys'], { env, http });
      expect(quiet.stderr).not.toContain('waiting');
    } finally {
      await small.close();
    }
  });
});
