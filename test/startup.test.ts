// Start-up loads little: the built CLI runs under a module hook that records every module it resolves.
// --version loads the start bundle alone, --help no package from node_modules (commander and chalk are
// bundled), and a one-page query the HTTP stack but not the config store. Timings live in npm run bench.
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './emulator/index.js';
import { runCli, tempDir } from './helpers/run-cli.js';
import { versionOnly } from '../src/start.js';
import { helpPageKey } from '../src/help-pages.js';
import { VERSION } from '../src/version.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const MODULE_LOG = fileURLToPath(new URL('./startup/module-log.mjs', import.meta.url));
// The mirror engine (@duckdb/*) is the heaviest of all: only runs that open a mirror may load it.
const HEAVY = ['undici', 'conf', 'ora', 'csv-stringify', 'cli-table3', '@duckdb/node-api', '@duckdb/node-bindings'];
// A private build, so this file never races another test (or a benchmark) rebuilding dist/.
const BUILD = join(ROOT, 'node_modules', '.cache', 'fibe-audit-startup-test', String(process.pid));
const BIN = join(BUILD, 'bin', 'fibe-audit.js');

interface Traced {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Resolved module URLs, build-relative where they are ours, in first-load order. */
  modules: string[];
}

async function traced(args: string[], env: Record<string, string> = {}): Promise<Traced> {
  const scratch = tempDir('fibe-startup-');
  const log = join(scratch, 'modules.log');
  writeFileSync(log, '');
  const child = spawn(process.execPath, ['--import', MODULE_LOG, BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: scratch, XDG_CONFIG_HOME: join(scratch, 'xdg'), FIBE_AUDIT_CONFIG_DIR: join(scratch, 'cfg'), FIBE_MODULE_LOG: log, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const base = pathToFileURL(BUILD).href + '/';
  const modules = [...new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean))].map((url) => url.replace(base, ''));
  rmSync(scratch, { recursive: true, force: true });
  return { code, stdout, stderr, modules };
}

const heavyIn = (modules: string[]) => modules.filter((m) => HEAVY.some((name) => m.includes(`/node_modules/${name}/`)));

