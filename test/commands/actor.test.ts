// fibe-audit actor end to end: exact renderings against a small fixed API, and figures against the
// emulator (default seed) checked with the test's own count over its data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli } from '../helpers/run-cli.js';
import { withActor } from '../../src/model/actor.js';
import type { AuditEntry, Entry } from '../../src/model/entry.js';
import type { RouteServer } from '../helpers/route-server.js';
import { FIXTURE_KEYS, FULL_TOKEN, NO_KEYS_TOKEN, startFixtureApi } from './report-fixture.js';

const DAY = 86_400_000;

interface ActorJson {
  actor: { kind: string; id: number | string | null; label: string | null };
  key: Record<string, unknown> | null;
  summary: {
    total: number;
    first_seen: string | null;
    last_seen: string | null;
    by_action: Record<string, number>;
    resources: Array<{ resource_type: string | null; resource_id: number | null; resource_name: string | null; count: number }>;
    per_day: Record<string, number>;
    destructive: number;
    unused_scopes?: string[] | null;
  };
  entries: Entry[];
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

  it('piped: the whole report, plain, every entry when fewer than --limit', async () => {
    const r = await runCli(['actor', 'key:15'], { env: env(), columns: 100 });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'key "GitHub Actions CI" #15',
        'window: 2026-10-27 12:00:00 UTC → 2026-11-26 12:00:00 UTC',
        '',
        'Key record',
        '  label             GitHub Actions CI',
        '  id                15',
        '  token             fibe_live_AbCd...wxyz',
        '  scopes            playgrounds:read, playgrounds:write, tricks:write, tricks:delete, secrets:write',
        '  created           2026-04-30 05:38:17 UTC',
        '  expires           never',
        '  agent-accessible  no',
        '  last used         2026-11-26 11:00:00 UTC',
        '',
        'Activity',
        '  entries           7',
        '  first seen        2026-11-20 09:00:00 UTC',
        '  last seen         2026-11-26 11:00:00 UTC',
        '  called out        2 entries destructive or security-sensitive',
        '',
        'Activity per day (31 days; peak 2 on 2026-11-20)',
        '  ▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁█▅▁▁▅█▅',
        '  2026-10-27           2026-11-26',
        '',
        'By action (7 actions)',
        '  ACTION                COUNT',
        '  playground.created        1  ████████████████████████',
        '  playground.destroyed      1  ████████████████████████',
        '  playground.updated        1  ████████████████████████',
        '  prop.updated              1  ████████████████████████',
        '  trick.created             1  ████████████████████████',
        '  trick.destroyed           1  ████████████████████████',
        '  trick.updated             1  ████████████████████████',
        '',
        'Resources touched (3)',
        '  RESOURCE                      COUNT',
        '  Playground #7563 web-pr-819       3',
        '  Trick #3312 nightly-seed          3',
        '  Prop #201 \\x1b[31mevil\\u202e      1',
        '',
        'Destructive and security-sensitive (2 entries)',
        '  ACTION                COUNT  WHY',
        '  playground.destroyed      1  destructive',
        '  trick.destroyed           1  destructive',
        '',
        'Scopes',
        '  unused            secrets:write (granted; no action in the window needed it)',
        '  needed            playgrounds:write, tricks:write, tricks:delete',
        '  unobservable      playgrounds:read (reads are not audited)',
        '  not covered       prop.updated (no granted scope maps to it)',
        '',
        'All entries (7, newest first)',
        'TIME                     ACTION                ACTOR                        CHANNEL  RESOURCE                       ID',
        '2026-11-26 11:00:00 UTC  playground.destroyed  key "GitHub Actions CI" #15  api      Playground #7563 web-pr-819   106',
        '2026-11-25 09:15:00 UTC  playground.updated    key "GitHub Actions CI" #15  api      Playground #7563              105',
        '2026-11-25 08:00:00 UTC  playground.created    key "GitHub Actions CI" #15  api      Playground #7563 web-pr-819   104',
        '2026-11-24 14:03:11 UTC  trick.destroyed       key "GitHub Actions CI" #15  api      Trick #3312 nightly-seed      103',
        '2026-11-21 12:00:00 UTC  prop.updated          key "GitHub Actions CI" #15  api      Prop #201 \\x1b[31mevil\\u202e  114',
        '2026-11-20 10:30:00 UTC  trick.updated         key "GitHub Actions CI" #15  api      Trick #3312 nightly-seed      102',
        '2026-11-20 09:00:00 UTC  trick.created         key "GitHub Actions CI" #15  api      Trick #3312 nightly-seed      101',
        '',
      ].join('\n'),
    );
  });

  it('terminal: relative times, the recent N, the entry table fitted to the width', async () => {
    const r = await runCli(['actor', 'key:15', '--limit', '3', '--since', '7d'], { env: { ...env(), NO_COLOR: '1' }, tty: true, columns: 80 });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(
      [
        'key "GitHub Actions CI" #15',
        'window: 2026-11-19 12:00:00 UTC → 2026-11-26 12:00:00 UTC',
        '',
        'Key record',
        '  label             GitHub Actions CI',
        '  id                15',
        '  token             fibe_live_AbCd...wxyz',
        // A long value wraps under itself at the width, after a comma: never inside a scope.
        '  scopes            playgrounds:read, playgrounds:write, tricks:write,',
        '                    tricks:delete, secrets:write',
        '  created           2026-04-30 05:38:17 UTC (210d ago)',
        '  expires           never',
        '  agent-accessible  no',
        '  last used         2026-11-26 11:00:00 UTC (1h ago)',
        '',
        'Activity',
        '  entries           7',
        '  first seen        2026-11-20 09:00:00 UTC (6d 3h ago)',
        '  last seen         2026-11-26 11:00:00 UTC (1h ago)',
        '  called out        2 entries destructive or security-sensitive',
        '',
        'Activity per day (8 days; peak 2 on 2026-11-20)',
        '  ▁█▅▁▁▅█▅',
        '  2026-11-19 → 2026-11-26',
        '',
        'By action (7 actions)',
        '  ACTION                COUNT',
        '  playground.created        1  ████████████████████████',
        '  playground.destroyed      1  ████████████████████████',
        '  playground.updated        1  ████████████████████████',
        '  prop.updated              1  ████████████████████████',
        '  trick.created             1  ████████████████████████',
        '  trick.destroyed           1  ████████████████████████',
        '  trick.updated             1  ████████████████████████',
        '',
        'Resources touched (3)',
        '  RESOURCE                      COUNT',
        '  Playground #7563 web-pr-819       3',
        '  Trick #3312 nightly-seed          3',
        '  Prop #201 \\x1b[31mevil\\u202e      1',
        '',
        'Destructive and security-sensitive (2 entries)',
        '  ACTION                COUNT  WHY',
        '  playground.destroyed      1  destructive',
        '  trick.destroyed           1  destructive',
        '',
        'Scopes',
        '  unused            secrets:write (granted; no action in the window needed it)',
        '  needed            playgrounds:write, tricks:write, tricks:delete',
        '  unobservable      playgrounds:read (reads are not audited)',
        '  not covered       prop.updated (no granted scope maps to it)',
        '',
        'Recent entries (3 of 7, newest first; --limit <n> or --all for more)',
        'TIME       ACTION             ACTOR              CHANNEL  RESOURCE            ID',
        '1h ago     playgr….destroyed  key "GitHub…" #15  api      Playground #7563   106',
        '1d 2h ago  playgrou….updated  key "GitHub…" #15  api      Playground #7563   105',
        '1d 4h ago  playgrou….created  key "GitHub…" #15  api      Playground #7563   104',
        '',
      ].join('\n'),
    );
  });

  it('colours headings, destructive actions and unused scopes on a colour terminal or with FORCE_COLOR', async () => {
    const r = await runCli(['actor', 'key:15'], { env: { ...env(), FORCE_COLOR: '1' }, tty: true, columns: 100 });
    expect(r.stdout).toContain('\x1b[1mKey record\x1b[22m');
    expect(r.stdout).toContain('\x1b[31mplayground.destroyed\x1b[39m');
    expect(r.stdout).toContain('\x1b[33m  unused            secrets:write');
    // FORCE_COLOR colours piped output too (as --help says); without it a pipe gets none.
    const forced = await runCli(['actor', 'key:15'], { env: { ...env(), FORCE_COLOR: '1' }, columns: 100 });
    expect(forced.stdout).toContain('\x1b[1mKey record\x1b[22m');
    expect(forced.stdout).toContain('\x1b[31mplayground.destroyed\x1b[39m');
    const piped = await runCli(['actor', 'key:15'], { env: env(), columns: 100 });
    expect(piped.stdout).not.toMatch(/\x1b\[/);
  });

  it('-o json: {actor, key, summary, entries} with exactly the SPEC summary fields', async () => {
    const r = await runCli(['actor', 'key:15', '-o', 'json', '--limit', '2', '--since', '2026-11-24'], { env: env() });
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout) as ActorJson;
    expect(Object.keys(doc)).toEqual(['actor', 'key', 'summary', 'entries']);
    expect(doc.actor).toEqual({ kind: 'api_key', id: 15, label: 'GitHub Actions CI' });
    expect(doc.key).toEqual(FIXTURE_KEYS[1]);
    expect(doc.summary).toEqual({
      total: 4,
      first_seen: '2026-11-24T14:03:11.123Z',
      last_seen: '2026-11-26T11:00:00Z',
      by_action: { 'playground.created': 1, 'playground.destroyed': 1, 'playground.updated': 1, 'trick.destroyed': 1 },
      resources: [
        { resource_type: 'Playground', resource_id: 7563, resource_name: 'web-pr-819', count: 3 },
        { resource_type: 'Trick', resource_id: 3312, resource_name: 'nightly-seed', count: 1 },
      ],
      per_day: { '2026-11-24': 1, '2026-11-25': 2, '2026-11-26': 1 },
      destructive: 2,
      unused_scopes: ['tricks:write', 'secrets:write'],
    });
    expect(doc.entries.map((e) => e.id)).toEqual([106, 105]);
    expect(doc.entries[1]?.actor).toEqual({ kind: 'api_key', id: 15, label: null });
  });

  it('-o ndjson and -o csv give the entry list, newest first, cut by --limit', async () => {
    const nd = await runCli(['actor', 'key:15', '-o', 'ndjson', '--limit', '3'], { env: env() });
    expect(nd.stdout.trim().split('\n').map((l) => (JSON.parse(l) as Entry).id)).toEqual([106, 105, 104]);
    expect(nd.stderr).toContain('3 entries, newest first; more match: raise --limit (now 3) or use --all');
    const csv = await runCli(['actor', 'key:15', '-o', 'csv', '--all'], { env: env() });
    const rows = parseCsv(csv.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((x) => x.id)).toEqual(['106', '105', '104', '103', '114', '102', '101']);
  });

  it('narrows key refs to channel=api on the server, and not user refs', async () => {
    const before = api.requests.length;
    await runCli(['actor', 'key:21', '-o', 'ndjson'], { env: env() });
    await runCli(['actor', 'user:77', '-o', 'ndjson'], { env: env() });
    const audits = api.requests.slice(before).filter((q) => q.path === '/api/audit_logs');
    expect(audits.length).toBeGreaterThanOrEqual(2);
    expect(audits[0]?.query.channel).toBe('api');
    expect(audits[audits.length - 1]?.query.channel).toBeUndefined();
  });

  it('a Genie key is `genie`, and key:<id> and genie:<id> give the same entries', async () => {
    const byKey = JSON.parse((await runCli(['actor', 'key:21', '-o', 'json', '--all'], { env: env() })).stdout) as ActorJson;
    const byGenie = JSON.parse((await runCli(['actor', 'genie:triage-bot', '-o', 'json', '--all'], { env: env() })).stdout) as ActorJson;
    expect(byKey.actor).toEqual({ kind: 'genie', id: 21, label: 'triage-bot' });
    expect(byKey.entries.map((e) => e.id)).toEqual([108, 107]);
    expect(byGenie).toEqual(byKey);
    expect(byKey.summary.unused_scopes).toEqual(['agents:write']);
  });

  it('an automation by name, and a user', async () => {
    const bot = JSON.parse((await runCli(['actor', 'automation:playguard', '-o', 'json'], { env: env() })).stdout) as ActorJson;
    expect(bot.actor).toEqual({ kind: 'automation', id: null, label: 'Playguard' });
    expect(bot.key).toBeNull();
    expect(bot.summary.total).toBe(1);
    expect('unused_scopes' in bot.summary).toBe(false);
    const user = JSON.parse((await runCli(['actor', 'user:77', '-o', 'json', '--since', '7d'], { env: env() })).stdout) as ActorJson;
    expect(user.actor).toEqual({ kind: 'user', id: 77, label: null });
    expect(user.entries.map((e) => e.id)).toEqual([110, 113]);
    expect(user.summary.destructive).toBe(2);
  });

  it('without keys:manage: one note on stderr, then the activity alone', async () => {
    const r = await runCli(['actor', 'key:15'], { env: env(NO_KEYS_TOKEN), columns: 100 });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('note: this key cannot list API keys (needs keys:manage): showing audit data alone, without the key record or scope review\n');
    expect(r.stdout).not.toContain('Key record');
    expect(r.stdout).not.toContain('Scopes');
    expect(r.stdout).toContain('  entries           7\n');
    const json = JSON.parse((await runCli(['actor', 'key:15', '-o', 'json'], { env: env(NO_KEYS_TOKEN) })).stdout) as ActorJson;
    expect(json.key).toBeNull();
    expect(json.summary.unused_scopes).toBeNull();
    expect(json.summary.total).toBe(7);
    const quiet = await runCli(['actor', 'key:15', '-q'], { env: env(NO_KEYS_TOKEN) });
    expect(quiet.stderr).toBe('');
  });

  it('no activity: exit 0, a notice naming the ref and the window, nothing on stdout', async () => {
    const r = await runCli(['actor', 'user:999'], { env: env() });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('no activity for user:999 in the window: 2026-10-27 12:00:00 UTC → 2026-11-26 12:00:00 UTC\n');
  });

  it('says when the API does not report a key\'s last use, rather than leaving the line out', async () => {
    const r = await runCli(['actor', 'genie:21', '--since', '30d'], { env: env(), columns: 100 });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('\n  last used         not reported by the API\n');
  });

  it('a key with no activity in the window: its record and scopes, and the notice', async () => {
    const r = await runCli(['actor', 'key:"old laptop"', '--since', '7d'], { env: env(), columns: 100 });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(
      [
        'key "old laptop" #12',
        'window: 2026-11-19 12:00:00 UTC → 2026-11-26 12:00:00 UTC',
        '',
        'Key record',
        '  label             old laptop',
        '  id                12',
        '  token             fibe_live_OldL...ptop',
        '  scopes            *',
        '  created           2026-01-30 01:54:40 UTC',
        '  expires           2026-11-05 08:00:00 UTC expired',
        '  agent-accessible  no',
        '  last used         2026-11-05 07:00:00 UTC',
        '',
        'Scopes',
        '  wildcard          * grants every scope: cannot be narrowed',
        '  not judged        no activity of this key in the window to judge its scopes by',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('no activity for key:"old laptop" in the window: 2026-11-19 12:00:00 UTC → 2026-11-26 12:00:00 UTC\n');
  });

  it('a long window puts several days on one chart mark so the chart fits', async () => {
    const r = await runCli(['actor', 'key:15', '--since', '200d'], { env: env(), columns: 80 });
    const lines = r.stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith('Activity per day'));
    expect(lines[at]).toBe('Activity per day (201 days, 3 days a mark; peak 2 on 2026-11-20)');
    expect([...(lines[at + 1] as string)].length).toBe(2 + 67);
    expect(lines[at + 2]).toMatch(/^ {2}2026-05-10 +2026-11-26$/);
  });

  it('a window of one day says "1 day"', async () => {
    const r = await runCli(['actor', 'key:15', '--since', '1h'], { env: env(), columns: 80 });
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n').find((l) => l.startsWith('Activity per day'))).toMatch(/^Activity per day \(1 day; peak /);
  });

  it('a key that no longer exists: a note, then whatever the log has', async () => {
    const r = await runCli(['actor', 'key:99'], { env: env() });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain("note: no current API key has id 99 (deleted, or another account's)");
    expect(r.stderr).toContain('no activity for key:99 in the window');
  });

  it('a raw key string resolves locally to its key, shown masked', async () => {
    const raw = 'fibe_live_AbCdQ7rT2mN8pL4kJ9hG3fD6sA1zwxyz';
    const r = await runCli(['actor', `key:${raw}`, '-o', 'json'], { env: env() });
    expect(r.exitCode).toBe(0);
    expect((JSON.parse(r.stdout) as ActorJson).actor.id).toBe(15);
    expect(r.stdout + r.stderr).not.toContain(raw);
    const prefixOnly = await runCli(['actor', 'key:fibe_live_AbCdQ7rT2m', '--limit', '1'], { env: env() });
    expect(prefixOnly.exitCode).toBe(2);
    expect(prefixOnly.stderr).toContain('error: no API key of this account matches that key (fibe_liv...rT2m) at both visible ends');
  });

  it.each([
    [['key:fibe_live_ZZZZnothing1234567890'], 2, 'error: no API key of this account matches that key (fibe_liv...7890) at both visible ends'],
    [['key:fibe_live_AbCdQ7rT2mN8pL4kJ9hG3fD6sA1zwxyz'], 4, 'error: resolving a raw key (fibe_liv...wxyz) needs the keys:manage scope, which this key lacks', NO_KEYS_TOKEN],
  ])('raw key %j -> exit %i', async (args, code, line, token = FULL_TOKEN) => {
    const r = await runCli(['actor', ...args], { env: env(token) });
    expect(r.exitCode).toBe(code);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe(line);
    expect(r.stderr).not.toContain(args[0]!.slice(4));
  });
});

