// Hostile answers beyond the emulator's entries: invalid UTF-8 bytes in a page, escapes in /api/me,
// in key labels, scopes and sources, in API error messages and request ids; and hostile argv echoed
// back in errors. Whatever reaches a terminal shows them as visible escapes.
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerResponse } from 'node:http';
import { FIXED_NOW } from '../helpers/run-cli.js';
import { sendJson, startRouteServer, type RouteServer } from '../helpers/route-server.js';
import { runCapturing, stripSgr, unsafeChars, type ByteResult } from './harness.js';

const ESC = '\u001b';
const BEL = '\u0007';
const KEY = 'fibe_test_hostileApiKey000000000000000';

// Raw bytes that are not UTF-8: a lone continuation byte pair, a bad 2-byte lead, an encoded
// surrogate (CESU-8), an overlong slash, and a sequence cut short at the end of the string.
const INVALID: Record<string, Buffer> = {
  '@FF@': Buffer.from([0xff, 0xfe]),
  '@C3@': Buffer.from([0xc3, 0x28]),
  '@ED@': Buffer.from([0xed, 0xa0, 0x80]),
  '@C0@': Buffer.from([0xc0, 0xaf]),
  '@E2@': Buffer.from([0xe2, 0x82]),
};

const HOSTILE_LABEL = `CI${ESC}[2J${ESC}]8;;https://evil.example${BEL}\u202eevil`;
const FORMULA_LABEL = '=HYPERLINK("https://evil.example","x")';

function keyRecord(id: number, label: string) {
  return {
    id, label, scopes: ['tricks:write', `${ESC}]8;;http://evil.example${BEL}link`], expires_at: null, created_at: '2026-01-01T00:00:00.000Z',
    masked_token: `fibe_live_${String(id).padStart(4, '0')}...wx${id}`, agent_accessible: false, rate_limit_rph_override: null,
    source: '\u009bsrc', last_used_at: '2026-11-26T10:00:00.000Z',
  };
}

/** A page whose strings hold the invalid bytes above, sent as raw bytes. */
function sendInvalidPage(res: ServerResponse, url: URL): void {
  const page = Number(url.searchParams.get('page') ?? '1');
  const at = (min: number) => new Date(FIXED_NOW.getTime() - min * 60_000).toISOString();
  const entries = page > 1 ? [] : [
    { id: 3, resource_type: 'Trick', resource_id: 9, action: 'trick.@FF@updated', channel: 'api', actor_type: 'Player', actor_id: 77,
      metadata: { api_key_id: 15, api_key_label: 'CI @C3@', resource_name: 'seed @ED@ @C0@ @E2@' }, created_at: at(5) },
    { id: 2, resource_type: 'Secret', resource_id: 4, action: `secret.rotated`, channel: 'api', actor_type: 'ApiKey', actor_id: 16,
      metadata: { resource_name: `${ESC}[2J@FF@=1+1` }, created_at: at(10) },
    { id: 1, resource_type: 'Playground', resource_id: 1, action: 'playground.created', channel: 'ui', actor_type: 'User', actor_id: 77,
      metadata: { resource_name: '\u202eok@E2@' }, created_at: at(15) },
  ];
  const text = JSON.stringify({ data: entries, meta: { page, per_page: 100, total: 3 } });
  const parts = text.split(/(@[A-Z0-9]{2}@)/).map((p) => INVALID[p] ?? Buffer.from(p, 'utf8'));
  const body = Buffer.concat(parts);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length, 'x-request-id': 'req_1' });
  res.end(body);
}

