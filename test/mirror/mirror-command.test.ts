// mirror status / mirror drop, and what the data directory holds: 0700 directories, 0600 files,
// and not one copy of the key in any byte of any file there.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli, tempDir } from '../helpers/run-cli.js';
import { mirrorIn } from './mirror-db.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ entries: 1_500, seed: 8, now: FIXED_NOW });
});
afterAll(async () => {
  await emu.close();
});

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? [join(dir, d.name), ...walk(join(dir, d.name))] : [join(dir, d.name)]));
}

describe('fibe-audit mirror', () => {
  it('status says what the mirror holds (text and SPEC JSON), with no request', async () => {
    const dataDir = join(tempDir(), 'data');
    const env = { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url, FIBE_AUDIT_DATA_DIR: dataDir };
    const none = await runCli(['mirror', 'status'], { env });
    expect(none).toMatchObject({ exitCode: 2, stderr: "error: no mirror for this key's account\nhint: run 'fibe-audit sync' first (or name a mirror file with --mirror)\n" });
    expect((await runCli(['sync'], { env })).exitCode).toBe(0);
    const before = emu.requests.length;
    const json = await runCli(['mirror', 'status', '-o', 'json'], { env, now: new Date(FIXED_NOW.getTime() + 4_000) });
    expect(json.exitCode, json.stderr).toBe(0);
    const path = mirrorIn(dataDir);
    expect(JSON.parse(json.stdout)).toEqual({
      path, bytes: statSync(path).size, entries: 1_500, covered: { since: null, until: FIXED_NOW.toISOString() },
      last_sync: FIXED_NOW.toISOString(), keys_snapshot_at: FIXED_NOW.toISOString(), domain: emu.url, account: 77,
    });
    const text = await runCli(['mirror', 'status'], { env, now: new Date(FIXED_NOW.getTime() + 3_600_000) });
    expect(text.stdout).toContain('entries:      1,500\n');
    expect(text.stdout).toContain('covered:      the beginning of the log → 2026-11-26 12:00:00 UTC\n');
    expect(text.stdout).toContain('last sync:    2026-11-26 12:00:00 UTC (1h ago)\n');
    expect(emu.requests.length).toBe(before);
    // With --mirror no key is needed at all.
    const offline = await runCli(['--mirror', path, 'mirror', 'status', '-o', 'json'], { env: { FIBE_AUDIT_DATA_DIR: dataDir } });
    expect(JSON.parse(offline.stdout).entries).toBe(1_500);
  });

  it('status after a first sync that stopped part way says what it holds so far; a query completes it, saying so', async () => {
    const small = await startEmulator({ entries: 1_500, seed: 8, now: FIXED_NOW, rateLimitPerHour: 6 });
    try {
      const dataDir = join(tempDir(), 'data');
      const env = { FIBE_API_KEY: small.keys.full, FIBE_DOMAIN: small.url, FIBE_AUDIT_DATA_DIR: dataDir };
      const stopped = await runCli(['--max-wait', '0', 'sync'], { env });
      expect(stopped.exitCode, stopped.stderr).toBe(75);
      const text = await runCli(['mirror', 'status'], { env });
      expect(text.exitCode, text.stderr).toBe(0);
      expect(text.stdout).toContain('no sync has completed yet');
      expect(text.stdout).toMatch(/\nheld: {9}2026-\d\d-\d\d \d\d:\d\d:\d\d UTC → 2026-\d\d-\d\d \d\d:\d\d:\d\d UTC so far \(the first sync stopped part way; 'fibe-audit sync' resumes it\)\n/);
      small.setRateLimit(1_000_000);
      // A question's top-up finishes it too, and says so: it may cost many requests.
      const asked = await runCli(['query', '--limit', '1'], { env });
      expect(asked.exitCode, asked.stderr).toBe(0);
      expect(asked.stderr).toMatch(/^note: the mirror's first sync stopped part way; finishing it before answering \('fibe-audit sync' shows its progress\)\nfinished the mirror's first sync: [\d,]+ new entries, [\d,]+ requests\nfrom the mirror, synced 0 s ago\n/);
      expect((await runCli(['mirror', 'status'], { env })).stdout).not.toContain('held:');
    } finally {
      await small.close();
    }
  });

  it('keeps the data directory private and the key out of every file in it', async () => {
    const dataDir = join(tempDir(), 'data');
    const env = { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url, FIBE_AUDIT_DATA_DIR: dataDir };
    expect((await runCli(['sync'], { env })).exitCode).toBe(0);
    expect((await runCli(['sync'], { env, now: new Date(FIXED_NOW.getTime() + 120_000) })).exitCode).toBe(0);
    const entries = [dataDir, ...walk(dataDir)];
    expect(entries.length).toBeGreaterThanOrEqual(4);
    const key = Buffer.from(emu.keys.full);
    for (const p of entries) {
      const st = statSync(p);
      expect(st.mode & 0o777, p).toBe(st.isDirectory() ? 0o700 : 0o600);
      if (!st.isDirectory()) expect(readFileSync(p).indexOf(key), p).toBe(-1);
    }
  });

  it('drop refuses without --yes off a terminal, deletes with it, and forgets the key record', async () => {
    const dataDir = join(tempDir(), 'data');
    const env = { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url, FIBE_AUDIT_DATA_DIR: dataDir };
    await runCli(['sync'], { env });
    const path = mirrorIn(dataDir);
    const refused = await runCli(['mirror', 'drop'], { env });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/^error: mirror drop: refusing to delete '.*' without confirmation\nhint: add --yes/);
    const asked = await runCli(['mirror', 'drop'], { env, stdinTTY: true, stdin: 'n\n' });
    expect(asked.exitCode).toBe(0);
    expect(statSync(path).isFile()).toBe(true);
    // One Ctrl-C at the question ends it (130), the file kept, the error on a line of its own.
    const interrupt = new AbortController();
    const waiting = runCli(['mirror', 'drop'], { env, stdinTTY: true, signal: interrupt.signal });
    setTimeout(() => interrupt.abort(), 300);
    const stopped = await waiting;
    expect(stopped.exitCode).toBe(130);
    expect(stopped.stderr).toMatch(/^delete the mirror '.*'\? \[y\/N\] \n/);
    expect(statSync(path).isFile()).toBe(true);
    const dropped = await runCli(['mirror', 'drop', '--yes'], { env });
    expect(dropped).toMatchObject({ exitCode: 0, stderr: `deleted the mirror ${path}\n` });
    expect(readdirSync(dataDir).filter((f) => f.endsWith('.duckdb'))).toEqual([]);
    expect(readdirSync(join(dataDir, 'keys'))).toEqual([]);
    expect((await runCli(['mirror', 'status'], { env })).exitCode).toBe(2);
  });
});