describe('ambiguous keys', () => {
  it('several keys matching a raw key, or sharing a label: exit 2 listing them', async () => {
    const twin = (id: number, masked: string, label: string) => ({ ...(FIXTURE_KEYS[1] as (typeof FIXTURE_KEYS)[number]), id, masked_token: masked, label });
    const api = await startFixtureApi({ keys: [twin(40, 'fibe_live_Twin...cccc', 'deploy'), twin(41, 'fibe_live_Twin...cccc', 'deploy')] });
    try {
      const env = { FIBE_API_KEY: FULL_TOKEN, FIBE_DOMAIN: api.url };
      const raw = await runCli(['actor', 'key:fibe_live_Twin0000000000000000cccc'], { env });
      expect(raw.exitCode).toBe(2);
      expect(raw.stderr).toBe(
        'error: that key (fibe_liv...cccc) matches 2 API keys: "deploy" (#40, fibe_live_Twin...cccc), "deploy" (#41, fibe_live_Twin...cccc)\nhint: name one of them by id: key:<id>\n',
      );
      const label = await runCli(['actor', 'key:deploy'], { env });
      expect(label.exitCode).toBe(2);
      expect(label.stderr.split('\n')[0]).toBe(
        "error: the label 'deploy' names 2 API keys: \"deploy\" (#40, fibe_live_Twin...cccc), \"deploy\" (#41, fibe_live_Twin...cccc)",
      );
    } finally {
      await api.close();
    }
  });
});