let api: RouteServer;
beforeAll(async () => {
  api = await startRouteServer();
  api.always('GET /api/me', (_req, res) => sendJson(res, 200, {
    id: 77, username: `mara${ESC}]0;pwned${BEL}`, email: `m\u202e@evil.example`, github_handle: null, avatar_url: null,
    api_key_scopes: ['*', `${ESC}[31mevil`],
  }, { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4999', 'x-ratelimit-reset': '60' }));
  api.always('GET /api/api_keys', (_req, res) => sendJson(res, 200, { data: [keyRecord(15, HOSTILE_LABEL), keyRecord(16, FORMULA_LABEL)], meta: { page: 1, per_page: 100, total: 2 } }));
  api.always('GET /api/audit_logs', (_req, res, url) => {
    // A narrowed query is refused with an error whose message and request id carry escapes.
    if (url.searchParams.has('action_prefix') || url.searchParams.has('q')) {
      sendJson(res, 422, { error: { code: 'VALIDATION_FAILED', message: `bad ${ESC}]0;pwned${BEL} filter\u202e` } }, { 'x-request-id': 'req_\u009b31m' });
      return;
    }
    sendInvalidPage(res, url);
  });
});
afterAll(async () => {
  expect(api.errors).toEqual([]);
  await api.close();
});

const run = (argv: string[], opts: { tty?: boolean; color?: boolean } = {}): Promise<ByteResult> =>
  runCapturing(argv, {
    columns: 120,
    ...(opts.tty ? { tty: true } : {}),
    env: { FIBE_API_KEY: KEY, FIBE_DOMAIN: api.url, ...(opts.color ? {} : { NO_COLOR: '1' }) },
  });

/** The same run without and with colour: the strict check reads the first, the second must differ only by SGR. */
async function runPlainAndColour(argv: string[], tty: boolean): Promise<[ByteResult, ByteResult]> {
  return [await run(argv, { tty }), await run(argv, { tty, color: true })];
}

function expectSafe(r: ByteResult, streams: Array<'stdout' | 'stderr'> = ['stdout', 'stderr']): void {
  expect(() => new TextDecoder('utf-8', { fatal: true }).decode(r.stdoutBytes)).not.toThrow();
  for (const s of streams) expect(unsafeChars(r[s])).toEqual([]);
}

describe('hostile API answers on a terminal and piped', () => {
  const VIEWS: string[][] = [
    ['auth', 'status'],
    ['keys'],
    ['actor', 'key:15'],
    ['actor', 'key:16'],
    ['query', '--since', '2d'],
    ['query', '--since', '2d', '--columns', 'id,action,actor_label,resource_name,metadata'],
    ['summary', '--by', 'actor'],
    ['summary', '--by', 'resource'],
  ];
  it.each(VIEWS.map((argv) => [argv.join(' '), argv]))('%s', async (_name, argv) => {
    for (const tty of [true, false]) {
      const r = await run(argv as string[], { tty });
      expect(r.stderr).not.toContain('error:');
      expect(r.exitCode).toBe(0);
      expectSafe(r);
    }
  });

  it('invalid UTF-8 arrives as U+FFFD: JSON and CSV stay valid and parse back', async () => {
    const json = await run(['query', '--since', '2d', '-o', 'json']);
    expectSafe(json);
    const entries = JSON.parse(json.stdout) as Array<{ id: number; action: string; metadata: { resource_name: string } }>;
    expect(entries.map((e) => e.id)).toEqual([3, 2, 1]);
    expect(entries[0]?.action).toMatch(/^trick\.\ufffd+updated$/);
    expect(entries[0]?.metadata.resource_name).toMatch(/^seed \ufffd+ \ufffd+ \ufffd+$/);
    const csv = await run(['query', '--since', '2d', '-o', 'csv']);
    expectSafe(csv, ['stderr']);
    const rows = parseCsv(csv.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => row.action)).toEqual(entries.map((e) => e.action));
    expect(rows.map((row) => row.resource_name)).toEqual(entries.map((e) => e.metadata.resource_name));
  });

  it('keys -o csv guards a formula label; -o json keeps labels and scopes exactly', async () => {
    const csv = await run(['keys', '-o', 'csv']);
    const rows = parseCsv(csv.stdout, { columns: true }) as Array<{ id: string; label: string }>;
    expect(rows.find((row) => row.id === '16')?.label).toBe(`'${FORMULA_LABEL}`);
    expect(rows.find((row) => row.id === '15')?.label).toBe(HOSTILE_LABEL);
    const json = await run(['keys', '-o', 'json']);
    expectSafe(json);
    const keys = JSON.parse(json.stdout) as Array<{ id: number; label: string; scopes: string[] }>;
    expect(keys.find((k) => k.id === 15)?.label).toBe(HOSTILE_LABEL);
    expect(keys.find((k) => k.id === 15)?.scopes[1]).toBe(`${ESC}]8;;http://evil.example${BEL}link`);
  });

  it('auth status --json keeps the identity exactly, escaped for the terminal', async () => {
    const r = await run(['auth', 'status', '--json']);
    expectSafe(r);
    expect((JSON.parse(r.stdout) as { user: { username: string } }).user.username).toBe(`mara${ESC}]0;pwned${BEL}`);
  });

  it('an API error message and request id full of escapes: one safe error line, exit 1', async () => {
    for (const tty of [true, false]) {
      const [plain, colour] = await runPlainAndColour(['query', '--action', 'trick.*', '--since', '2d'], tty);
      expect(plain.exitCode).toBe(1);
      expect(plain.stdout).toBe('');
      expect(unsafeChars(plain.stderr)).toEqual([]);
      expect(plain.stderr).toContain(String.raw`bad \x1b]0;pwned\x07 filter\u202e`);
      // Node sends the header as UTF-8 (C2 9B) and undici reads it as Latin-1: whatever the bytes, the C1 CSI is shown escaped.
      expect(plain.stderr).toMatch(/request id req_.*\\x9b31m/);
      expect(plain.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stripSgr(colour.stderr)).toBe(plain.stderr);
    }
  });
});

describe('hostile argv echoed in errors', () => {
  const BAD: Array<[string, string[], number, boolean?]> = [
    ['a time expression', ['query', '--since', `${ESC}]0;pwned${BEL}`], 2],
    ['an output format (commander choices)', ['query', '-o', `${ESC}[2J`], 2],
    ['an unknown option (commander)', ['query', `--x${ESC}[31m`], 2],
    ['an unknown command (commander)', [`q${ESC}[2J\u202e`], 2],
    ['a number (commander argParser)', ['query', '--limit', `${ESC}[8m`], 2],
    ['an extra argument (commander; not quoted back)', ['query', `extra${ESC}[31m`], 2, false],
    // A label no key has: like any unknown actor, exit 0 with a notice naming it.
    ['an actor ref (notice)', ['actor', `key:${ESC}[2J\u202e`], 0],
    ['an --actor filter', ['query', '--actor', `bogus:${ESC}[2J`], 2],
    ['a time zone', ['query', '--tz', `\u202eUTC${ESC}[31m`], 2],
    ['a column list', ['query', '--columns', `id,${ESC}[31m`], 2],
    ['a --domain', ['query', '--domain', `http://${ESC}[31m.example`], 2],
    ['a profile name', ['--profile', `p${ESC}[31m`, 'query'], 4],
    ['an export path', ['export', '--out', `/nonexistent-${ESC}[2J/x.csv`], 2],
    ['a --file path', ['query', '--file', `/nonexistent-${ESC}[2J.ndjson`], 2],
    ['a shell name', ['completion', `ba${ESC}[2Jsh`], 2],
    ['a profile to use', ['auth', 'use', `p${ESC}[31m`], 2],
  ];
  it.each(BAD.map(([name, argv, code, echoed]) => [name, code, argv, echoed] as const))('%s: exit %i, the value shown as visible escapes', async (_name, code, argv, echoed = true) => {
    for (const tty of [true, false]) {
      const [plain, colour] = await runPlainAndColour(argv, tty);
      expect(plain.exitCode).toBe(code);
      expect(unsafeChars(plain.stderr)).toEqual([]);
      if (echoed) expect(plain.stderr).toMatch(/\\x1b|\\u202e/);
      expect(stripSgr(colour.stderr)).toBe(plain.stderr);
    }
  });
});

describe('export target names from argv', () => {
  it('export to a path holding escapes: progress and summary show it escaped', async () => {
    const { tempDir } = await import('../helpers/run-cli.js');
    const { join } = await import('node:path');
    const { startEmulator } = await import('../emulator/index.js');
    const emu = await startEmulator({ entries: 200, now: FIXED_NOW });
    try {
      for (const tty of [true, false]) {
        const out = join(tempDir('fibe-hostile-'), `a${ESC}[31mb.csv`);
        const r = await runCapturing(['export', '--out', out], { tty, env: { NO_COLOR: '1', FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url } });
        expect(r.exitCode).toBe(0);
        expect(unsafeChars(r.stderr.replace(/\r/g, ''))).toEqual([]);
      }
    } finally {
      await emu.close();
    }
  });
});

