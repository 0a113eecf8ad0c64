// --source auto|api|mirror as SPEC.md "Sources" decides: no mirror -> the API as before; a mirror ->
// one top-up request (none within a minute of a sync); a failed top-up -> the mirror's answer with one
// warning; 401 -> exit 4; a window the mirror does not cover -> the API; --source mirror offline.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli, tempDir } from '../helpers/run-cli.js';

let emu: Emulator | undefined;
afterEach(async () => {
  await emu?.close();
  emu = undefined;
});

const at = (ms: number) => new Date(FIXED_NOW.getTime() + ms);
const QUERY = ['query', '--since', '24h', '--limit', '20', '-o', 'ndjson'];

async function setup(key: keyof Emulator['keys'] = 'full') {
  emu = await startEmulator({ entries: 3_000, seed: 17, now: FIXED_NOW, rateLimitPerHour: 1e9 });
  const e = emu;
  const env = { FIBE_API_KEY: e.keys[key] as string, FIBE_DOMAIN: e.url, FIBE_AUDIT_DATA_DIR: join(tempDir(), 'data') };
  const run = (argv: string[], now = FIXED_NOW, extra: Record<string, string> = {}) => runCli(argv, { env: { ...env, ...extra }, now });
  const requestsOf = async (argv: string[], now = FIXED_NOW) => {
    const before = e.requests.length;
    const r = await run(argv, now);
    return { ...r, requests: e.requests.slice(before).map((q) => q.path) };
  };
  return { e, env, run, requestsOf };
}

describe('--source auto', () => {
  it('without a mirror sends exactly the requests --source api sends', async () => {
    const { requestsOf } = await setup();
    const auto = await requestsOf(QUERY);
    const api = await requestsOf(['--source', 'api', ...QUERY]);
    expect(auto.requests).toEqual(api.requests);
    expect(auto.stdout).toBe(api.stdout);
    expect(auto.stderr).not.toContain('mirror');
  });

  it('with a mirror: one top-up request, then the answer from the mirror; none within a minute of a sync', async () => {
    const { run, requestsOf } = await setup();
    expect((await run(['sync'])).exitCode).toBe(0);
    const api = await requestsOf(['--source', 'api', ...QUERY], at(120_000));
    const fresh = await requestsOf(QUERY, at(30_000));
    expect(fresh.requests).toEqual([]);
    expect(fresh.stderr).toMatch(/^from the mirror, synced 30 s ago\n/);
    const topped = await requestsOf(QUERY, at(120_000));
    expect(topped.requests).toEqual(['/api/audit_logs']);
    expect(topped.stderr).toMatch(/^from the mirror, synced 0 s ago\n/);
    expect(topped.stdout).toBe(api.stdout);
    expect(topped.stdout.trim().split('\n')).toHaveLength(20);
  });

  it('counts freshness from what the mirror holds (covered.until), not from when a long sync ended', async () => {
    const { e, env } = await setup();
    // A slow sync: the clock moves 3 s at every look, so it ends minutes after its window did.
    let t = FIXED_NOW.getTime();
    const sync = await runCli(['sync'], { env, now: () => new Date((t += 3_000)) });
    expect(sync.exitCode, sync.stderr).toBe(0);
    const status = JSON.parse((await runCli(['mirror', 'status', '-o', 'json'], { env })).stdout) as { last_sync: string; covered: { until: string } };
    const lastSync = Date.parse(status.last_sync);
    expect(lastSync - Date.parse(status.covered.until)).toBeGreaterThan(60_000);
    const before = e.requests.length;
    const r = await runCli(QUERY, { env, now: new Date(lastSync + 10_000) });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(e.requests.slice(before).map((q) => q.path)).toEqual(['/api/audit_logs']);
    expect(r.stderr).toMatch(/^from the mirror, synced 0 s ago\n/);
  });

  it('a mirror whose first sync never completed does not answer for a failed top-up: exit 75, not an empty answer', async () => {
    const { e, env } = await setup();
    e.failNext(1000, 'error', { status: 503 });
    const first = await runCli(['sync'], { env });
    expect(first.exitCode).toBe(75);
    const r = await runCli(QUERY, { env, now: at(1_000) });
    expect(r.exitCode).toBe(75);
    expect(r.stdout).toBe('');
  });

  it('a failed top-up answers from the mirror with one warning giving its age (exit 0)', async () => {
    const { e, run, requestsOf } = await setup();
    await run(['sync']);
    const expected = (await requestsOf(QUERY, at(600_000))).stdout;
    e.failNext(20, 'error', { status: 503 });
    const r = await run(QUERY, at(3_600_000));
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe(expected);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('warning:'))).toHaveLength(1);
    // The query's window now ends an hour after what the mirror covers: the warning says so.
    expect(r.stderr).toMatch(/^warning: could not top up the mirror \(GET \/api\/audit_logs failed after 5 attempts; .*\); answering from it, synced 50 min ago; it covers the beginning of the log → 2026-11-26 12:10:00 UTC, less than the window\n/);
  });

  it('a window past what the mirror covers goes to the API; when the top-up fails the warning gives the covered range', async () => {
    const { e, run, requestsOf } = await setup();
    await run(['sync', '--since', '2d']);
    const wide = await requestsOf(['query', '--since', '7d', '--limit', '5'], at(120_000));
    expect(wide.stderr).not.toContain('from the mirror');
    expect(wide.requests.filter((p) => p === '/api/audit_logs').length).toBe(2);
    e.failNext(20, 'error', { status: 503 });
    const r = await run(['query', '--since', '7d', '--limit', '5'], at(3_600_000));
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/^warning: could not top up the mirror \(.*\); answering from it, synced 58 min ago; it covers 2026-11-24 12:00:00 UTC → 2026-11-26 12:02:00 UTC, less than the window\n/);
  });

  it('a key rejected during the top-up still exits 4', async () => {
    const { e, run } = await setup('no_keys');
    expect((await run(['sync'])).exitCode).toBe(0);
    const id = e.data.keyId('no_keys');
    const del = await fetch(`${e.url}/api/api_keys/${id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${e.keys.full}` } });
    expect(del.status).toBe(204);
    const r = await run(QUERY, at(120_000));
    expect(r.exitCode).toBe(4);
  });
});

