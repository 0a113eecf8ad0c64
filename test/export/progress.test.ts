import { describe, expect, it } from 'vitest';
import { formatProgress, formatSummary, startProgress } from '../../src/export/progress.js';
import { testContext } from '../helpers/run-cli.js';

describe('formatSummary', () => {
  it.each([
    [{ count: 12_345, target: 'audit-2026-11-26.csv', elapsedMs: 3_200, requests: 130 }, 'exported 12,345 entries to audit-2026-11-26.csv in 3.2 s (3,858/s), 130 requests'],
    [{ count: 1, target: 'stdout', elapsedMs: 0, requests: 1 }, 'exported 1 entry to stdout in 0.0 s, 1 request'],
    [{ count: 0, target: 'a.json', elapsedMs: 250, requests: 2 }, 'exported 0 entries to a.json in 0.3 s (0/s), 2 requests'],
    [{ count: 1_000_000, target: 'big.ndjson', elapsedMs: 20_000, requests: 10_004 }, 'exported 1,000,000 entries to big.ndjson in 20.0 s (50,000/s), 10,004 requests'],
  ])('%o', (input, expected) => {
    expect(formatSummary(input)).toBe(expected);
  });
});

describe('formatProgress', () => {
  it.each([
    [{ fetched: 0, total: null, requests: 0 }, 0, '0 entries'],
    [{ fetched: 500, total: 2_000, requests: 5 }, 0, '500 of 2,000 entries'],
    [{ fetched: 500, total: 2_000, requests: 5 }, 1_000, '500 of 2,000 entries (500/s, ETA 3.0 s)'],
    [{ fetched: 2_000, total: 2_000, requests: 20 }, 4_000, '2,000 of 2,000 entries (500/s)'],
    [{ fetched: 300, total: null, requests: 3 }, 2_000, '300 entries (150/s)'],
  ])('%o after %i ms', (p, elapsed, expected) => {
    expect(formatProgress(p, elapsed)).toBe(expected);
  });
});

describe('startProgress on a terminal', () => {
  it('draws the first count at once, not only on the spinner timer (a fast or failing export still shows it)', async () => {
    const { ctx, io } = testContext({ tty: true });
    const progress = await startProgress(ctx, { quiet: false, target: 'a.ndjson' });
    progress.update({ fetched: 100, total: 2_000, requests: 2 });
    progress.stop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(io.err()).toMatch(/exporting to a\.ndjson: 100 of 2,000 entries/);
  });

  it('cuts its line to stderr\'s width (a wrapped line cannot be redrawn in place)', async () => {
    const { ctx, io } = testContext({ tty: true, columns: 40 });
    const progress = await startProgress(ctx, { quiet: false, target: '/var/backups/fibe/audit-2026-12-04.ndjson' });
    progress.update({ fetched: 100_000, total: 2_000_000, requests: 1_000 });
    progress.stop();
    await new Promise((resolve) => setImmediate(resolve));
    // Each frame as drawn: the spinner's mark, then the text (the escapes between frames removed).
    const drawn = io.err().replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').match(/[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] [^⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏\n]*/g) ?? [];
    expect(drawn.length).toBeGreaterThan(0);
    for (const line of drawn) expect([...line].length, line).toBeLessThan(40);
  });
});
