// The one exit point: typed errors map to SPEC.md's exit codes, colour precedence, a closed pipe
// ends quietly with 0, and Ctrl-C (an aborted context) ends with 130.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, AuthError, InputError, InterruptedError, TempError, UsageError, exitCodeFor, reportError } from '../src/errors.js';
import { decideColor, testIO } from '../src/io.js';
import { startEmulator, type Emulator } from './emulator/index.js';
import { runCli } from './helpers/run-cli.js';

describe('exitCodeFor', () => {
  it.each([
    [new UsageError('x'), 2],
    [new InputError('x'), 2],
    [new AuthError('x'), 4],
    [new ApiError('x', { status: 400 }), 1],
    [new TempError('x', { status: 503 }), 75],
    [new InterruptedError(), 130],
    [Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }), 0],
    [Object.assign(new Error('aborted'), { name: 'AbortError' }), 130],
    [new Error('boom'), 1],
    ['a string', 1],
  ])('%s -> %i', (err, code) => {
    expect(exitCodeFor(err)).toBe(code);
  });
});

describe('error lines', () => {
  it("a library's page-long message is cut to its first line; ours and --verbose keep everything", () => {
    const engine = new Error('IO Error: Could not write file "/tmp/x.parquet": No space left on device\n\nPossible solutions:\n* free some space');
    const quiet = testIO();
    reportError(engine, quiet, false);
    expect(quiet.err()).toBe('error: IO Error: Could not write file "/tmp/x.parquet": No space left on device\n');
    const verbose = testIO();
    reportError(engine, verbose, true);
    expect(verbose.err()).toContain('Possible solutions:');
    const ours = testIO();
    reportError(new UsageError('first\nsecond'), ours, false);
    expect(ours.err()).toBe('error: first\\x0asecond\n');
  });
});

describe('colour precedence: --no-color > FORCE_COLOR > NO_COLOR > terminal', () => {
  it.each([
    [true, {}, true, false],
    [true, { FORCE_COLOR: '1' }, true, false],
    [false, { FORCE_COLOR: '1' }, false, true],
    [false, { FORCE_COLOR: '1', NO_COLOR: '1' }, false, true],
    [false, { FORCE_COLOR: '0' }, true, true],
    [false, { FORCE_COLOR: '0', NO_COLOR: '1' }, true, false],
    [false, { FORCE_COLOR: '' }, false, false],
    [false, { NO_COLOR: '1' }, true, false],
    [false, { NO_COLOR: '' }, true, true],
    [false, {}, true, true],
    [false, {}, false, false],
  ])('flag %s env %j tty %s -> %s', (flag, env, tty, want) => {
    expect(decideColor(flag, env, tty)).toBe(want);
  });
});

describe('interrupts and closed pipes', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ entries: 30_000, seed: 2 });
  });
  afterAll(async () => {
    await emu.close();
  });

  it('an aborted context (Ctrl-C) ends a query with 130 and one error line', async () => {
    const controller = new AbortController();
    controller.abort(new InterruptedError());
    const r = await runCli(['query', '--all'], { env: { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url }, signal: controller.signal });
    expect(r.exitCode).toBe(130);
    expect(r.stderr).toBe('error: interrupted\n');
  });

  it('the built CLI piped into a reader that leaves early (| head) exits 0 with nothing on stderr', async () => {
    const bin = fileURLToPath(new URL('../bin/fibe-audit.js', import.meta.url));
    const child = spawn(process.execPath, [bin, 'query', '--since', '90d', '--all', '-o', 'ndjson'], {
      env: { PATH: process.env.PATH ?? '', FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url, FIBE_AUDIT_CONFIG_DIR: '/nonexistent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
