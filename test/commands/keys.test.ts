// fibe-audit keys end to end: exact renderings against a small fixed API, and per-key activity against
// the emulator checked with the test's own count over its data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli } from '../helpers/run-cli.js';
import { withActor } from '../../src/model/actor.js';
import type { AuditEntry, Entry } from '../../src/model/entry.js';
import type { RouteServer } from '../helpers/route-server.js';
import { FULL_TOKEN, NO_KEYS_TOKEN, startFixtureApi } from './report-fixture.js';

const DAY = 86_400_000;

interface KeyJson {
  id: number;
  label: string;
  masked_token: string;
  scopes: string[];
  created_at: string;
  expires_at: string | null;
  expired: boolean;
  agent_accessible: boolean;
  last_used_at: string | null;
  last_activity: string | null;
  entries: number;
}

describe('against a fixed API: exact renderings', () => {
  let api: RouteServer;
  const env = (token = FULL_TOKEN) => ({ FIBE_API_KEY: token, FIBE_DOMAIN: api.url });
  beforeAll(async () => {
    api = await startFixtureApi();
  });
  afterAll(async () => {
    expect(api.errors).toEqual([]);
    await api.close();
  });

  it('piped: every column whole, the expired key marked, the window on stderr', async () => {
    const r = await runCli(['keys'], { env: env(), columns: 100 });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(
      [
        'LABEL              ID  TOKEN                  SCOPES                                                                       CREATED     EXPIRES             AGENT  LAST ACTIVITY            ENTRIES',
        'old laptop         12  fibe_live_OldL...ptop  *                                                                            2026-01-30  2026-11-05 expired  no     2026-11-01 10:00:00 UTC        1',
        'GitHub Actions CI  15  fibe_live_AbCd...wxyz  playgrounds:read,playgrounds:write,tricks:write,tricks:delete,secrets:write  2026-04-30  never               no     2026-11-26 11:00:00 UTC        7',
        'triage-bot         21  fibe_live_GeNi...bot1  playgrounds:write,agents:write                                               2026-09-11  never               yes    2026-11-26 10:00:00 UTC        2',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('3 keys (1 expired); 10 entries through them in the window\nwindow: 2026-10-27 12:00:00 UTC → 2026-11-26 12:00:00 UTC\n');
  });

  it('terminal 120: relative last activity, scopes wrapped, fitted to the width, expired in red', async () => {
    const r = await runCli(['keys', '--since', '7d'], { env: { ...env(), NO_COLOR: '1' }, tty: true, columns: 120 });
    expect(r.stdout).toBe(
      [
        // Scopes wrap at scope boundaries (never cut mid-word); a column is left out before a label is cut.
        'LABEL              ID  TOKEN                  SCOPES                   EXPIRES             AGENT  LAST ACTIVITY  ENTRIES',
        'old laptop         12  fibe_live_OldL...ptop  *                        2026-11-05 expired  no     -                    0',
        'GitHub Actions CI  15  fibe_live_AbCd...wxyz  playgrounds:read,        never               no     1h ago               7',
        '                                              playgrounds:write,',
        '                                              tricks:write,',
        '                                              tricks:delete,',
        '                                              secrets:write',
        'triage-bot         21  fibe_live_GeNi...bot1  playgrounds:write,       never               yes    2h ago               2',
        '                                              agents:write',
        '',
      ].join('\n'),
    );
    for (const line of r.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(120);
    const colour = await runCli(['keys'], { env: { ...env(), FORCE_COLOR: '1' }, tty: true, columns: 120 });
    expect(colour.stdout).toContain('\x1b[31m2026-11-05 expired\x1b[39m');
  });

  it('-o json: one object per key with the record, expired, last activity and count', async () => {
    const r = await runCli(['keys', '-o', 'json'], { env: env() });
    const keys = JSON.parse(r.stdout) as KeyJson[];
    expect(keys).toEqual([
      {
        id: 12, label: 'old laptop', masked_token: 'fibe_live_OldL...ptop', scopes: ['*'], created_at: '2026-01-30T01:54:40Z',
        expires_at: '2026-11-05T08:00:00Z', expired: true, agent_accessible: false, last_used_at: '2026-11-05T07:00:00Z',
        last_activity: '2026-11-01T10:00:00Z', entries: 1,
      },
      {
        id: 15, label: 'GitHub Actions CI', masked_token: 'fibe_live_AbCd...wxyz',
        scopes: ['playgrounds:read', 'playgrounds:write', 'tricks:write', 'tricks:delete', 'secrets:write'], created_at: '2026-04-30T05:38:17Z',
        expires_at: null, expired: false, agent_accessible: false, last_used_at: '2026-11-26T11:00:00Z',
        last_activity: '2026-11-26T11:00:00Z', entries: 7,
      },
      {
        id: 21, label: 'triage-bot', masked_token: 'fibe_live_GeNi...bot1', scopes: ['playgrounds:write', 'agents:write'],
        created_at: '2026-09-11T12:02:02Z', expires_at: null, expired: false, agent_accessible: true, last_used_at: null,
        last_activity: '2026-11-26T10:00:00Z', entries: 2,
      },
    ]);
  });

  it('-o csv: a header and one row per key, scopes space-separated', async () => {
    const r = await runCli(['keys', '-o', 'csv'], { env: env() });
    expect(r.stdout.split('\r\n')[0]).toBe('id,label,masked_token,scopes,created_at,expires_at,expired,agent_accessible,last_used_at,last_activity,entries');
    const rows = parseCsv(r.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((x) => [x.id, x.scopes, x.expired, x.entries])).toEqual([
      ['12', '*', 'true', '1'],
      ['15', 'playgrounds:read playgrounds:write tricks:write tricks:delete secrets:write', 'false', '7'],
      ['21', 'playgrounds:write agents:write', 'false', '2'],
    ]);
  });

  it('walks only channel=api entries of the window, once', async () => {
    const before = api.requests.length;
    await runCli(['keys', '-o', 'json'], { env: env() });
    const audits = api.requests.slice(before).filter((q) => q.path === '/api/audit_logs');
    expect(audits.map((q) => q.query.channel)).toEqual(['api']);
    expect(audits[0]?.query.created_after).toBe('2026-10-27T12:00:00.000Z');
  });

  it('without keys:manage: exit 4 and a clear message, nothing on stdout', async () => {
    const r = await runCli(['keys'], { env: env(NO_KEYS_TOKEN) });
    expect(r.exitCode).toBe(4);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe('error: listing API keys needs the keys:manage scope, which this key lacks');
  });

  it('help ends with 3-5 examples', async () => {
    const r = await runCli(['keys', '--help']);
    const count = (r.stdout.slice(r.stdout.indexOf('Examples:')).match(/^ {2}\$ fibe-audit /gm) ?? []).length;
    expect(count).toBeGreaterThanOrEqual(3);
    expect(count).toBeLessThanOrEqual(5);
  });
});

describe('against the emulator (default seed)', () => {
  let emu: Emulator;
  let all: Entry[];
  beforeAll(async () => {
    emu = await startEmulator({ now: FIXED_NOW });
    all = [...emu.data.entries()].map((e) => withActor(e as AuditEntry));
  });
  afterAll(async () => {
    await emu.close();
  });

  async function keysJson(args: string[] = []): Promise<KeyJson[]> {
    const r = await runCli(['keys', '-o', 'json', ...args], { env: { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url } });
    expect(r.exitCode).toBe(0);
    return JSON.parse(r.stdout) as KeyJson[];
  }

  it.each([
    [[], 30],
    [['--since', '90d'], 90],
  ])('%j: counts and last activity per key equal our own walk over the data', async (args, days) => {
    const keys = await keysJson(args);
    expect(keys.map((k) => k.id).sort((a, b) => a - b)).toEqual(emu.data.apiKeys.map((k) => k.id).sort((a, b) => a - b));
    const from = FIXED_NOW.getTime() - days * DAY;
    for (const k of keys) {
      const mine = all.filter((e) => {
        const t = Date.parse(e.created_at);
        return t >= from && t <= FIXED_NOW.getTime() && (e.actor.kind === 'api_key' || e.actor.kind === 'genie') && Number(e.actor.id) === k.id;
      });
      expect(k.entries).toBe(mine.length);
      expect(k.last_activity).toBe(mine.length > 0 ? mine[mine.length - 1]!.created_at : null);
    }
    expect(keys.some((k) => k.entries > 0)).toBe(true);
  });

  it('says what a costly read took, and how a mirror makes it free; a cheap one says nothing', async () => {
    const busy = await startEmulator({ entries: 20_000, now: FIXED_NOW, rateLimitPerHour: 1_000_000 });
    try {
      const env = { FIBE_API_KEY: busy.keys.full, FIBE_DOMAIN: busy.url };
      const wide = await runCli(['keys', '--since', '90d'], { env });
      const spent = busy.requests.length;
      expect(spent).toBeGreaterThanOrEqual(50);
      expect(wide.stderr.split('\n').at(-2)).toBe(`that took ${spent.toLocaleString('en-US')} API requests; after 'fibe-audit sync', keys answers from the local mirror with none`);
      const narrow = await runCli(['keys', '--since', '1h'], { env });
      expect(narrow.stderr).not.toContain('API requests');
    } finally {
      await busy.close();
    }
  });

  it('marks the expired key, in JSON and in the table', async () => {
    const expiredId = emu.data.keyId('expired');
    const keys = await keysJson();
    expect(keys.filter((k) => k.expired).map((k) => k.id)).toEqual([expiredId]);
    const table = await runCli(['keys'], { env: { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url } });
    const row = table.stdout.split('\n').find((l) => new RegExp(`^old laptop\\s+${expiredId}\\s`).test(l));
    expect(row).toMatch(/\d{4}-\d{2}-\d{2} expired/);
    expect(table.stdout.match(/ expired /g)).toHaveLength(1);
  });

  it('a key without keys:manage gets exit 4', async () => {
    const r = await runCli(['keys'], { env: { FIBE_API_KEY: emu.keys.no_keys, FIBE_DOMAIN: emu.url } });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('keys:manage');
  });
});
