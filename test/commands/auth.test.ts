import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli, tempDir, type RunOptions } from '../helpers/run-cli.js';
import { maskKey } from '../../src/config/mask.js';

let em: Emulator;
beforeAll(async () => {
  em = await startEmulator({ entries: 500, seed: 11, now: FIXED_NOW, rateLimitPerHour: 100_000 });
});
afterAll(() => em.close());

/** One temp home per test: runCli puts config under <dir>/fibe-audit and XDG under <dir>/xdg. */
let home: string;
beforeEach(() => {
  home = tempDir();
  em.requests.length = 0;
});
const run = (argv: string[], opts: RunOptions = {}) => runCli(argv, { configDir: home, ...opts });
const storeFile = () => join(home, 'fibe-audit', 'config.json');
const host = () => em.url;

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

function writeFibeCli(profiles: Record<string, { api_key: string; domain: string }>, active?: string) {
  const dir = join(home, 'xdg', 'fibe');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'credentials.json'), JSON.stringify({ profiles }), { mode: 0o600 });
  if (active) writeFileSync(join(dir, 'config.json'), JSON.stringify({ active_profile: active }));
}

describe('auth login', () => {
  it('reads the key from piped stdin, validates it, saves 0600 in a 0700 dir and makes it active', async () => {
    const key = em.keys.full;
    const r = await run(['auth', 'login', '--domain', host()], { stdin: `  ${key}\n` });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`Logged in to ${host()} as ${em.data.player.username} (player #${em.data.player.id}) — profile 'default', key ${maskKey(key)}\n`);
    expect(r.stderr).toBe('');
    expect(statSync(join(home, 'fibe-audit')).mode & 0o777).toBe(0o700);
    expect(statSync(storeFile()).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(storeFile(), 'utf8'))).toEqual({ active: 'default', profiles: { default: { api_key: key, domain: host() } } });
    expect(em.requests.map((q) => q.path)).toEqual(['/api/me', '/api/audit_logs']);
  });

  it('a rejected key (401) exits 4 and saves nothing', async () => {
    const r = await run(['auth', 'login', '--domain', host()], { stdin: em.keys.expired });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toMatch(/^error: the API key was rejected \(401\): this API key has expired \(request id req_\w+\)\nhint: nothing was saved/);
    expect(existsSync(storeFile())).toBe(false);
    expect(r.stdout).toBe('');
  });

  it('a key without audit access is saved, with a warning', async () => {
    const r = await run(['auth', 'login', '--profile', 'deploy', '--domain', host()], { stdin: em.keys.no_audit });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain("— profile 'deploy'");
    expect(r.stderr).toBe(
      'warning: this key may not read the audit log (403 FORBIDDEN); saved anyway — give it the audit_logs:read scope\n',
    );
    expect(JSON.parse(readFileSync(storeFile(), 'utf8')).active).toBe('deploy');
  });

  it('a second profile is saved but does not become active', async () => {
    await run(['auth', 'login', '--domain', host()], { stdin: em.keys.full });
    const r = await run(['auth', 'login', '--profile', 'ci', '--domain', host()], { stdin: em.keys.no_keys });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe("profile 'ci' saved; the active profile is still 'default' (switch with 'fibe-audit auth use ci')\n");
    const q = await run(['--quiet', 'auth', 'login', '--profile', 'ci2', '--domain', host()], { stdin: em.keys.no_keys });
    expect(q.stderr).toBe('');
  });

  it('on a terminal, prompts with a masked echo', async () => {
    const key = em.keys.full;
    const r = await run(['auth', 'login', '--domain', host()], { stdin: `${key}x\u007f\r`, stdinTTY: true, tty: true });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(`Paste your Fibe API key: ${'*'.repeat(key.length + 1)}\b \b\n`);
    expect(JSON.parse(readFileSync(storeFile(), 'utf8')).profiles.default.api_key).toBe(key);
  });

  it('--with-token at a terminal still gets the masked prompt: the pasted key is never echoed', async () => {
    const r = await run(['auth', 'login', '--with-token', '--domain', host()], { stdin: `${em.keys.full}\r`, stdinTTY: true });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(`Paste your Fibe API key: ${'*'.repeat(em.keys.full.length)}\n`);
    expect(r.stderr + r.stdout).not.toContain(em.keys.full);
  });

  it.each([
    ['', 'error: no API key given (the input was empty)'],
    ['two words', 'error: the API key must be one word without spaces or line breaks'],
  ])('bad input %j: exit 2 before any request', async (stdin, message) => {
    const r = await run(['auth', 'login', '--domain', host()], { stdin });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(message);
    expect(em.requests).toHaveLength(0);
  });

  it('refuses plain http to a non-loopback host before reading the key or sending anything', async () => {
    const r = await run(['auth', 'login', '--domain', 'http://fibe.gg'], { stdin: em.keys.full });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--domain: plain http is refused for fibe.gg');
  });
});

