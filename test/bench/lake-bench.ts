// Parquet and the lake (npm run bench -- lake): 1,000,000 entries exported as Parquet from the API
// (against NDJSON's rate on the same emulator) and from the mirror (no requests), the lake's bytes
// per entry, and a `sql` group-by over the whole mirror.
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runBuiltCli, type CliRun } from './cli-process.js';
import { startEmulatorProcess } from './emulator-process.js';
import { fmtInt, fmtSec, median, type BenchConfig, type BenchSection, type BenchSuite, type Goal } from './suite.js';

const ENTRIES = Number(process.env.BENCH_LAKE_ENTRIES ?? 1_000_000);
/** The network-bound comparison: a smaller log behind an emulator that answers after LATENCY_MS. */
const NET_ENTRIES = Number(process.env.BENCH_LAKE_NET_ENTRIES ?? 200_000);
const LATENCY_MS = 20;
const UNLIMITED = 100_000_000;
const fmtMiB = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;

function checked(run: CliRun, what: string): CliRun {
  if (run.exitCode !== 0) throw new Error(`${what}: exit ${run.exitCode}: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return run;
}

/** Requests a --verbose run sent (one `> GET` line each). */
const requestsOf = (run: CliRun) => run.stderr.split('\n').filter((l) => l.startsWith('> ')).length;

function bytesUnder(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.parquet'))
    .reduce((n, d) => n + statSync(join(d.parentPath, d.name)).size, 0);
}

async function timed(config: BenchConfig, what: string, args: string[], env: Record<string, string>, cleanup: () => void) {
  const runs: CliRun[] = [];
  for (let i = 0; i < config.runs; i++) {
    cleanup();
    runs.push(checked(await runBuiltCli(['--verbose', ...args], env, config.outDir), what));
    config.log(`  ${what} run ${i + 1}: ${fmtSec(runs[i]!.wallMs)}, ${requestsOf(runs[i]!)} requests, peak RSS ${fmtMiB(runs[i]!.maxRssBytes)}`);
  }
  return { medianMs: median(runs.map((r) => r.wallMs)), requests: requestsOf(runs[0]!), peakRss: Math.max(...runs.map((r) => r.maxRssBytes)) };
}

export const lakeSuite: BenchSuite = {
  name: 'lake',
  async run(config: BenchConfig): Promise<BenchSection[]> {
    const dataDir = join(config.outDir, 'lake-data');
    const rows: string[][] = [];
    const goals: Goal[] = [];
    config.log(`starting an emulator with ${fmtInt(ENTRIES)} entries over 90 days`);
    const emu = await startEmulatorProcess({ entries: ENTRIES, rateLimit: UNLIMITED });
    const env = { FIBE_API_KEY: emu.keys.full as string, FIBE_DOMAIN: emu.url, FIBE_AUDIT_DATA_DIR: dataDir };
    const file = (ext: string) => join(config.outDir, `bench-lake.${ext}`);
    const lake = join(config.outDir, 'bench-lake');
    const rate = (ms: number) => (ENTRIES * 1000) / ms;
    try {
      const ndjson = await timed(config, 'NDJSON from the API', ['export', '--source', 'api', '--out', file('ndjson')], env, () => rmSync(file('ndjson'), { force: true }));
      const parquetApi = await timed(config, 'Parquet from the API', ['export', '--source', 'api', '--out', file('parquet')], env, () => rmSync(file('parquet'), { force: true }));
      checked(await runBuiltCli(['sync', '-q'], env, config.outDir), 'sync');
      const parquetMirror = await timed(config, 'Parquet from the mirror', ['export', '--source', 'mirror', '--out', file('parquet')], env, () => rmSync(file('parquet'), { force: true }));
      const lakeMirror = await timed(config, 'lake from the mirror', ['export', '--source', 'mirror', '--format', 'parquet', '--partition', 'day', '--out', lake], env, () => rmSync(lake, { recursive: true, force: true }));
      const perEntry = bytesUnder(lake) / ENTRIES;
      const sql = await timed(config, 'sql group-by', ['sql', '-o', 'csv', 'select action, actor_kind, count(*) n from entries group by all order by n desc'], env, () => undefined);
      rows.push(['NDJSON export from the API', fmtSec(ndjson.medianMs), `${fmtInt(rate(ndjson.medianMs))}/s, peak RSS ${fmtMiB(ndjson.peakRss)}`, fmtInt(ndjson.requests)]);
      rows.push(['Parquet export from the API', fmtSec(parquetApi.medianMs), `${fmtInt(rate(parquetApi.medianMs))}/s, peak RSS ${fmtMiB(parquetApi.peakRss)}`, fmtInt(parquetApi.requests)]);
      rows.push(['Parquet export from the mirror', fmtSec(parquetMirror.medianMs), `${fmtInt(rate(parquetMirror.medianMs))}/s`, fmtInt(parquetMirror.requests)]);
      rows.push(['lake (--partition day) from the mirror', fmtSec(lakeMirror.medianMs), `${perEntry.toFixed(1)} bytes/entry`, fmtInt(lakeMirror.requests)]);
      rows.push(['sql group-by over the mirror', fmtSec(sql.medianMs), '', fmtInt(sql.requests)]);
      goals.push({ name: 'Parquet from the mirror >= 200,000 entries/s', met: rate(parquetMirror.medianMs) >= 200_000, detail: `${fmtInt(rate(parquetMirror.medianMs))}/s` });
      goals.push({ name: 'Parquet from the mirror: 0 requests', met: parquetMirror.requests === 0, detail: `${parquetMirror.requests}` });
      goals.push({ name: "Parquet from the API >= NDJSON export's rate", met: parquetApi.medianMs <= ndjson.medianMs, detail: `${fmtInt(rate(parquetApi.medianMs))}/s vs ${fmtInt(rate(ndjson.medianMs))}/s` });
      goals.push({ name: "Parquet from the API (loopback): ratio to NDJSON's rate", met: true, detail: `${(ndjson.medianMs / parquetApi.medianMs).toFixed(2)}x` });
      // Memory stays that of the engine's limit (256 MB) plus the lines buffered ahead of it (32 MiB)
      // plus Node's own, whatever the export's size: a reader keeping its buffers grew it to ~500 MiB.
      goals.push({ name: 'Parquet from the API: peak RSS <= 400 MiB', met: parquetApi.peakRss <= 400 * 1024 * 1024, detail: fmtMiB(parquetApi.peakRss) });
      goals.push({ name: 'lake <= 40 bytes/entry', met: perEntry <= 40, detail: `${perEntry.toFixed(1)}` });
      goals.push({ name: 'sql group-by over the mirror < 0.5 s wall', met: sql.medianMs < 500, detail: fmtSec(sql.medianMs) });
    } finally {
      await emu.stop();
    }
    // As over a real network: every answer takes LATENCY_MS, and the export's 4 parallel requests
    // decide the pace. Both formats should then run at the API's rate.
    config.log(`starting an emulator with ${fmtInt(NET_ENTRIES)} entries answering after ${LATENCY_MS} ms`);
    const slow = await startEmulatorProcess({ entries: NET_ENTRIES, rateLimit: UNLIMITED, latencyMs: LATENCY_MS });
    const slowEnv = { FIBE_API_KEY: slow.keys.full as string, FIBE_DOMAIN: slow.url, FIBE_AUDIT_DATA_DIR: join(config.outDir, 'lake-net-data') };
    try {
      const netRate = (ms: number) => (NET_ENTRIES * 1000) / ms;
      const nd = await timed(config, `NDJSON, ${LATENCY_MS} ms per request`, ['export', '--source', 'api', '--out', file('net.ndjson')], slowEnv, () => rmSync(file('net.ndjson'), { force: true }));
      const pq = await timed(config, `Parquet, ${LATENCY_MS} ms per request`, ['export', '--source', 'api', '--out', file('net.parquet')], slowEnv, () => rmSync(file('net.parquet'), { force: true }));
      rows.push([`NDJSON from the API, ${LATENCY_MS} ms per request (${fmtInt(NET_ENTRIES)})`, fmtSec(nd.medianMs), `${fmtInt(netRate(nd.medianMs))}/s`, fmtInt(nd.requests)]);
      rows.push([`Parquet from the API, ${LATENCY_MS} ms per request (${fmtInt(NET_ENTRIES)})`, fmtSec(pq.medianMs), `${fmtInt(netRate(pq.medianMs))}/s`, fmtInt(pq.requests)]);
      goals.push({
        name: `Parquet from the API >= 0.98x NDJSON's rate at ${LATENCY_MS} ms per request`,
        met: pq.medianMs <= nd.medianMs / 0.98,
        detail: `${fmtInt(netRate(pq.medianMs))}/s vs ${fmtInt(netRate(nd.medianMs))}/s (${(nd.medianMs / pq.medianMs).toFixed(3)}x)`,
      });
    } finally {
      await slow.stop();
    }
    return [{
      title: `Parquet and the lake (built CLI, emulator in its own process, ${fmtInt(ENTRIES)} entries over 90 days, median of ${config.runs})`,
      headers: ['case', 'time', 'rate / size', 'requests'],
      rows,
      goals,
      notes: [],
      data: { entries: ENTRIES, rows },
    }];
  },
};
