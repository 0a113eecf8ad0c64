// Long reads show progress on a terminal (entries scanned, requests used, budget left) on stderr:
// actor, summary, keys and query --all; never on stdout, never off a terminal, never with --quiet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/index.js';
import { FIXED_NOW, runCli, testContext } from '../helpers/run-cli.js';
import { main } from '../../src/cli.js';
import { formatReadProgress } from '../../src/progress/read-progress.js';

let emu: Emulator;
const env = () => ({ FIBE_API_KEY: emu.keys.full, FIBE_DOMAIN: emu.url });
const SPINNER = /scanning [\d,]+ of [\d,]+ entries · \d+ requests · [\d,]+\/5,000 requests left this hour/;

beforeAll(async () => {
  emu = await startEmulator({ entries: 20_000, seed: 1, now: FIXED_NOW });
});
afterAll(async () => {
  await emu.close();
});

describe('progress of long reads', () => {
  it.each([
    [['summary', '--since', '30d']],
    [['actor', 'key:15']],
    [['keys']],
    [['query', '--all', '--since', '3d']],
    [['actor', 'key:15', '-o', 'json']],
  ])('%j on a terminal: a spinner on stderr with counts, requests and budget; stdout untouched', async (argv) => {
    const tty = await runCli(argv, { env: env(), tty: true, columns: 120 });
    const piped = await runCli(argv, { env: env() });
    expect(tty.exitCode).toBe(0);
    expect(tty.stderr).toMatch(SPINNER);
    expect(tty.stdout).not.toMatch(/scanning|⠋|⠙/);
    // Off a terminal: no progress at all.
    expect(piped.stderr).not.toMatch(/scanning/);
    const quiet = await runCli([...argv, '-q'], { env: env(), tty: true, columns: 120 });
    expect(quiet.stderr).toBe('');
  });

  it('a limited query (one request) shows none, and loads no spinner', async () => {
    const r = await runCli(['query', '--since', '3d', '--limit', '20'], { env: env(), tty: true, columns: 120 });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).not.toMatch(/scanning/);
  });

  it('query --all -o ndjson: progress when stdout goes to a file, none when entries stream onto the terminal', async () => {
    const run = async (stdoutIsTTY: boolean) => {
      const { ctx, io } = testContext({ tty: true, env: env() });
      io.stdoutIsTTY = stdoutIsTTY;
      const code = await main(['query', '--all', '--since', '3d', '-o', 'ndjson'], ctx);
      return { code, stdout: io.out(), stderr: io.err() };
    };
    const toFile = await run(false);
    expect(toFile.code).toBe(0);
    expect(toFile.stderr).toMatch(SPINNER);
    expect(toFile.stdout.split('\n')[0]).toMatch(/^\{"id":/);
    const onTerminal = await run(true);
    expect(onTerminal.stderr).not.toMatch(/scanning/);
  });
});

describe.each([60, 80])('on a %i-column terminal', (columns) => {
  it('the progress line fits (it could not be redrawn in place once wrapped): least important parts go first', async () => {
    emu.setRateLimit(10_000_000);
    try {
      // stdout's width says nothing of stderr's, where the line is drawn (`summary > file` at a terminal).
      const r = await runCli(['summary', '--since', '30d'], { env: env(), tty: true, columns: 200, errColumns: columns });
      expect(r.exitCode).toBe(0);
      // Each frame as drawn: the spinner's mark, then the progress text in any of its forms.
      const frame = /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] (?:scanning )?[\d,]+(?: of [\d,]+)? entries(?: · [\d,]+ requests?)?(?: · [\d,]+(?:\/[\d,]+)? (?:requests left this hour|left))?/g;
      const frames = r.stderr.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').match(frame) ?? [];
      expect(frames.some((f) => /scanning [\d,]+ of [\d,]+ entries/.test(f))).toBe(true);
      expect(frames.filter((f) => [...f].length >= columns)).toEqual([]);
    } finally {
      emu.setRateLimit(5000);
      emu.resetRateLimit();
    }
  });
});

describe('formatReadProgress', () => {
  it('drops the budget wording, the budget, the request count, then `scanning` to fit a width', () => {
    const p = { fetched: 85_700, total: 87_711, requests: 857 };
    const rate = { remaining: 9_990_456, limit: 10_000_000 };
    expect(formatReadProgress(p, rate, 200)).toBe('scanning 85,700 of 87,711 entries · 857 requests · 9,990,456/10,000,000 requests left this hour');
    expect(formatReadProgress(p, rate, 77)).toBe('scanning 85,700 of 87,711 entries · 857 requests · 9,990,456 left');
    expect(formatReadProgress(p, rate, 57)).toBe('scanning 85,700 of 87,711 entries · 857 requests');
    expect(formatReadProgress(p, rate, 40)).toBe('scanning 85,700 of 87,711 entries');
    expect(formatReadProgress(p, rate, 30)).toBe('85,700 of 87,711 entries');
    expect(formatReadProgress(p, rate, 10)).toBe('85,700 of…');
  });


  it.each([
    [{ fetched: 100, total: 5_000, requests: 1 }, null, 'scanning 100 of 5,000 entries · 1 request'],
    [{ fetched: 2_300, total: null, requests: 23 }, { remaining: 4_977, limit: 5_000 }, 'scanning 2,300 entries · 23 requests · 4,977/5,000 requests left this hour'],
    [{ fetched: 200, total: 300, requests: 2 }, { remaining: 9 }, 'scanning 200 of 300 entries · 2 requests · 9 requests left this hour'],
  ])('%o %o', (p, rate, text) => {
    expect(formatReadProgress(p, rate)).toBe(text);
  });
});
