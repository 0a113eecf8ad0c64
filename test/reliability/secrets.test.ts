// The key never leaks: every command, with and without --verbose, on success and on every error path
// (401, 403, 5xx exhausted, bad flags, interrupts), is checked for the key (or any 8 characters of
// its secret part) in stdout, stderr, every file it left, and every request but its Authorization.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli, tempDir, type RunResult } from '../helpers/run-cli.js';
import { FAST_HTTP, filesUnder, keyLeaks, modeOf } from './harness.js';
import { InterruptedError } from '../../src/errors.js';

const EVERY_PATH = ['/api/audit_logs', '/api/me', '/api/api_keys'];
const NO_FAULTS = { errorRate: 0, truncateRate: 0, stallRate: 0, resetRate: 0, malformedRate: 0, arrivalsPerRequest: 0, latencyMs: 0, paths: ['/api/audit_logs'] };
const UNKNOWN_KEY = 'fibe_live_Zq8UnknownKeyNeverIssued0000000000';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ entries: 1_500, seed: 3, now: FIXED_NOW, rateLimitPerHour: 1_000_000 });
});
afterEach(() => {
  emu.setFaults(NO_FAULTS);
});
afterAll(async () => {
  await emu.close();
});

interface Sandbox {
  home: string;
  out: string;
}

interface LeakCase {
  name: string;
  argv(s: Sandbox): string[];
  /** Which key the run uses (default: the emulator's full key). */
  key?: (e: Emulator) => string;
  stdin?: (e: Emulator) => string;
  arrange?: (e: Emulator) => void;
  /** Run with Ctrl-C already pressed. */
  interrupted?: boolean;
  exit: number;
}

const full = (e: Emulator) => e.keys.full;