describe('usage errors exit 2', () => {
  it.each([
    [['bogus']],
    [['robot:1']],
    [['user:abc']],
    [['key:']],
    [['key:"open']],
    [['key:15', '--all', '--limit', '5']],
    [['key:15', '--actor', 'user:77']],
    [['key:15', '-o', 'xml']],
    [['key:15', '--since', 'someday']],
  ])('actor %j', async (args) => {
    const r = await runCli(['actor', ...args], { env: { FIBE_API_KEY: FULL_TOKEN, FIBE_DOMAIN: 'http://127.0.0.1:9' } });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: /);
  });

  it('help ends with 3-5 examples', async () => {
    const r = await runCli(['actor', '--help']);
    const examples = r.stdout.slice(r.stdout.indexOf('Examples:'));
    expect(r.stdout.trimEnd().endsWith(examples.trimEnd())).toBe(true);
    const count = (examples.match(/^ {2}\$ fibe-audit /gm) ?? []).length;
    expect(count).toBeGreaterThanOrEqual(3);
    expect(count).toBeLessThanOrEqual(5);
  });
});

describe('against the emulator (default seed)', () => {
  let emu: Emulator;
  let all: Entry[];
  const env = (key = emu.keys.full) => ({ FIBE_API_KEY: key, FIBE_DOMAIN: emu.url });
  const inWindow = (e: Entry) => {
    const t = Date.parse(e.created_at);
    return t >= FIXED_NOW.getTime() - 30 * DAY && t <= FIXED_NOW.getTime();
  };
  const ofKey = (id: number) => (e: Entry) => (e.actor.kind === 'api_key' || e.actor.kind === 'genie') && Number(e.actor.id) === id;
  const own = (pred: (e: Entry) => boolean) => all.filter((e) => inWindow(e) && pred(e));
  async function actorJson(ref: string, extra: string[] = [], key?: string): Promise<ActorJson> {
    const r = await runCli(['actor', ref, '-o', 'json', ...extra], { env: env(key) });
    expect(r.exitCode).toBe(0);
    return JSON.parse(r.stdout) as ActorJson;
  }
  const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);

  beforeAll(async () => {
    emu = await startEmulator({ now: FIXED_NOW });
    all = [...emu.data.entries()].map((e) => withActor(e as AuditEntry));
  });
  afterAll(async () => {
    await emu.close();
  });

  it('key:<CI label> and key:<id> give the same figures, equal to our own count', async () => {
    const ci = emu.data.apiKeys.find((k) => /CI/.test(k.label))!;
    const mine = own(ofKey(ci.id));
    expect(mine.length).toBeGreaterThan(50);
    const byId = await actorJson(`key:${ci.id}`, ['--all']);
    const byLabel = await actorJson(`key:"${ci.label}"`, ['--all']);
    expect(byLabel).toEqual(byId);
    expect(byId.summary.total).toBe(mine.length);
    expect(byId.entries.map((e) => e.id).sort((a, b) => a - b)).toEqual(mine.map((e) => e.id).sort((a, b) => a - b));
    expect(sum(byId.summary.by_action)).toBe(mine.length);
    expect(sum(byId.summary.per_day)).toBe(mine.length);
    expect(Object.keys(byId.summary.per_day)).toHaveLength(31);
    expect(byId.summary.resources.reduce((n, r) => n + r.count, 0)).toBe(mine.filter((e) => e.resource_type !== null || e.resource_id !== null).length);
    expect(byId.summary.destructive).toBe(mine.filter((e) => /\.destroyed$/.test(e.action)).length);
    expect(byId.summary.first_seen).toBe(mine[0]?.created_at);
    expect(byId.summary.last_seen).toBe(mine[mine.length - 1]?.created_at);
    expect(byId.summary.unused_scopes).toEqual([]);
  });

  it('a Genie key shows as genie, and key:<genie id> equals genie:<genie id>', async () => {
    const genie = emu.data.apiKeys.find((k) => k.agent_accessible)!;
    const byKey = await actorJson(`key:${genie.id}`, ['--all']);
    const byGenie = await actorJson(`genie:${genie.id}`, ['--all']);
    expect(byKey.actor.kind).toBe('genie');
    expect(byGenie.entries.map((e) => e.id)).toEqual(byKey.entries.map((e) => e.id));
    expect(byKey.summary.total).toBe(own(ofKey(genie.id)).length);
    expect(byKey.entries.every((e) => e.actor.kind === 'genie')).toBe(true);
  });

  it('automation:Playguard counts what Playguard did', async () => {
    const doc = await actorJson('automation:Playguard');
    const mine = own((e) => e.actor.kind === 'automation' && e.actor.label === 'Playguard');
    expect(mine.length).toBeGreaterThan(0);
    expect(doc.summary.total).toBe(mine.length);
    expect(doc.entries).toHaveLength(20);
  });

  it('points out the deploy key\'s unused secrets:write', async () => {
    expect((await actorJson(`key:${emu.data.keyId('no_audit')}`)).summary.unused_scopes).toEqual(['secrets:write']);
  });

  it('a key lacking keys:manage still gets the activity, with a one-line note', async () => {
    const ci = emu.data.keyId('ci');
    const r = await runCli(['actor', `key:${ci}`, '--limit', '2'], { env: env(emu.keys.no_keys), columns: 100 });
    expect(r.exitCode).toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^note: .*keys:manage/);
    expect(r.stdout).toContain(`  entries           ${own(ofKey(ci)).length.toLocaleString('en-US')}\n`);
  });

  it('unknown actor: exit 0 with a notice; malformed: exit 2', async () => {
    const unknown = await runCli(['actor', 'automation:Nobody'], { env: env() });
    expect(unknown.exitCode).toBe(0);
    expect(unknown.stderr).toMatch(/^no activity for automation:Nobody in the window: /);
    expect((await runCli(['actor', 'wizard:7'], { env: env() })).exitCode).toBe(2);
  });

  it('a leaked raw key drills into its key and is never sent anywhere', async () => {
    const id = emu.data.keyId('ci');
    const raw = emu.data.tokenFor(id);
    const before = emu.requests.length;
    const doc = await actorJson(`key:${raw}`, ['--limit', '1']);
    expect(doc.actor.id).toBe(id);
    expect(doc.summary.total).toBe(own(ofKey(id)).length);
    const sent = emu.requests.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    for (const req of sent) {
      expect(req.rawUrl).not.toContain(raw);
      expect(decodeURIComponent(req.rawUrl)).not.toContain(raw);
      expect(Object.values(req.headers).join('\n')).not.toContain(raw);
    }
  });
});