describe('auth status', () => {
  it('shows profile, domain, masked key, source, identity, scopes, audit access and rate limit', async () => {
    await run(['auth', 'login', '--domain', host()], { stdin: em.keys.full });
    const r = await run(['auth', 'status']);
    expect(r.exitCode).toBe(0);
    const p = em.data.player;
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 7)).toEqual([
      'Profile:    default',
      `Domain:     ${host()}`,
      `Key:        ${maskKey(em.keys.full)}`,
      'Source:     profile (the active stored profile)',
      `User:       ${p.username} (player #${p.id}${p.email ? `, ${p.email}` : ''})`,
      'Scopes:     *',
      'Audit log:  yes',
    ]);
    expect(lines.slice(7)).toEqual([expect.stringMatching(/^Rate limit: \d+\/100000 requests left, resets in \d+[hm]( \d+m)?$/), '']);
  });

  it('--json prints one object with the documented fields', async () => {
    const r = await run(['auth', 'status', '--json'], { env: { FIBE_API_KEY: em.keys.no_audit, FIBE_DOMAIN: host() } });
    expect(r.exitCode).toBe(0);
    const s = JSON.parse(r.stdout);
    const p = em.data.player;
    expect(s).toEqual({
      profile: null,
      domain: host(),
      key: maskKey(em.keys.no_audit),
      source: 'env',
      user: { id: p.id, username: p.username, email: p.email },
      scopes: expect.any(Array),
      audit_access: false,
      rate_limit: { limit: 100_000, remaining: expect.any(Number), reset: expect.stringMatching(/^2026-11-26T1\d:\d\d:\d\d\.000Z$/) },
      rate_limited: false,
    });
    expect(s.scopes).not.toContain('*');
  });

  it('FIBE_API_KEY + FIBE_DOMAIN work with no config at all, and create nothing on disk', async () => {
    const r = await run(['auth', 'status'], { env: { FIBE_API_KEY: em.keys.full, FIBE_DOMAIN: host() } });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Source:     env (FIBE_API_KEY)');
    expect(r.stdout).toContain('Profile:    (none)');
    expect(filesUnder(home)).toEqual([]);
  });

  it("picks up the official fibe CLI's active profile", async () => {
    writeFibeCli({ default: { api_key: em.keys.no_keys, domain: host() } });
    const r = await run(['auth', 'status', '--json']);
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ profile: 'default', source: 'fibe-cli', key: maskKey(em.keys.no_keys), audit_access: true });
  });

  it('--profile beats FIBE_API_KEY', async () => {
    await run(['auth', 'login', '--profile', 'good', '--domain', host()], { stdin: em.keys.full });
    const r = await run(['--profile', 'good', 'auth', 'status', '--json'], { env: { FIBE_API_KEY: em.keys.expired, FIBE_DOMAIN: host() } });
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ profile: 'good', source: 'flag-profile', key: maskKey(em.keys.full) });
  });

  it('no key anywhere: exit 4 with the hint', async () => {
    const r = await run(['auth', 'status']);
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toBe("error: no API key found\nhint: set FIBE_API_KEY or run 'fibe-audit auth login'\n");
  });

  it('a rejected key: exit 4', async () => {
    const r = await run(['auth', 'status'], { env: { FIBE_API_KEY: em.keys.expired, FIBE_DOMAIN: host() } });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toMatch(/^error: the API key was rejected \(401\): this API key has expired \(request id req_\w+\)\nhint: check FIBE_API_KEY/);
  });

  it('waits out a 429 Retry-After: 2 (2000 ms through the injected sleep)', async () => {
    em.failNext(1, 'rate_limited', { retryAfter: '2' });
    const r = await run(['auth', 'status'], { env: { FIBE_API_KEY: em.keys.full, FIBE_DOMAIN: host() } });
    expect(r.exitCode).toBe(0);
    expect(r.sleeps).toEqual([2000]);
  });

  it('a 503 on every attempt: exit 75 (worth trying again later)', async () => {
    em.failNext(5, 'error', { status: 503 });
    const r = await run(['auth', 'status'], { env: { FIBE_API_KEY: em.keys.full, FIBE_DOMAIN: host() } });
    expect(r.exitCode).toBe(75);
    expect(r.stderr).toMatch(/^error: GET \/api\/audit_logs failed after 5 attempts; last: 503 \(non-JSON body\) \(request id req_\w+\)\n/);
  });

  it('429 on every attempt: shows who the key is and that the limit is spent, exit 0', async () => {
    em.failNext(5, 'rate_limited', { retryAfter: '1' });
    const r = await run(['auth', 'status'], { env: { FIBE_API_KEY: em.keys.full, FIBE_DOMAIN: host() } });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`User:       ${em.data.player.username}`);
    expect(r.stdout).toContain('Audit log:  unknown (rate-limited)');
    expect(r.stdout).toMatch(/Rate limit: spent: 0\/100000 requests left, resets in \d+[smh] \(the API answered 429\)\n/);
    expect(r.stderr).toMatch(/^(waiting 1s as the API asked .*\n){4}warning: the rate limit is spent \(429\); audit access could not be checked until it resets\n$/);
  });

  it('a Retry-After of an hour: no wait at all, the status with the limit instead of exit 75', async () => {
    em.failNext(1, 'rate_limited', { retryAfter: '3600' });
    const r = await run(['auth', 'status', '--json'], { env: { FIBE_API_KEY: em.keys.full, FIBE_DOMAIN: host() } });
    expect(r.exitCode).toBe(0);
    expect(r.sleeps).toEqual([]);
    expect(JSON.parse(r.stdout)).toMatchObject({ source: 'env', user: { id: em.data.player.id }, audit_access: null, rate_limited: true, rate_limit: { remaining: 0 } });
    expect(r.stderr).toBe('warning: the rate limit is spent (429); audit access could not be checked until it resets\n');
  });
});

