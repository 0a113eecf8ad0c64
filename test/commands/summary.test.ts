// fibe-audit summary end to end: exact renderings against a small fixed API, and group counts against
// the emulator checked with the test's own count over its data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli } from '../helpers/run-cli.js';
import { withActor } from '../../src/model/actor.js';
import type { AuditEntry, Entry } from '../../src/model/entry.js';
import type { RouteServer } from '../helpers/route-server.js';
import { FULL_TOKEN, startFixtureApi } from './report-fixture.js';

const DAY = 86_400_000;

interface SummaryJson {
  by: string;
  total: number;
  groups: Array<{ key: string | null; count: number }>;
}

describe('against a fixed API: exact renderings', () => {
  let api: RouteServer;
  const env = () => ({ FIBE_API_KEY: FULL_TOKEN, FIBE_DOMAIN: api.url });
  beforeAll(async () => {
    api = await startFixtureApi();
  });
  afterAll(async () => {
    expect(api.errors).toEqual([]);
    await api.close();
  });

  it('piped: actions by count with shares and bars; totals and window on stderr', async () => {
    const r = await runCli(['summary'], { env: env(), columns: 100 });
    expect(r.exitCode).toBe(0);
    const bar = (n: number) => '█'.repeat(n);
    expect(r.stdout).toBe(
      [
        'ACTION                          COUNT  SHARE',
        `playground.updated                  2  16.7%  ${bar(50)}`,
        `trick.updated                       2  16.7%  ${bar(50)}`,
        `api_key.created                     1   8.3%  ${bar(25)}`,
        `playground.created                  1   8.3%  ${bar(25)}`,
        `playground.destroyed                1   8.3%  ${bar(25)}`,
        `playground.playguard.recovered      1   8.3%  ${bar(25)}`,
        `prop.updated                        1   8.3%  ${bar(25)}`,
        `session.revoked                     1   8.3%  ${bar(25)}`,
        `trick.created                       1   8.3%  ${bar(25)}`,
        `trick.destroyed                     1   8.3%  ${bar(25)}`,
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('12 entries in 10 groups\nwindow: 2026-11-19 12:00:00 UTC → 2026-11-26 12:00:00 UTC\n');
  });

  it('piped --by actor --top 2: actor descriptions, and a row saying what was cut', async () => {
    const r = await runCli(['summary', '--by', 'actor', '--top', '2'], { env: env(), columns: 100 });
    expect(r.stdout).toBe(
      [
        'ACTOR                         COUNT  SHARE',
        'key "GitHub Actions CI" #15       7  58.3%  ██████████████████████████████████████████████████',
        'genie "triage-bot" #21            2  16.7%  ██████████████▎',
        '(2 more groups cut by --top)      3  25.0%',
        '',
      ].join('\n'),
    );
    expect(r.stderr.split('\n')[0]).toBe('12 entries in 4 groups; 2 smaller groups (3 entries) left out: raise --top (now 2)');
  });

  it('terminal --by day: every day of the window in order, the bars fitted to the width', async () => {
    const r = await runCli(['summary', '--by', 'day'], { env: { ...env(), NO_COLOR: '1' }, tty: true, columns: 60 });
    expect(r.stdout).toBe(
      [
        'DAY         COUNT  SHARE',
        '2026-11-19      1   8.3%  ███████████',
        '2026-11-20      2  16.7%  ██████████████████████',
        '2026-11-21      1   8.3%  ███████████',
        '2026-11-22      1   8.3%  ███████████',
        '2026-11-23      1   8.3%  ███████████',
        '2026-11-24      1   8.3%  ███████████',
        '2026-11-25      3  25.0%  █████████████████████████████████',
        '2026-11-26      2  16.7%  ██████████████████████',
        '',
      ].join('\n'),
    );
    for (const line of r.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(60);
    // Empty buckets are rows too: the count line says how many of them hold entries.
    expect(r.stderr.split('\n')[0]).toBe('12 entries in 8 of 8 days');
    const hours = await runCli(['summary', '--by', 'hour', '--since', '3h'], { env: { ...env(), NO_COLOR: '1' }, tty: true, columns: 60 });
    expect(hours.stderr.split('\n')[0]).toMatch(/^\d+ entr(y|ies) in \d+ of [34] hours$/);
    const colour = await runCli(['summary', '--by', 'day'], { env: { ...env(), FORCE_COLOR: '1' }, tty: true, columns: 60 });
    expect(colour.stdout).toContain('\x1b[36m█████████████████████████████████\x1b[39m');
  });

  it('-o json: {by, total, groups} and nothing else', async () => {
    const r = await runCli(['summary', '-o', 'json', '--top', '3'], { env: env() });
    expect(JSON.parse(r.stdout)).toEqual({
      by: 'action',
      total: 12,
      groups: [
        { key: 'playground.updated', count: 2 },
        { key: 'trick.updated', count: 2 },
        { key: 'api_key.created', count: 1 },
      ],
    });
  });

  it('-o json --by hour: empty hours included, in time order', async () => {
    const r = await runCli(['summary', '-o', 'json', '--by', 'hour', '--since', '3h'], { env: env() });
    expect(JSON.parse(r.stdout)).toEqual({
      by: 'hour',
      total: 2,
      groups: [
        { key: '2026-11-26 09:00', count: 0 },
        { key: '2026-11-26 10:00', count: 1 },
        { key: '2026-11-26 11:00', count: 1 },
        { key: '2026-11-26 12:00', count: 0 },
      ],
    });
  });

  it('-o csv: key,count rows', async () => {
    const r = await runCli(['summary', '-o', 'csv', '--by', 'channel'], { env: env() });
    expect(r.stdout).toBe('key,count\r\napi,9\r\nui,2\r\nsystem,1\r\n');
  });

  it('takes the filters of query', async () => {
    const r = await runCli(['summary', '-o', 'json', '--by', 'resource', '--actor', 'key:"GitHub Actions CI"', '--action', 'playground.*'], { env: env() });
    expect(JSON.parse(r.stdout)).toEqual({ by: 'resource', total: 3, groups: [{ key: 'Playground:7563', count: 3 }] });
  });

  it('nothing matched: exit 0, a notice, no table', async () => {
    const r = await runCli(['summary', '--action', 'nothing.here'], { env: env() });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^no entries match \(window: 2026-11-19 12:00:00 UTC → 2026-11-26 12:00:00 UTC; scanned \d+\)\n$/);
  });

  it.each([[['--by', 'weekday']], [['--top', '0']], [['-o', 'ndjson']], [['--since', 'later']]])('summary %j exits 2', async (args) => {
    const r = await runCli(['summary', ...args], { env: env() });
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('help ends with 3-5 examples', async () => {
    const r = await runCli(['summary', '--help']);
    const count = (r.stdout.slice(r.stdout.indexOf('Examples:')).match(/^ {2}\$ fibe-audit /gm) ?? []).length;
    expect(count).toBeGreaterThanOrEqual(3);
    expect(count).toBeLessThanOrEqual(5);
  });
});

describe('against the emulator (default seed)', () => {
  let emu: Emulator;
  let week: Entry[];
  const env = () => ({ FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url });
  async function summaryJson(args: string[]): Promise<SummaryJson> {
    const r = await runCli(['summary', '-o', 'json', ...args], { env: env() });
    expect(r.exitCode).toBe(0);
    return JSON.parse(r.stdout) as SummaryJson;
  }
  beforeAll(async () => {
    emu = await startEmulator({ now: FIXED_NOW });
    week = [...emu.data.entries()]
      .map((e) => withActor(e as AuditEntry))
      .filter((e) => {
        const t = Date.parse(e.created_at);
        return t >= FIXED_NOW.getTime() - 7 * DAY && t <= FIXED_NOW.getTime();
      });
  });
  afterAll(async () => {
    await emu.close();
  });

  it('--by day: the counts sum to the matching entries, one bucket per day in order', async () => {
    const s = await summaryJson(['--by', 'day']);
    expect(s.total).toBe(week.length);
    expect(s.groups.reduce((n, g) => n + g.count, 0)).toBe(week.length);
    expect(s.groups.map((g) => g.key)).toEqual(['2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26']);
    const mine = new Map<string, number>();
    for (const e of week) mine.set(e.created_at.slice(0, 10), (mine.get(e.created_at.slice(0, 10)) ?? 0) + 1);
    expect(s.groups.map((g) => g.count)).toEqual(s.groups.map((g) => mine.get(g.key as string) ?? 0));
  });

  it('--by hour: 169 hourly buckets, never cut by --top', async () => {
    const s = await summaryJson(['--by', 'hour', '--top', '3']);
    expect(s.groups).toHaveLength(169);
    expect(s.groups.reduce((n, g) => n + g.count, 0)).toBe(week.length);
  });

  it.each([
    ['Europe/London', '2026-10-25T00:00', '2026-10-25T02:59', '2026-10-24T23:00:00Z', ['00:00', '01:00+01:00', '01:00+00:00', '02:00']],
    ['America/New_York', '2026-11-01T00:00', '2026-11-01T02:59', '2026-11-01T04:00:00Z', ['00:00', '01:00-04:00', '01:00-05:00', '02:00']],
  ])('--by hour --tz %s: the hour the clocks go back through is two buckets, counted apart', async (tz, since, until, firstUtc, hours) => {
    const s = await summaryJson(['--by', 'hour', '--tz', tz, '--since', since, '--until', until]);
    const day = since.slice(0, 10);
    expect(s.groups.map((g) => g.key)).toEqual(hours.map((h) => `${day} ${h}`));
    // Each bucket is one real hour of instants: count the emulator's entries per UTC hour from the first.
    const start = Date.parse(firstUtc);
    const all = [...emu.data.entries()].map((e) => Date.parse(e.created_at));
    const perHour = hours.map((_, i) => all.filter((t) => t >= start + i * 3_600_000 && t < start + (i + 1) * 3_600_000).length);
    expect(perHour.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(s.groups.map((g) => g.count)).toEqual(perHour);
  });

  it('--by hour with nothing matching still lists every empty bucket: table, json and csv', async () => {
    const args = ['summary', '--by', 'hour', '--since', '2h', '--search', 'zzzz-nothing-has-this'];
    const table = await runCli(args, { env: env(), tty: true, columns: 80 });
    expect(table.exitCode).toBe(0);
    expect(table.stdout.split('\n').filter((l) => /^2026-11-26 1\d:00 +0 +0\.0%$/.test(l))).toHaveLength(3);
    expect(table.stderr).toMatch(/no entries match/);
    const json = JSON.parse((await runCli([...args, '-o', 'json'], { env: env() })).stdout) as SummaryJson;
    expect(json).toEqual({ by: 'hour', total: 0, groups: ['10:00', '11:00', '12:00'].map((h) => ({ key: `2026-11-26 ${h}`, count: 0 })) });
    const csv = await runCli([...args, '-o', 'csv'], { env: env() });
    expect(csv.stdout).toBe('key,count\r\n2026-11-26 10:00,0\r\n2026-11-26 11:00,0\r\n2026-11-26 12:00,0\r\n');
  });

  it.each(['action', 'actor', 'actor_type', 'resource_type', 'resource', 'channel'])('--by %s: total counts everything, also what --top cut', async (by) => {
    const cut = await summaryJson(['--by', by, '--top', '2']);
    const whole = await summaryJson(['--by', by, '--top', '100000']);
    expect(cut.total).toBe(week.length);
    expect(whole.total).toBe(week.length);
    expect(whole.groups.reduce((n, g) => n + g.count, 0)).toBe(week.length);
    expect(cut.groups).toEqual(whole.groups.slice(0, 2));
  });

  it('--by actor keys are actor references that `actor` accepts', async () => {
    const s = await summaryJson(['--by', 'actor', '--top', '3']);
    const top = s.groups[0]!;
    const r = await runCli(['actor', top.key as string, '--since', '7d', '-o', 'json'], { env: env() });
    expect((JSON.parse(r.stdout) as { summary: { total: number } }).summary.total).toBe(top.count);
  });

  it('--actor-type genie --by action counts only Genie entries', async () => {
    const s = await summaryJson(['--actor-type', 'genie']);
    expect(s.total).toBe(week.filter((e) => e.actor.kind === 'genie').length);
    expect(s.total).toBeGreaterThan(0);
  });
});
