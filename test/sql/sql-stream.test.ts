// fibe-audit sql streams: rows go out chunk by chunk with backpressure, a reader that leaves early
// (`| head`) ends the run at once with exit 0, Ctrl-C with 130, and nothing waits for the whole result.
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { InterruptedError } from '../../src/errors.js';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli, tempDir, testContext } from '../helpers/run-cli.js';

let emu: Emulator;
let env: Record<string, string>;

beforeAll(async () => {
  emu = await startEmulator({ entries: 40, seed: 5, now: FIXED_NOW });
  env = { FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url, FIBE_AUDIT_DATA_DIR: join(tempDir(), 'data') };
  const sync = await runCli(['sync'], { env });
  expect(sync.exitCode, sync.stderr).toBe(0);
});
afterAll(async () => {
  await emu.close();
});

const RANGE = 'select range as n, repeat(\'x\', 20) as pad from range(300000)';

/** A stdout that takes `keep` bytes slowly (so backpressure is felt), then closes like `head` does. */
function closingStdout(keep: number, onFirst?: () => void) {
  const seen = { writes: 0, bytes: 0 };
  const stdout = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _enc, callback) {
      seen.writes += 1;
      seen.bytes += chunk.length;
      if (seen.writes === 1) onFirst?.();
      if (seen.bytes >= keep) {
        callback();
        stdout.destroy();
        return;
      }
      setImmediate(callback);
    },
  });
  return { stdout, seen };
}

async function runInto(argv: string[], stdout: Writable, signal?: AbortSignal) {
  const { ctx, io } = testContext({ env, ...(signal ? { signal } : {}) });
  ctx.io.stdout = stdout;
  const exitCode = await main(argv, ctx);
  return { exitCode, stderr: io.err() };
}

describe('fibe-audit sql streaming', () => {
  it('writes every row of a long CSV result, counted, with the header once', async () => {
    const r = await runCli(['sql', '-o', 'csv', 'select * from range(300000)'], { env });
    expect(r.exitCode, r.stderr).toBe(0);
    const lines = r.stdout.split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(300_001);
    expect(lines[0]).toBe('range');
    expect(lines[300_000]).toBe('299999');
    expect(r.stderr).toBe('300,000 rows\n');
  });

  it.each(['csv', 'ndjson', 'json', 'table'])('%s: a reader that leaves after the first rows ends the run at once, exit 0, nothing on stderr', async (format) => {
    const { stdout, seen } = closingStdout(40_000);
    const r = await runInto(['sql', '-o', format, RANGE], stdout);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    // The whole result is some 10 MB; a streamed run hands over a few chunks before it sees the close.
    expect(seen.bytes).toBeLessThan(1_000_000);
    expect(seen.writes).toBeGreaterThan(0);
  });

  it('the table is one table in chunks: the header once, columns aligned from the first chunk on', async () => {
    const r = await runCli(['sql', "select range as n, 'x' || range as label from range(2500)"], { env });
    expect(r.exitCode, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2501);
    // The first 1,000 rows set the widths (n fits 3 digits); a later chunk widens n for 4 digits.
    expect(lines[0]).toBe('  n  label');
    expect(lines.filter((l) => /label/.test(l))).toHaveLength(1);
    expect(lines[1]).toBe('  0  x0');
    expect(lines[1000]).toBe('999  x999');
    expect(lines[1001]).toBe('1000  x1000');
    expect(lines.slice(1).map((l) => Number(/^ *(\d+)  x\1$/.exec(l)?.[1]))).toEqual(Array.from({ length: 2500 }, (_, i) => i));
  });

  it('a result with no rows still shows its header, in the table as in CSV', async () => {
    const table = await runCli(['sql', "select 'a' as kind, 1 as n from entries where 1 = 0"], { env });
    expect(table.exitCode, table.stderr).toBe(0);
    expect(table.stdout).toBe('kind  n\n');
    expect(table.stderr).toBe('0 rows\n');
    expect((await runCli(['sql', '-o', 'csv', "select 'a' as kind from entries where 1 = 0"], { env })).stdout).toBe('kind\r\n');
  });

  it('Ctrl-C while rows stream out ends with 130 and one error line', async () => {
    const controller = new AbortController();
    const { stdout, seen } = closingStdout(Number.POSITIVE_INFINITY, () => controller.abort(new InterruptedError()));
    const r = await runInto(['sql', '-o', 'ndjson', RANGE], stdout, controller.signal);
    expect(r.exitCode).toBe(130);
    expect(r.stderr).toBe('error: interrupted\n');
    expect(seen.bytes).toBeLessThan(1_000_000);
  });
});
