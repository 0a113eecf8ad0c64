// The standalone emulator (`npm run emulator`): --json first line, serving, clean exit on signals.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

function launch(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', 'test/emulator/main.ts', ...args], { cwd: root, stdio: 'pipe' });
}

function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.on('exit', (code) => reject(new Error(`exited ${code} before printing a line`)));
  });
}

function exited(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
}

describe('npm run emulator', () => {
  it.each<NodeJS.Signals>(['SIGTERM', 'SIGINT'])('--json prints {url, keys} first, serves, and exits 0 on %s', async (signal) => {
    const child = launch(['--json', '--entries', '300', '--seed', '3', '--port', '0', '--rate-limit', '50']);
    const done = exited(child);
    const info = JSON.parse(await firstLine(child)) as { url: string; keys: Record<string, string> };
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Object.keys(info.keys)).toEqual(expect.arrayContaining(['full', 'no_audit', 'no_keys', 'expired']));
    const me = await fetch(`${info.url}/api/me`, { headers: { Authorization: `Bearer ${info.keys.full}` } });
    expect(me.status).toBe(200);
    expect(me.headers.get('x-ratelimit-limit')).toBe('50');
    const logs = await fetch(`${info.url}/api/audit_logs?per_page=1`, { headers: { Authorization: `Bearer ${info.keys.full}` } });
    expect(((await logs.json()) as { meta: { total: number } }).meta.total).toBe(300);
    child.kill(signal);
    expect(await done).toEqual({ code: 0, signal: null });
  }, 30_000);

  it('prints the URL and keys for people without --json', async () => {
    const child = launch(['--entries', '20']);
    const done = exited(child);
    expect(await firstLine(child)).toMatch(/^Fibe API emulator at http:\/\/127\.0\.0\.1:\d+ with 20 entries$/);
    child.kill('SIGTERM');
    expect((await done).code).toBe(0);
  }, 30_000);

  it('--live keeps adding entries stamped now on the real clock', async () => {
    const child = launch(['--json', '--entries', '5', '--live', '1200']);
    const done = exited(child);
    const info = JSON.parse(await firstLine(child)) as { url: string; keys: Record<string, string> };
    const total = async () => {
      const res = await fetch(`${info.url}/api/audit_logs?per_page=1`, { headers: { Authorization: `Bearer ${info.keys.full}` } });
      return ((await res.json()) as { meta: { total: number }; data: Array<{ created_at: string }> });
    };
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const page = await total();
    expect(page.meta.total).toBeGreaterThan(5);
    expect(Math.abs(Date.now() - Date.parse(page.data[0]?.created_at ?? ''))).toBeLessThan(65_000);
    child.kill('SIGTERM');
    expect((await done).code).toBe(0);
  }, 30_000);

  it('rejects a bad flag value with exit 2 and usage on stderr', async () => {
    const child = launch(['--entries', 'lots']);
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    expect((await exited(child)).code).toBe(2);
    expect(err).toContain('--entries must be an integer');
    expect(err).toContain('usage: npm run emulator');
  }, 30_000);
});

/** `npm run emulator` as people start it: npm -> sh -> node, all in one new process group. */
function launchViaNpm(args: string[]): ChildProcessWithoutNullStreams {
  return spawn('npm', ['run', '--silent', 'emulator', '--', ...args], { cwd: root, stdio: 'pipe', detached: true });
}

/** Resolves once nothing accepts connections at url (or rejects after `ms`, the server still up). */
async function refusedWithin(url: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      await fetch(`${url}/api/me`, { signal: AbortSignal.timeout(1_000) });
    } catch {
      return;
    }
    if (Date.now() > deadline) throw new Error(`${url} still serving ${ms} ms after its npm process was signalled`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('npm run emulator, signalled through npm', () => {
  it.each<NodeJS.Signals>(['SIGTERM', 'SIGINT', 'SIGKILL'])('%s to the npm process ends the server too (no orphan left serving)', async (signal) => {
    const npm = launchViaNpm(['--json', '--entries', '50', '--port', '0']);
    const group = npm.pid as number;
    try {
      const info = JSON.parse(await firstLine(npm)) as { url: string };
      expect((await fetch(`${info.url}/api/me`)).status).toBe(401);
      process.kill(group, signal);
      await refusedWithin(info.url, 10_000);
    } finally {
      // Whatever is left of the group this test started (nothing, when the fix works).
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }, 40_000);
});