describe('rate-limit budget at the command level', () => {
  it.each(['delta', 'epoch'] as const)('auth status on a spent budget (reset as %s) shows the limit and its reset, no further request', async (resetHeader) => {
    const small = await startEmulator({ entries: 50, seed: 2, now: FIXED_NOW, rateLimitPerHour: 1, resetHeader });
    try {
      const r = await run(['--max-wait', '10m', 'auth', 'status'], { env: { FIBE_API_KEY: small.keys.full, FIBE_DOMAIN: small.url } });
      expect(r.exitCode).toBe(0);
      expect(r.stdout).toContain('Rate limit: spent: 0/1 requests left, resets in 1h (the API answered 429)\n');
      expect(r.stderr).toBe('warning: the rate limit is spent (429); audit access could not be checked until it resets\n');
      expect(small.requests.map((q) => q.path)).toEqual(['/api/me']);
    } finally {
      await small.close();
    }
  });

  it('a budget spent before /api/me: identity unknown, the limit shown, exit 0', async () => {
    const none = await startEmulator({ entries: 50, seed: 2, now: FIXED_NOW, rateLimitPerHour: 0 });
    try {
      const r = await run(['auth', 'status', '--json'], { env: { FIBE_API_KEY: none.keys.full, FIBE_DOMAIN: none.url } });
      expect(r.exitCode).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ user: null, scopes: null, audit_access: null, rate_limited: true, rate_limit: { limit: 0, remaining: 0 } });
      expect(r.stderr).toBe('warning: the rate limit is spent (429); identity and audit access could not be checked until it resets\n');
      expect(r.sleeps).toEqual([]);
    } finally {
      await none.close();
    }
  });

  it('other commands still stop with exit 75 on a budget spent beyond --max-wait', async () => {
    const small = await startEmulator({ entries: 50, seed: 2, now: FIXED_NOW, rateLimitPerHour: 1 });
    try {
      const r = await run(['--max-wait', '10m', 'keys'], { env: { FIBE_API_KEY: small.keys.full, FIBE_DOMAIN: small.url } });
      expect(r.exitCode).toBe(75);
      expect(r.stderr).toContain('error: the rate limit is spent and resets in 1h, longer than --max-wait 10m\nhint: try again later, or raise --max-wait\n');
    } finally {
      await small.close();
    }
  });
});

