// The HTML report at 100,000 entries: the built CLI writes it from an emulator in its own process,
// then Debian's Chromium opens it from file:// (a fresh page per run) until its chart and table show.
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runBuiltCli } from './cli-process.js';
import { startEmulatorProcess } from './emulator-process.js';
import { fmtInt, fmtMiB, fmtSec, median, type BenchConfig, type BenchSection, type BenchSuite } from './suite.js';
import { hasChromium, launchChromium, NO_CHROMIUM_MESSAGE, openReport } from '../report/chromium.js';

const SIZE = Number(process.env.BENCH_REPORT_SIZE ?? 100_000);
const GOAL_BYTES = 20 * 1024 * 1024;
const GOAL_SHOWN_MS = 3_000;

async function writeReportFile(config: BenchConfig): Promise<{ path: string; bytes: number; wallMs: number[]; rss: number[] }> {
  config.log(`starting an emulator with ${fmtInt(SIZE)} entries`);
  const emulator = await startEmulatorProcess({ entries: SIZE, rateLimit: 100_000_000 });
  const env = { FIBE_API_KEY: emulator.keys.full as string, FIBE_DOMAIN: emulator.url };
  const path = join(config.outDir, `report-${SIZE}.html`);
  const wallMs: number[] = [];
  const rss: number[] = [];
  try {
    for (let i = 0; i < config.runs; i++) {
      // The emulator's entries span 90 days: a year's window holds every one of them.
      const run = await runBuiltCli(['report', '--since', '365d', '--out', path, '--force'], env, config.outDir);
      const wrote = /wrote .*?: ([\d,]+) entries/.exec(run.stderr);
      if (run.exitCode !== 0 || Number(wrote?.[1]?.replace(/,/g, '')) !== SIZE) {
        throw new Error(`report run ${i + 1}: exit ${run.exitCode}: ${run.stderr.trim().split('\n').slice(-2).join(' | ')}`);
      }
      wallMs.push(run.wallMs);
      rss.push(run.maxRssBytes);
      config.log(`  report ${fmtInt(SIZE)} run ${i + 1}: ${fmtSec(run.wallMs)}, ${fmtMiB(run.maxRssBytes)}`);
    }
  } finally {
    await emulator.stop();
  }
  return { path, bytes: statSync(path).size, wallMs, rss };
}

async function measureShown(path: string, config: BenchConfig): Promise<{ shownMs: number[]; requests: number; errors: string[] }> {
  const browser = await launchChromium();
  const shownMs: number[] = [];
  let requests = 0;
  const errors: string[] = [];
  try {
    for (let i = 0; i < config.runs; i++) {
      const started = performance.now();
      const opened = await openReport(browser, path);
      shownMs.push(performance.now() - started);
      requests += opened.requests.length;
      errors.push(...opened.errors);
      const rows = await opened.page.locator('#entry-rows tr.entry').count();
      const drawn = await opened.page.locator('#timeline-chart').getAttribute('data-drawn');
      if (rows === 0 || drawn !== 'chart') throw new Error(`report page run ${i + 1}: ${rows} rows shown, chart ${drawn}`);
      await opened.page.close();
      config.log(`  open in Chromium run ${i + 1}: ${fmtSec(shownMs[i] as number)}`);
    }
  } finally {
    await browser.close();
  }
  return { shownMs, requests, errors };
}

export const reportSuite: BenchSuite = {
  name: 'report',
  async run(config: BenchConfig): Promise<BenchSection[]> {
    if (!hasChromium) throw new Error(NO_CHROMIUM_MESSAGE);
    const file = await writeReportFile(config);
    try {
      const page = await measureShown(file.path, config);
      const shown = median(page.shownMs);
      return [
        {
          title: `HTML report of ${fmtInt(SIZE)} entries (built CLI; Chromium ${'from file://'}, median of ${config.runs})`,
          headers: ['entries', 'file size', 'write (CLI)', 'CLI peak RSS', 'shown in Chromium', 'requests', 'console errors'],
          rows: [[fmtInt(SIZE), fmtMiB(file.bytes), fmtSec(median(file.wallMs)), fmtMiB(median(file.rss)), fmtSec(shown), fmtInt(page.requests), fmtInt(page.errors.length)]],
          goals: [
            { name: `report of ${fmtInt(SIZE)} entries <= 20 MiB`, met: file.bytes <= GOAL_BYTES, detail: fmtMiB(file.bytes) },
            { name: 'table and chart shown within 3 s (median)', met: shown <= GOAL_SHOWN_MS, detail: fmtSec(shown) },
            { name: 'no request and no console error', met: page.requests === 0 && page.errors.length === 0, detail: `${page.requests} requests, ${page.errors.length} errors` },
          ],
          notes: ['shown = from navigation start to body[data-ready]: the chart drawn and the first rows of the table painted'],
          data: { size: SIZE, bytes: file.bytes, writeMs: file.wallMs, rssBytes: file.rss, shownMs: page.shownMs, requests: page.requests, errors: page.errors },
        },
      ];
    } finally {
      rmSync(file.path, { force: true });
    }
  },
};
