// fibe-audit report end to end against the emulator (the page itself is tested in a real browser in
// test/report/browser.test.ts): the file, its scope and integrity, the dossier, --file, refusals.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli, tempDir } from '../helpers/run-cli.js';
import { envFor } from '../export/harness.js';
import { readReportData, reportEntries } from '../report/report-file.js';

const WINDOW = ['--since', '2026-11-01T00:00:00Z', '--until', '2026-11-26T11:00:00Z'];
let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator({ entries: 3_000, seed: 11, now: FIXED_NOW, rateLimitPerHour: 1_000_000 });
});
afterAll(async () => {
  await emu.close();
});

const run = (args: string[]) => runCli(args, { env: envFor(emu) });
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const ndjsonRecords = (text: string) => text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);

describe('report', () => {
  it('writes one 0600 HTML file whose entries and SHA-256 are exactly export --format ndjson of the same scope', async () => {
    const dir = tempDir();
    const out = join(dir, 'r.html');
    const r = await run(['report', ...WINDOW, '--action', 'playground.*', '--out', out]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(readdirSync(dir)).toEqual(['r.html']);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const exported = await run(['export', ...WINDOW, '--action', 'playground.*', '--format', 'ndjson', '--out', '-']);
    expect(exported.exitCode).toBe(0);
    const data = readReportData(out);
    expect(data.scope.sha256).toBe(sha256(exported.stdout));
    expect(reportEntries(out)).toEqual(ndjsonRecords(exported.stdout));
    expect(data.scope.entryCount).toBeGreaterThan(50);
    expect(data.scope.filters).toEqual([['--action', 'playground.*']]);
    expect(data.scope.window).toEqual({ start: '2026-11-01T00:00:00.000Z', end: '2026-11-26T11:00:00.000Z' });
    expect(data.scope.source).toEqual({ kind: 'api', name: emu.url, freshness: `read from the API at ${FIXED_NOW.toISOString()}` });
    expect(data.scope.verify).toBe(
      "fibe-audit export --since 2026-11-01T00:00:00.000Z --until 2026-11-26T11:00:00.000Z --action 'playground.*' --format ndjson --out - | sha256sum",
    );
    expect(r.stderr).toContain(`SHA-256 of the entries as NDJSON: ${data.scope.sha256}`);
  });

  it("defaults to query's window (7 days) and to actor's (30 days) with --actor, whose dossier it carries", async () => {
    const dir = tempDir();
    const plain = await run(['report', '--out', join(dir, 'a.html')]);
    expect(plain.exitCode, plain.stderr).toBe(0);
    expect(readReportData(join(dir, 'a.html')).scope.window.start).toBe('2026-11-19T12:00:00.000Z');
    expect(readReportData(join(dir, 'a.html')).dossier).toBeNull();

    const withActor = await run(['report', '--actor', 'key:"GitHub Actions CI"', '--out', join(dir, 'b.html')]);
    expect(withActor.exitCode, withActor.stderr).toBe(0);
    const data = readReportData(join(dir, 'b.html'));
    expect(data.scope.window.start).toBe('2026-10-27T12:00:00.000Z');
    const actorJson = JSON.parse((await run(['actor', 'key:"GitHub Actions CI"', '-o', 'json'])).stdout) as Record<string, unknown>;
    expect(data.dossier?.actor).toEqual(actorJson.actor);
    expect(data.dossier?.key).toEqual(actorJson.key);
    expect(data.dossier?.summary).toEqual(actorJson.summary);
    // The label resolved to the key's id, and keys act through the api channel (as `actor` reads them).
    expect(data.scope.filters).toEqual([['--actor', 'key:15'], ['--channel', 'api']]);
    expect(data.scope.entryCount).toBe((actorJson.summary as { total: number }).total);
  });

  it('reads an export with --file (no API), and says how to re-hash it', async () => {
    const dir = tempDir();
    const file = join(dir, 'audit.ndjson');
    expect((await run(['export', ...WINDOW, '--out', file])).exitCode).toBe(0);
    const out = join(dir, 'f.html');
    const r = await runCli(['report', '--file', file, '--actor-type', 'genie', '--out', out]);
    expect(r.exitCode, r.stderr).toBe(0);
    const data = readReportData(out);
    expect(data.scope.source.kind).toBe('file');
    expect(data.scope.source.name).toBe(file);
    expect(data.scope.window.start).toBeNull();
    const again = await runCli(['query', '--file', file, '--until', data.scope.window.end, '--actor-type', 'genie', '--order', 'asc', '--all', '-o', 'ndjson']);
    expect(data.scope.sha256).toBe(sha256(again.stdout));
    expect(data.scope.verify).toContain(`fibe-audit query --file '${file}' --until ${data.scope.window.end} --actor-type 'genie' --order asc --all -o ndjson`);
    expect(data.timeline.unit).toBe('day');
    expect(data.timeline.kinds.map((k) => k.kind)).toEqual(['genie']);
  });

  it('writes a report of an empty scope, saying so', async () => {
    const out = join(tempDir(), 'empty.html');
    const r = await run(['report', ...WINDOW, '--action', 'no.such.action', '--out', out]);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('no entries match');
    const data = readReportData(out);
    expect(data.scope.entryCount).toBe(0);
    expect(data.scope.sha256).toBe(sha256(''));
    expect(data.topActors.rows).toEqual([]);
    expect(data.timeline.kinds).toEqual([]);
  });

  it('never overwrites without --force (exit 2, file untouched); --force replaces atomically', async () => {
    const dir = tempDir();
    const out = join(dir, 'r.html');
    writeFileSync(out, 'keep me');
    const refused = await run(['report', ...WINDOW, '--out', out]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toBe(`error: --out: '${out}' already exists\nhint: add --force to replace it\n`);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    const forced = await run(['report', ...WINDOW, '--out', out, '--force']);
    expect(forced.exitCode).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/);
    expect(readdirSync(dir)).toEqual(['r.html']);
  });

  it.each([
    [['--actor', 'key:15', '--actor', 'user:77'], '--actor: a report is about one actor (its dossier): give --actor once'],
    [['--since', 'soon'], '--since: cannot read'],
    [['--out', '-'], '--out: a report is a file'],
  ])('%j is a usage error (exit 2), nothing written', async (args, message) => {
    const dir = tempDir();
    const out = join(dir, 'r.html');
    const r = await run(['report', '--out', out, ...args]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`error: ${message}`);
    expect(r.stderr).not.toContain('    at ');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