const CASES: LeakCase[] = [
  // Success paths.
  { name: 'query table', argv: () => ['query', '--since', '1d'], exit: 0 },
  { name: 'q -o json', argv: () => ['q', '--since', '1d', '-o', 'json'], exit: 0 },
  { name: 'query -o csv with metadata', argv: () => ['query', '--since', '1d', '-o', 'csv', '--columns', 'id,actor_label,metadata'], exit: 0 },
  { name: 'actor of the key in use', argv: () => ['actor', 'key:27', '--all'], exit: 0 },
  { name: 'actor -o json of the key in use', argv: () => ['actor', 'key:27', '-o', 'json'], exit: 0 },
  { name: 'actor by the raw key in use', argv: () => ['actor', `key:${emu.keys.full}`], exit: 0 },
  { name: 'actor by the key in use quoted as a label', argv: () => ['actor', `key:"${emu.keys.full}"`], exit: 0 },
  { name: 'actor -o json by the key in use quoted as a label', argv: () => ['actor', `key:"${emu.keys.full}"`, '-o', 'json'], exit: 0 },
  { name: 'query --actor by the key in use quoted as a label', argv: () => ['query', '--since', '1d', '--actor', `key:"${emu.keys.full}"`], exit: 0 },
  { name: 'summary --search for the key in use', argv: () => ['summary', '--search', emu.keys.full], exit: 0 },
  { name: 'keys table', argv: () => ['keys'], exit: 0 },
  { name: 'keys -o json', argv: () => ['keys', '-o', 'json'], exit: 0 },
  { name: 'keys -o csv', argv: () => ['keys', '-o', 'csv'], exit: 0 },
  { name: 'summary --by actor', argv: () => ['summary', '--by', 'actor'], exit: 0 },
  { name: 'export with manifest and checkpoint', argv: (s) => ['export', '--out', join(s.out, 'a.csv'), '--manifest', '--checkpoint', join(s.out, 'ckpt.json')], exit: 0 },
  { name: 'export to stdout', argv: () => ['export', '--since', '1d', '--out', '-', '--format', 'ndjson'], exit: 0 },
  { name: 'auth status', argv: () => ['auth', 'status'], exit: 0 },
  { name: 'auth status --json', argv: () => ['auth', 'status', '--json'], exit: 0 },
  { name: 'auth list (nothing stored)', argv: () => ['auth', 'list'], exit: 0 },
  { name: 'auth login --with-token', argv: () => ['auth', 'login', '--with-token', '--domain', emu.url], stdin: full, exit: 0 },
  { name: 'completion bash', argv: () => ['completion', 'bash'], exit: 0 },
  { name: 'completion zsh', argv: () => ['completion', 'zsh'], exit: 0 },
  { name: 'completion fish', argv: () => ['completion', 'fish'], exit: 0 },
  { name: 'a key with blanks around it (trimmed)', argv: () => ['query', '--since', '1d'], key: (e) => `\n ${e.keys.full}\t\n`, exit: 0 },
  // 401: the key is rejected.
  ...[
    ['query', ['query', '--since', '1d']],
    ['actor', ['actor', 'key:15']],
    ['keys', ['keys']],
    ['summary', ['summary']],
    ['export', ['export', '--out', '@/a.ndjson']],
    ['auth status', ['auth', 'status']],
  ].flatMap(([label, argv]) => [
    { name: `401 expired key: ${label as string}`, argv: (s: Sandbox) => (argv as string[]).map((a) => a.replace('@', s.out)), key: (e: Emulator) => e.keys.expired, exit: 4 },
    { name: `401 unknown key: ${label as string}`, argv: (s: Sandbox) => (argv as string[]).map((a) => a.replace('@', s.out)), key: () => UNKNOWN_KEY, exit: 4 },
  ]),
  { name: '401 on auth login: nothing saved', argv: () => ['auth', 'login', '--with-token', '--domain', emu.url], stdin: () => UNKNOWN_KEY, key: () => UNKNOWN_KEY, exit: 4 },
  // 403: the key lacks a scope.
  { name: '403 query without audit access', argv: () => ['query', '--since', '1d'], key: (e) => e.keys.no_audit, exit: 4 },
  { name: '403 summary without audit access', argv: () => ['summary'], key: (e) => e.keys.no_audit, exit: 4 },
  { name: '403 export without audit access', argv: (s) => ['export', '--out', join(s.out, 'a.json')], key: (e) => e.keys.no_audit, exit: 4 },
  { name: '403 actor without audit access', argv: () => ['actor', 'key:17'], key: (e) => e.keys.no_audit, exit: 4 },
  { name: '403 keys without keys:manage', argv: () => ['keys'], key: (e) => e.keys.no_keys, exit: 4 },
  { name: '403 raw key ref without keys:manage', argv: () => ['actor', `key:${emu.keys.no_keys}`], key: (e) => e.keys.no_keys, exit: 4 },
  // 5xx until the retries run out, on every route.
  ...[
    ['query', ['query', '--since', '1d']],
    ['actor', ['actor', 'key:15']],
    ['keys', ['keys']],
    ['summary', ['summary']],
    ['export', ['export', '--since', '1d', '--out', '@/a.csv', '--checkpoint', '@/ckpt.json', '--manifest']],
    ['auth status', ['auth', 'status']],
  ].map(([label, argv]) => ({
    name: `5xx exhausted: ${label as string}`,
    argv: (s: Sandbox) => (argv as string[]).map((a) => a.replace('@', s.out)),
    arrange: (e: Emulator) => e.setFaults({ errorRate: 1, errorStatuses: [500, 503], paths: EVERY_PATH }),
    exit: 75,
  })),
  { name: '5xx exhausted: auth login', argv: () => ['auth', 'login', '--with-token', '--domain', emu.url], stdin: full, arrange: (e) => e.setFaults({ errorRate: 1, paths: EVERY_PATH }), exit: 75 },
  // Bad flags and refused input.
  { name: 'the key given as --api-key', argv: () => ['--api-key', emu.keys.full, 'query'], exit: 2 },
  { name: 'the key given as --api-key=', argv: () => ['query', `--api-key=${emu.keys.full}`], exit: 2 },
  { name: 'the key as an unknown command', argv: () => [emu.keys.full], exit: 2 },
  { name: 'the key as an unknown option value', argv: () => ['query', '--limit', emu.keys.full], exit: 2 },
  { name: 'the key as a time expression', argv: () => ['query', '--since', emu.keys.full], exit: 2 },
  { name: 'the key as an export filter', argv: (s) => ['export', '--actor', `key:${emu.keys.full}`, '--out', join(s.out, 'a.csv')], exit: 2 },
  { name: 'the key as a profile name', argv: () => ['--profile', emu.keys.full, 'query'], exit: 4 },
  { name: 'the key with a space piped to login', argv: () => ['auth', 'login', '--with-token', '--domain', emu.url], stdin: (e) => `${e.keys.full} oops`, exit: 2 },
  { name: 'a key holding a line break (not a valid header)', argv: () => ['query', '--since', '1d'], key: (e) => `${e.keys.full.slice(0, 20)}\n${e.keys.full.slice(20)}`, exit: 2 },
  { name: 'bad --since', argv: () => ['query', '--since', 'later'], exit: 2 },
  { name: 'unknown option', argv: () => ['summary', '--bogus'], exit: 2 },
  { name: 'plain http to another host', argv: () => ['query', '--domain', 'http://example.invalid'], exit: 2 },
  { name: 'interrupted (Ctrl-C) query', argv: () => ['query', '--since', '1d'], interrupted: true, exit: 130 },
  { name: 'interrupted (Ctrl-C) export', argv: (s) => ['export', '--out', join(s.out, 'a.csv'), '--checkpoint', join(s.out, 'ckpt.json')], interrupted: true, exit: 130 },
];

