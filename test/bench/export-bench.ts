// Export throughput and memory: the built CLI exports 200k and 1M entries from an emulator in its own
// process, as NDJSON and CSV; then the share of an hourly rate budget one 200k export spends.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { runBuiltCli, readSummary, type CliRun } from './cli-process.js';
import { startEmulatorProcess } from './emulator-process.js';
import { fmtInt, fmtMiB, fmtPct, fmtSec, median, type BenchConfig, type BenchSection, type BenchSuite, type Goal } from './suite.js';

const FORMATS = ['ndjson', 'csv'] as const;
type Format = (typeof FORMATS)[number];
const GOAL_RATE: Record<Format, number> = { ndjson: 40_000, csv: 30_000 };
/** Far above what any run here sends: throughput runs must never meet the rate limit. */
const UNLIMITED = 100_000_000;
const BUDGET = 5_000;

export interface ExportCase {
  size: number;
  format: Format;
  runs: Array<{ wallMs: number; maxRssBytes: number; entries: number; requests: number }>;
  medianWallMs: number;
  entriesPerSec: number;
  medianRssBytes: number;
  requests: number;
}

function sizesFromEnv(): number[] {
  const text = process.env.BENCH_SIZES ?? '200000,1000000';
  return text.split(',').map((s) => Number(s.trim())).filter((n) => Number.isSafeInteger(n) && n > 0);
}

function checkRun(run: CliRun, what: string, expected: number): { entries: number; requests: number } {
  const summary = readSummary(run.stderr);
  if (run.exitCode !== 0 || !summary) {
    throw new Error(`${what}: exit ${run.exitCode}: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  }
  if (summary.entries !== expected) throw new Error(`${what}: exported ${summary.entries} entries, expected ${expected}`);
  return summary;
}

async function measureSize(size: number, config: BenchConfig): Promise<ExportCase[]> {
  config.log(`starting an emulator with ${fmtInt(size)} entries`);
  const emulator = await startEmulatorProcess({ entries: size, rateLimit: UNLIMITED });
  const env = { FIBE_API_KEY: emulator.keys.full as string, FIBE_DOMAIN: emulator.url };
  const cases: ExportCase[] = [];
  try {
    for (const format of FORMATS) {
      const runs: ExportCase['runs'] = [];
      for (let i = 0; i < config.runs; i++) {
        const out = join(config.outDir, `bench-${size}.${format}`);
        const run = await runBuiltCli(['export', '--out', out, '--force'], env, config.outDir);
        rmSync(out, { force: true });
        const summary = checkRun(run, `${format} ${size} run ${i + 1}`, size);
        runs.push({ wallMs: run.wallMs, maxRssBytes: run.maxRssBytes, ...summary });
        config.log(`  ${format} ${fmtInt(size)} run ${i + 1}: ${fmtSec(run.wallMs)}, ${fmtMiB(run.maxRssBytes)}`);
      }
      const medianWallMs = median(runs.map((r) => r.wallMs));
      cases.push({
        size,
        format,
        runs,
        medianWallMs,
        entriesPerSec: (size * 1000) / medianWallMs,
        medianRssBytes: median(runs.map((r) => r.maxRssBytes)),
        requests: runs[0]?.requests ?? 0,
      });
    }
  } finally {
    await emulator.stop();
  }
  return cases;
}

/** One 200k export against a normal hourly budget; the emulator's own header says what it spent. */
async function measureBudget(size: number, config: BenchConfig) {
  config.log(`budget run: ${fmtInt(size)} entries, ${fmtInt(BUDGET)} requests/hour`);
  const emulator = await startEmulatorProcess({ entries: size, rateLimit: BUDGET });
  try {
    const env = { FIBE_API_KEY: emulator.keys.full as string, FIBE_DOMAIN: emulator.url };
    const out = join(config.outDir, `bench-budget.ndjson`);
    const run = await runBuiltCli(['export', '--out', out, '--force'], env, config.outDir);
    rmSync(out, { force: true });
    const summary = checkRun(run, 'budget run', size);
    const me = await fetch(`${emulator.url}/api/me`, { headers: { authorization: `Bearer ${emulator.keys.full}` } });
    const remaining = Number(me.headers.get('x-ratelimit-remaining'));
    const limit = Number(me.headers.get('x-ratelimit-limit')) || BUDGET;
    // The /api/me probe itself is one request of the budget.
    const spent = Number.isFinite(remaining) ? limit - remaining - 1 : summary.requests;
    return { size, limit, cliRequests: summary.requests, spent, share: spent / limit, wallMs: run.wallMs };
  } finally {
    await emulator.stop();
  }
}

export const exportSuite: BenchSuite = {
  name: 'export',
  async run(config: BenchConfig): Promise<BenchSection[]> {
    const sizes = sizesFromEnv();
    const cases: ExportCase[] = [];
    for (const size of sizes) cases.push(...(await measureSize(size, config)));
    const goals: Goal[] = [];
    for (const c of cases) {
      const goal = GOAL_RATE[c.format];
      goals.push({ name: `${c.format} ${fmtInt(c.size)} >= ${fmtInt(goal)} entries/s`, met: c.entriesPerSec >= goal, detail: `${fmtInt(c.entriesPerSec)}/s` });
    }
    const small = Math.min(...sizes);
    const large = Math.max(...sizes);
    const ratios: Record<string, number> = {};
    if (small !== large) {
      for (const format of FORMATS) {
        const a = cases.find((c) => c.size === small && c.format === format);
        const b = cases.find((c) => c.size === large && c.format === format);
        if (!a || !b) continue;
        const ratio = b.medianRssBytes / a.medianRssBytes;
        ratios[format] = ratio;
        goals.push({ name: `${format} RSS(${fmtInt(large)}) within 15% of RSS(${fmtInt(small)})`, met: ratio <= 1.15, detail: `ratio ${ratio.toFixed(3)}` });
      }
    }
    const budget = await measureBudget(small, config);
    const throughput: BenchSection = {
      title: `export throughput (built CLI, emulator in its own process, median of ${config.runs})`,
      headers: ['entries', 'format', 'median wall', 'entries/s', 'peak RSS', 'requests'],
      rows: cases.map((c) => [fmtInt(c.size), c.format, fmtSec(c.medianWallMs), fmtInt(c.entriesPerSec), fmtMiB(c.medianRssBytes), fmtInt(c.requests)]),
      goals,
      notes: Object.entries(ratios).map(([f, r]) => `${f}: RSS(${fmtInt(large)}) / RSS(${fmtInt(small)}) = ${r.toFixed(3)}`),
      data: { cases, ratios },
    };
    const budgetSection: BenchSection = {
      title: 'rate budget',
      headers: ['entries', 'hourly budget', 'requests (CLI)', 'spent (emulator)', 'share', 'wall'],
      rows: [[fmtInt(budget.size), fmtInt(budget.limit), fmtInt(budget.cliRequests), fmtInt(budget.spent), fmtPct(budget.share), fmtSec(budget.wallMs)]],
      goals: [],
      notes: [`one ${fmtInt(budget.size)}-entry export spends ${fmtPct(budget.share)} of a ${fmtInt(budget.limit)}/hour budget`],
      data: budget,
    };
    return [throughput, budgetSection];
  },
};