beforeAll(async () => {
  rmSync(BUILD, { recursive: true, force: true });
  await promisify(execFile)(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--outdir', join(BUILD, 'dist')]);
  mkdirSync(join(BUILD, 'bin'), { recursive: true });
  copyFileSync(join(ROOT, 'bin', 'fibe-audit.js'), BIN);
  // Under node_modules the package scope would not be ours: mark the copy as ESM itself.
  writeFileSync(join(BUILD, 'package.json'), '{"type":"module"}\n');
}, 60_000);

afterAll(() => {
  rmSync(BUILD, { recursive: true, force: true });
});

describe('versionOnly', () => {
  it.each([
    [['--version'], `${VERSION}\n`],
    [['-V'], `${VERSION}\n`],
    [[], undefined],
    [['--version', '--verbose'], undefined],
    [['query', '--version'], undefined],
    [['--help'], undefined],
    [['--versions'], undefined],
  ])('%j -> %j', (argv, expected) => {
    expect(versionOnly(argv)).toBe(expected);
  });
});

describe('helpPageKey', () => {
  it.each([
    [['--help'], ''],
    [['-h'], ''],
    [['query', '--help'], 'query'],
    [['auth', 'login', '-h'], 'auth login'],
    [['query'], undefined],
    [['--no-color', '--help'], undefined],
    [['query', '--since', '1h', '--help'], undefined],
    [['help', 'query', '--help'], undefined],
    [['a', 'b', 'c', '--help'], undefined],
  ])('%j -> %j', (argv, expected) => {
    expect(helpPageKey(argv)).toBe(expected);
  });
});

describe('the built CLI at start-up', () => {
  it.each([['--version'], ['-V']])('%s prints what commander prints, loading only the start bundle', async (flag) => {
    const viaCommander = await runCli([flag]);
    const r = await traced([flag]);
    expect(r).toMatchObject({ code: 0, stdout: viaCommander.stdout, stderr: '' });
    expect(r.stdout).toBe(`${VERSION}\n`);
    expect(r.modules.sort()).toEqual(['bin/fibe-audit.js', 'dist/cli.js', 'node:fs', 'node:module', 'node:tty']);
  });

  it.each([[['--help']], [['query', '--help']], [['q', '-h']], [['auth', 'login', '--help']], [['export', '--help']]])(
    '%j prints the pre-rendered page, byte for byte what commander prints, loading only the start bundle',
    async (argv) => {
      const r = await traced(argv);
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(r.stdout).toBe((await runCli(argv)).stdout);
      expect(r.stdout).toContain('Examples:');
      expect(r.modules.sort()).toEqual(['bin/fibe-audit.js', 'dist/cli.js', 'node:fs', 'node:module', 'node:tty']);
    },
  );

  it('every pre-rendered page equals the live help of its command', async () => {
    const pages = JSON.parse(readFileSync(join(BUILD, 'dist', 'help.json'), 'utf8')) as Record<string, string>;
    expect(Object.keys(pages)).toEqual(expect.arrayContaining(['', 'query', 'q', 'actor', 'keys', 'summary', 'export', 'report', 'auth login', 'completion']));
    for (const [key, page] of Object.entries(pages)) {
      expect((await runCli([...key.split(' ').filter(Boolean), '--help'])).stdout, key).toBe(page);
    }
  });

  it('help with any other flag goes the long way and prints the same text, with no package from node_modules', async () => {
    const r = await traced(['--no-color', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe((await runCli(['--help'])).stdout);
    expect(r.modules).toContain('dist/main.js');
    expect(heavyIn(r.modules)).toEqual([]);
    // Ours or built in: commander and chalk are in the bundle, everything else is loaded later.
    expect(r.modules.filter((m) => !m.startsWith('node:') && !m.startsWith('dist/') && m !== 'bin/fibe-audit.js')).toEqual([]);
    // The commands' work stays out of start-up.
    expect(r.modules.filter((m) => /-run-[A-Z0-9]+\.js$/.test(m))).toEqual([]);
  });

  it("the report page (its script, style and uPlot) is in the report runner's chunk alone", () => {
    const dist = join(BUILD, 'dist');
    const files = ['cli.js', 'main.js', ...readdirSync(join(dist, 'chunks')).map((f) => `chunks/${f}`)];
    // A class name of uPlot's and a selector of the page's own stylesheet.
    const holders = files.filter((f) => {
      const text = readFileSync(join(dist, f), 'utf8');
      return text.includes('u-legend') || text.includes('risk-row-destructive');
    });
    expect(holders).toHaveLength(1);
    expect(holders[0]).toMatch(/^chunks\/report-run-[A-Z0-9]+\.js$/);
  });

  it('a bad flag fails as before without loading any command or package', async () => {
    const r = await traced(['query', '--limit', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: option '--limit <n>' argument 'x' is invalid/);
    expect(r.modules.filter((m) => m.includes('/node_modules/') || /-run-/.test(m))).toEqual([]);
  });

  describe('a one-page query with FIBE_API_KEY', () => {
    let emulator: Emulator;
    beforeAll(async () => {
      emulator = await startEmulator({ entries: 500, seed: 3 });
    });
    afterAll(async () => {
      await emulator?.close();
    });

    it('makes one request, loads undici but not the config store or the table/CSV/spinner packages', async () => {
      const before = emulator.requests.length;
      const r = await traced(['query', '--limit', '5', '-o', 'ndjson'], { FIBE_API_KEY: emulator.keys.full, FIBE_DOMAIN: emulator.url });
      expect(r.code).toBe(0);
      expect(r.stdout.trim().split('\n')).toHaveLength(5);
      expect(emulator.requests.slice(before).map((q) => `${q.method} ${q.path}`)).toEqual(['GET /api/audit_logs']);
      expect(heavyIn(r.modules).map((m) => m.replace(/.*\/node_modules\/([^/]+)\/.*/, '$1'))).toEqual(['undici']);
    });
  });
});