async function runCase(c: LeakCase, verbose: boolean): Promise<{ r: RunResult; s: Sandbox; key: string }> {
  const s = { home: tempDir('fibe-secrets-'), out: tempDir('fibe-secrets-out-') };
  c.arrange?.(emu);
  const key = (c.key ?? full)(emu);
  const argv = c.argv(s);
  const r = await runCli(verbose ? ['--verbose', ...argv] : argv, {
    configDir: s.home,
    env: { FIBE_API_KEY: key, FIBE_DOMAIN: emu.url },
    http: FAST_HTTP,
    ...(c.stdin ? { stdin: c.stdin(emu) } : {}),
    ...(c.interrupted ? { signal: AbortSignal.abort(new InterruptedError()) } : {}),
  });
  return { r, s, key };
}

describe.each([false, true])('the key never leaks (--verbose: %s)', (verbose) => {
  it.each(CASES.map((c) => [c.name, c]))('%s', async (_name, c) => {
    const before = emu.requests.length;
    const { r, s, key } = await runCase(c as LeakCase, verbose);
    expect(r.exitCode).toBe((c as LeakCase).exit);
    // The secret as it was handed over and as it is used (trimmed): neither shows anywhere.
    const secrets = [...new Set([key, key.trim(), emu.keys.full])].filter((k) => k.length > 20);
    for (const secret of secrets) {
      expect(keyLeaks(r.stdout, secret)).toEqual([]);
      expect(keyLeaks(r.stderr, secret)).toEqual([]);
      const store = join(s.home, 'fibe-audit', 'config.json');
      for (const file of [...filesUnder(s.home), ...filesUnder(s.out)].filter((f) => f !== store)) {
        expect({ file, leaks: keyLeaks(readFileSync(file, 'utf8'), secret) }).toEqual({ file, leaks: [] });
      }
      // On the wire only in Authorization: not in a URL, a query parameter or any other header.
      for (const req of emu.requests.slice(before)) {
        const { authorization: _auth, ...others } = req.headers;
        expect(keyLeaks(`${req.rawUrl} ${JSON.stringify(others)}`, secret)).toEqual([]);
      }
    }
    if (verbose && emu.requests.length > before) expect(r.stderr).toContain('> GET ');
  });
});