describe('--source mirror', () => {
  it('without a mirror: exit 2 with the hint to sync; with one: no request, a note when the window reaches past it', async () => {
    const { run, requestsOf } = await setup();
    const none = await run(['--source', 'mirror', ...QUERY]);
    expect(none).toMatchObject({ exitCode: 2, stderr: "error: --source mirror: no mirror for this key's account\nhint: run 'fibe-audit sync' first (or name a mirror file with --mirror)\n" });
    await run(['sync', '--since', '2d']);
    const r = await requestsOf(['--source', 'mirror', 'query', '--since', '7d', '--limit', '5'], at(7_200_000));
    expect(r.requests).toEqual([]);
    expect(r.stderr).toMatch(/^from the mirror, synced 2 h ago\nnote: the mirror covers 2026-11-24 12:00:00 UTC → 2026-11-26 12:00:00 UTC; the window reaches past it\n/);
    const viaEnv = await run(QUERY, at(7_200_000), { FIBE_AUDIT_SOURCE: 'mirror' });
    expect(viaEnv.stderr).toMatch(/^from the mirror/);
    expect((await run(QUERY, FIXED_NOW, { FIBE_AUDIT_SOURCE: 'cache' })).exitCode).toBe(2);
  });

  it('--mirror naming a file that is no database exits 2 saying so (not the engine\'s error, exit 1)', async () => {
    const file = join(tempDir(), 'notes.txt');
    writeFileSync(file, 'not a database\n'.repeat(1000));
    const r = await runCli(['--mirror', file, '--source', 'mirror', 'query'], { env: {} });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('is not a fibe-audit mirror (not a DuckDB database file)');
    // An export of ours, a directory: the same kind of answer, never the engine's own words.
    const ndjson = join(tempDir(), 'audit.ndjson');
    writeFileSync(ndjson, '{"id":1}\n');
    for (const [path, says] of [[ndjson, 'is not a fibe-audit mirror (not a DuckDB database file)'], [tempDir(), 'is a directory, not a fibe-audit mirror']]) {
      for (const argv of [['query'], ['sql', 'select 1'], ['mirror', 'status']]) {
        const other = await runCli(['--mirror', path as string, '--source', 'mirror', ...argv], { env: {} });
        expect(other.exitCode, other.stderr).toBe(2);
        expect(other.stderr.split('\n')[0]).toBe(`error: '${path}' ${says}`);
      }
    }
  });

  it('--mirror <file> answers with no key at all, on another machine', async () => {
    const { env, run } = await setup();
    const file = join(tempDir(), 'copy.duckdb');
    expect((await run(['--mirror', file, 'sync'])).exitCode).toBe(0);
    const expected = await run(['--source', 'api', ...QUERY]);
    const offline = await runCli(['--mirror', file, '--source', 'mirror', ...QUERY], { env: { FIBE_AUDIT_DATA_DIR: env.FIBE_AUDIT_DATA_DIR } });
    expect(offline.exitCode, offline.stderr).toBe(0);
    expect(offline.stdout).toBe(expected.stdout);
    // auto with --mirror and no key: nothing to top up with, the file answers.
    const auto = await runCli(['--mirror', file, ...QUERY], { env: {} });
    expect(auto.stdout).toBe(expected.stdout);
  });

  it('export writes the same bytes from the mirror as from the API, with no request', async () => {
    const { e, run } = await setup();
    await run(['sync']);
    const dir = tempDir();
    for (const format of ['ndjson', 'csv', 'json']) {
      const api = join(dir, `api.${format}`);
      const mirror = join(dir, `mirror.${format}`);
      expect((await run(['--source', 'api', 'export', '--since', '30d', '--out', api])).exitCode).toBe(0);
      const before = e.requests.length;
      const r = await run(['--source', 'mirror', 'export', '--since', '30d', '--out', mirror]);
      expect(r.exitCode, r.stderr).toBe(0);
      expect(e.requests.length).toBe(before);
      expect(readFileSync(mirror, 'utf8')).toBe(readFileSync(api, 'utf8'));
      expect(readFileSync(api, 'utf8').length).toBeGreaterThan(10_000);
    }
  });

  it('export and report top the mirror up even within a minute of a sync: evidence reaches the window end', async () => {
    const { e, run, requestsOf } = await setup();
    await run(['sync']);
    const added = e.addEntries(3, { at: at(10_000) });
    const dir = tempDir();
    const out = join(dir, 'a.ndjson');
    const r = await requestsOf(['export', '--since', '1h', '--out', out, '--manifest'], at(30_000));
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.requests).toContain('/api/audit_logs');
    const ids = readFileSync(out, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { id: number }).id);
    for (const entry of added) expect(ids).toContain(entry.id);
    expect(JSON.parse(readFileSync(`${out}.manifest.json`, 'utf8'))).toMatchObject({ complete: true });
    // A query within the minute still answers without a request (the 60 s rule stays for questions).
    expect((await requestsOf(QUERY, at(40_000))).requests).toEqual([]);
  });

  it('an export or report from a mirror that could not be topped up says how far it reaches', async () => {
    const { e, run } = await setup();
    await run(['sync']);
    e.addEntries(3, { at: at(10_000) });
    const dir = tempDir();
    const out = join(dir, 'a.ndjson');
    e.failNext(20, 'error', { status: 503 });
    const r = await run(['export', '--since', '1h', '--out', out, '--manifest'], at(30_000));
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^warning: could not top up the mirror .*less than the window\n/);
    expect(JSON.parse(readFileSync(`${out}.manifest.json`, 'utf8'))).toMatchObject({ complete: false });
    e.failNext(20, 'error', { status: 503 });
    const html = join(dir, 'r.html');
    const rep = await run(['report', '--since', '1h', '--out', html], at(30_000));
    expect(rep.exitCode, rep.stderr).toBe(0);
    // The command that re-creates the hashed entries stops where the mirror does, not at the window's end.
    expect(readFileSync(html, 'utf8')).toContain(`--until ${FIXED_NOW.toISOString()}`);
  });

  it('a top-up that fails part way: report and export stop at the covered end, and the check command reproduces the hash', async () => {
    const { e, env, run } = await setup();
    await run(['sync']);
    e.addEntries(450, { at: at(10_000) });
    // The budget lets the top-up fetch its first pages, then runs out: the batches it committed lie
    // past covered.until, which stays where the last completed sync left it.
    e.resetRateLimit();
    e.setRateLimit(3);
    const html = join(tempDir(), 'r.html');
    const rep = await runCli(['--max-wait', '0', 'report', '--since', '1h', '--out', html], { env, now: at(30_000) });
    expect(rep.exitCode, rep.stderr).toBe(0);
    expect(rep.stderr).toMatch(/^warning: could not top up the mirror /);
    e.setRateLimit(1e9);
    e.resetRateLimit();
    const past = await run(['--source', 'mirror', 'sql', '-o', 'csv', `select count(*) from entries where created_at > '${FIXED_NOW.toISOString()}'`], at(30_000));
    expect(Number(past.stdout.split('\r\n')[1])).toBeGreaterThan(0);
    const stated = /SHA-256 of the entries as NDJSON: ([0-9a-f]{64})/.exec(rep.stderr)?.[1];
    const page = readFileSync(html, 'utf8');
    expect(page).toContain(`--until ${FIXED_NOW.toISOString()}`);
    const again = await run(['--source', 'mirror', 'export', '--since', at(30_000 - 3_600_000).toISOString(), '--until', FIXED_NOW.toISOString(), '--format', 'ndjson', '--out', '-'], at(30_000));
    expect(createHash('sha256').update(again.stdout).digest('hex')).toBe(stated);
  });

  it("an entry's own timestamp, or its table time, as both ends finds it from every source alike", async () => {
    const { e, run } = await setup();
    await run(['sync']);
    const file = join(tempDir(), 'all.ndjson');
    expect((await run(['--source', 'api', 'export', '--since', '30d', '--out', file])).exitCode).toBe(0);
    // Entries stamped past the millisecond, late in it (…999907 is the hardest case: the end's last µs).
    const stamped = [...e.data.entries()].filter((x) => /\.\d{4,6}Z$/.test(x.created_at)).sort((a, b) => Number(b.created_at.slice(20, 26).padEnd(6, '0')) % 1000 - Number(a.created_at.slice(20, 26).padEnd(6, '0')) % 1000);
    for (const entry of stamped.slice(0, 3)) {
      const second = `${entry.created_at.slice(0, 10)} ${entry.created_at.slice(11, 19)} UTC`;
      for (const at of [entry.created_at, second]) {
        const answers = await Promise.all(
          [['--source', 'api'], ['--source', 'mirror'], ['--file', file]].map(async (from) => {
            const argv = from[0] === '--file' ? ['query', ...from, '--since', at, '--until', at, '-o', 'ndjson', '--all'] : [from[0] as string, from[1] as string, 'query', '--since', at, '--until', at, '-o', 'ndjson', '--all'];
            const r = await run(argv, at === second ? FIXED_NOW : FIXED_NOW);
            expect(r.exitCode, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
            return r.stdout;
          }),
        );
        expect(answers[0]).toContain(`"id":${entry.id},`);
        expect(answers[1]).toBe(answers[0]);
        expect(answers[2]).toBe(answers[0]);
      }
    }
  });

  it('report names the mirror as its source', async () => {
    const { run } = await setup();
    await run(['sync']);
    const out = join(tempDir(), 'r.html');
    const r = await run(['--source', 'mirror', 'report', '--since', '7d', '--out', out]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('"kind":"mirror"');
  });
});