describe('auth list, use, logout', () => {
  beforeEach(async () => {
    await run(['auth', 'login', '--domain', host()], { stdin: em.keys.full });
    await run(['auth', 'login', '--profile', 'ci', '--domain', host()], { stdin: em.keys.no_keys });
  });

  it('list marks the active profile, with domain and masked key; --json too', async () => {
    writeFibeCli({ work: { api_key: em.keys.no_audit, domain: 'work.example' } });
    const r = await run(['auth', 'list']);
    expect(r.stdout).toBe([
      `*  default  ${host()}  ${maskKey(em.keys.full)}`,
      `   ci       ${host()}  ${maskKey(em.keys.no_keys)}`,
      `   work     ${'work.example'.padEnd(host().length)}  ${maskKey(em.keys.no_audit)}  (fibe CLI, read-only)`,
      '',
    ].join('\n'));
    const j = await run(['auth', 'list', '--json']);
    expect(JSON.parse(j.stdout)).toEqual([
      { name: 'default', active: true, domain: host(), key: maskKey(em.keys.full), store: 'fibe-audit' },
      { name: 'ci', active: false, domain: host(), key: maskKey(em.keys.no_keys), store: 'fibe-audit' },
      { name: 'work', active: false, domain: 'https://work.example', key: maskKey(em.keys.no_audit), store: 'fibe-cli' },
    ]);
  });

  it('use switches the active profile; an unknown name is exit 2', async () => {
    const r = await run(['auth', 'use', 'ci']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`Now using profile 'ci' (${host()}, key ${maskKey(em.keys.no_keys)})\n`);
    expect(JSON.parse((await run(['auth', 'status', '--json'])).stdout).profile).toBe('ci');
    const bad = await run(['auth', 'use', 'nope']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toBe("error: unknown profile 'nope'\nhint: known profiles: default, ci\n");
  });

  it('logout removes the active profile (or the named one) and says which', async () => {
    const r = await run(['auth', 'logout']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(`Logged out of profile 'default' (${host()}); its key was removed from ${storeFile()}\n`);
    expect(r.stderr).toBe("no profile is active now; choose one with 'fibe-audit auth use <name>'\n");
    const named = await run(['auth', 'logout', '--profile', 'ci']);
    expect(named.stdout).toContain("Logged out of profile 'ci'");
    expect(JSON.parse(readFileSync(storeFile(), 'utf8'))).toEqual({ profiles: {} });
    const none = await run(['auth', 'logout']);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(/^error: no active profile to log out of/);
  });

  it("a fibe CLI profile cannot be switched to or removed here", async () => {
    writeFibeCli({ work: { api_key: em.keys.no_audit, domain: host() } });
    const r = await run(['auth', 'use', 'work']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: profile 'work' belongs to the official fibe CLI/);
  });
});

describe('the key never leaks', () => {
  it('appears in no output (even --verbose) and in no file but the credentials file', async () => {
    const key = em.keys.full;
    const outputs: string[] = [];
    const runs: Array<[string[], RunOptions]> = [
      [['--verbose', 'auth', 'login', '--domain', host()], { stdin: key }],
      [['--verbose', 'auth', 'status'], {}],
      [['--verbose', 'auth', 'status', '--json'], {}],
      [['--verbose', 'auth', 'list'], {}],
      [['--verbose', 'auth', 'list', '--json'], {}],
      [['--verbose', 'auth', 'status'], { env: { FIBE_API_KEY: key, FIBE_DOMAIN: host() } }],
      [['--verbose', 'auth', 'status'], { env: { FIBE_API_KEY: `${key}x`, FIBE_DOMAIN: host() } }],
    ];
    for (const [argv, opts] of runs) {
      const r = await run(argv, opts);
      outputs.push(r.stdout, r.stderr);
    }
    expect(outputs.join('\n')).toContain('> GET');
    for (const text of outputs) expect(text).not.toContain(key);
    const files = filesUnder(home);
    expect(files).toContain(storeFile());
    for (const f of files.filter((f) => f !== storeFile())) expect(readFileSync(f, 'utf8')).not.toContain(key);
  });
});

describe('help', () => {
  it.each(['login', 'status', 'list', 'use', 'logout'])('auth %s --help ends with examples', async (sub) => {
    const r = await run(['auth', sub, '--help']);
    expect(r.exitCode).toBe(0);
    const tail = r.stdout.slice(r.stdout.indexOf('Examples:'));
    expect(tail.match(/^ {2}\$ /gm)?.length).toBeGreaterThanOrEqual(3);
    expect(r.stdout.trimEnd().endsWith(tail.trimEnd())).toBe(true);
  });
});
