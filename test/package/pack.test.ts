// The package as users get it: `npm pack`, a global install into a temp prefix (production dependencies
// only, from the npm cache where it can), then the installed bin runs --version and a real query.
// Slow (about a minute): runs under `npm run test:slow` (test/package/vitest.config.ts), skipped otherwise.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { tempDir } from '../helpers/run-cli.js';

const run = promisify(execFile);
const project = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { name: string; version: string };
const SLOW = Boolean(process.env.FIBE_AUDIT_SLOW_TESTS);

// What `files` in package.json promises, and nothing else (npm adds package.json itself).
const SHIPPED = /^(bin\/|dist\/|completions\/|README\.md$|LICENSE$|package\.json$)/;

interface PackResult {
  filename: string;
  files: Array<{ path: string }>;
}

describe.skipIf(!SLOW)(`the packed tarball${SLOW ? '' : ' (skipped: slow, run it with npm run test:slow)'}`, () => {
  // Made in beforeAll: a skipped suite (the main run) leaves nothing behind.
  let tmp = '';
  let prefix = '';
  let home = '';
  let packed: PackResult;
  let emulator: Emulator;
  // Without npm's own variables a nested npm takes only the flags given here.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

  beforeAll(async () => {
    tmp = tempDir('fibe-audit-pack-');
    prefix = join(tmp, 'prefix');
    home = join(tmp, 'home');
    const copy = join(tmp, 'project');
    // Pack a copy, so `prepare` (the build) never rewrites this checkout's dist/ under other tests.
    for (const entry of ['package.json', 'package-lock.json', 'README.md', 'LICENSE', 'bin', 'src', 'scripts', 'completions']) {
      cpSync(join(project, entry), join(copy, entry), { recursive: true });
    }
    symlinkSync(join(project, 'node_modules'), join(copy, 'node_modules'), 'dir');
    mkdirSync(home, { recursive: true });
    const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: copy, env, maxBuffer: 16 << 20 });
    packed = (JSON.parse(stdout) as PackResult[])[0] as PackResult;
    await run(
      'npm',
      ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', join(tmp, packed.filename)],
      { cwd: tmp, env: { ...env, HOME: home, npm_config_cache: join(process.env.HOME ?? home, '.npm') }, maxBuffer: 16 << 20 },
    );
    emulator = await startEmulator({ entries: 2000, seed: 7 });
  });

  afterAll(async () => {
    await emulator?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** The installed command, run from a directory where no dev dependency can be found. */
  const fibeAudit = (args: string[], extra: Record<string, string> = {}) =>
    run(join(prefix, 'bin', 'fibe-audit'), args, {
      cwd: home,
      env: { PATH: process.env.PATH ?? '', HOME: home, FIBE_AUDIT_CONFIG_DIR: join(home, 'config'), XDG_CONFIG_HOME: join(home, 'xdg'), ...extra },
    });

  it('ships only bin/, dist/, completions/, README.md, LICENSE and package.json', () => {
    const paths = packed.files.map((f) => f.path).sort();
    expect(paths.filter((p) => !SHIPPED.test(p))).toEqual([]);
    expect(paths).toEqual(expect.arrayContaining([
      'LICENSE', 'README.md', 'package.json', 'bin/fibe-audit.js', 'dist/cli.js',
      'completions/fibe-audit.bash', 'completions/_fibe-audit', 'completions/fibe-audit.fish',
    ]));
  });

  it('installs without dev dependencies', () => {
    const installed = join(prefix, 'lib', 'node_modules', pkg.name);
    expect(existsSync(join(installed, 'node_modules', 'commander'))).toBe(true);
    for (const dev of ['vitest', 'typescript', 'esbuild', 'tsx', 'csv-parse', 'fast-check']) {
      expect(existsSync(join(installed, 'node_modules', dev)), dev).toBe(false);
    }
  });

  it('prints its version', async () => {
    const { stdout } = await fibeAudit(['--version']);
    expect(stdout.trim()).toBe(pkg.version);
  });

  it('queries the emulator with a key from the environment', async () => {
    const { stdout, stderr } = await fibeAudit(['query', '--since', '90d', '--limit', '5', '-o', 'ndjson'], {
      FIBE_API_KEY: emulator.keys.full,
      FIBE_DOMAIN: emulator.url,
    });
    const entries = stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: number; actor: { kind: string } });
    expect(entries).toHaveLength(5);
    expect(entries.every((e) => Number.isInteger(e.id) && typeof e.actor.kind === 'string')).toBe(true);
    expect(stderr).not.toContain(emulator.keys.full);
  });

  it('prints the same completion script as the one it ships', async () => {
    const { stdout } = await fibeAudit(['completion', 'bash']);
    expect(stdout).toBe(readFileSync(join(prefix, 'lib', 'node_modules', pkg.name, 'completions', 'fibe-audit.bash'), 'utf8'));
  });
});