describe('a leaked raw key named on the command line', () => {
  it('is matched locally: it is in no request (not even as a bearer), no output and no file', async () => {
    const leaked = emu.keys.ci as string;
    const before = emu.requests.length;
    for (const argv of [['actor', `key:${leaked}`], ['actor', `key:${leaked}`, '-o', 'json'], ['query', '--since', '1d', '--actor', `key:${leaked}`]]) {
      for (const verbose of [false, true]) {
        const home = tempDir('fibe-secrets-');
        const r = await runCli(verbose ? ['--verbose', ...argv] : argv, { configDir: home, env: { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url }, http: FAST_HTTP });
        expect(r.exitCode).toBe(0);
        expect(keyLeaks(r.stdout + r.stderr, leaked)).toEqual([]);
        for (const file of filesUnder(home)) expect(keyLeaks(readFileSync(file, 'utf8'), leaked)).toEqual([]);
      }
    }
    const sent = emu.requests.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    for (const req of sent) expect(keyLeaks(`${req.rawUrl} ${JSON.stringify(req.headers)}`, leaked)).toEqual([]);
  });
});

describe('credential files', () => {
  const storeOf = (home: string) => join(home, 'fibe-audit', 'config.json');
  const login = (home: string, profile: string) =>
    runCli(['auth', 'login', '--with-token', '--profile', profile, '--domain', emu.url], { configDir: home, stdin: emu.keys.full, http: FAST_HTTP });

  it('login writes the store 0600 in a 0700 directory, even under umask 000', async () => {
    const old = process.umask(0o000);
    try {
      const home = tempDir('fibe-secrets-');
      expect((await login(home, 'default')).exitCode).toBe(0);
      expect(modeOf(join(home, 'fibe-audit'))).toBe(0o700);
      expect(modeOf(storeOf(home))).toBe(0o600);
    } finally {
      process.umask(old);
    }
  });

  it('a loose directory is tightened to 0700 and a loose store rewritten 0600; use and logout keep 0600', async () => {
    const home = tempDir('fibe-secrets-');
    const dir = join(home, 'fibe-audit');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    writeFileSync(storeOf(home), `${JSON.stringify({ active: 'old', profiles: { old: { api_key: emu.keys.no_keys, domain: emu.url } } })}\n`, { mode: 0o644 });
    chmodSync(storeOf(home), 0o644);
    expect((await login(home, 'second')).exitCode).toBe(0);
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(storeOf(home))).toBe(0o600);
    for (const argv of [['auth', 'use', 'second'], ['auth', 'logout', '--profile', 'old']]) {
      expect((await runCli(argv, { configDir: home })).exitCode).toBe(0);
      expect(modeOf(storeOf(home))).toBe(0o600);
    }
  });

  it('export files, manifests and checkpoints (audit data) are 0600, even under umask 000', async () => {
    const old = process.umask(0o000);
    try {
      const out = tempDir('fibe-secrets-out-');
      const r = await runCli(['export', '--out', join(out, 'a.csv'), '--manifest', '--checkpoint', join(out, 'ckpt.json')], {
        env: { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url },
        http: FAST_HTTP,
      });
      expect(r.exitCode).toBe(0);
      for (const name of ['a.csv', 'a.csv.manifest.json', 'ckpt.json']) expect({ name, mode: modeOf(join(out, name)) }).toEqual({ name, mode: 0o600 });
    } finally {
      process.umask(old);
    }
  });

  it('a rejected login leaves no store behind', async () => {
    const home = tempDir('fibe-secrets-');
    const r = await runCli(['auth', 'login', '--with-token', '--domain', emu.url], { configDir: home, stdin: UNKNOWN_KEY, http: FAST_HTTP });
    expect(r.exitCode).toBe(4);
    expect(existsSync(storeOf(home))).toBe(false);
  });
});
