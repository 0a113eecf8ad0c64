// The local mirror (npm run bench -- mirror): a first sync of 1,000,000 entries over 90 days (rate,
// requests, bytes per entry), an incremental sync with nothing new, and investigations from the
// mirror against the same questions to the API: on an emulator adding 50 ms per request (what users
// on a real network see) for actor and summary, on bare loopback for a 50-entry query.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { runBuiltCli, type CliRun } from './cli-process.js';
import { startEmulatorProcess } from './emulator-process.js';
import { fmtInt, fmtSec, median, type BenchConfig, type BenchSection, type BenchSuite, type Goal } from './suite.js';

const ENTRIES = Number(process.env.BENCH_MIRROR_ENTRIES ?? 1_000_000);
const UNLIMITED = 100_000_000;
const LATENCY_MS = 50;
const KEY = 'key:15';

/** `synced 1,000,000 new entries in 24.1 s, 10,025 requests; ...` */
function readSync(run: CliRun, what: string): { added: number; requests: number } {
  const m = /synced ([\d,]+) new entr(?:y|ies) in [\d.]+ s, ([\d,]+) requests?/.exec(run.stderr);
  if (run.exitCode !== 0 || !m) throw new Error(`${what}: exit ${run.exitCode}: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  const num = (s: string) => Number(s.replaceAll(',', ''));
  return { added: num(m[1] as string), requests: num(m[2] as string) };
}

/** Requests a --verbose run sent (one `> GET` line each). */
const requestsOf = (run: CliRun) => run.stderr.split('\n').filter((l) => l.startsWith('> ')).length;

function checked(run: CliRun, what: string): CliRun {
  if (run.exitCode !== 0) throw new Error(`${what}: exit ${run.exitCode}: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return run;
}

async function timedRuns(config: BenchConfig, args: string[], env: Record<string, string>, what: string, runs = config.runs) {
  const results: CliRun[] = [];
  for (let i = 0; i < runs; i++) {
    results.push(checked(await runBuiltCli(['--verbose', ...args], env, config.outDir), what));
    config.log(`  ${what} run ${i + 1}: ${fmtSec(results[i]!.wallMs)}, ${requestsOf(results[i]!)} requests`);
  }
  return { medianMs: median(results.map((r) => r.wallMs)), requests: requestsOf(results[0]!) };
}

export const mirrorSuite: BenchSuite = {
  name: 'mirror',
  async run(config: BenchConfig): Promise<BenchSection[]> {
    const dataDir = join(config.outDir, 'mirror-data');
    const goals: Goal[] = [];
    const rows: string[][] = [];
    // Phase 1, bare loopback: the first sync, the top-up, query --limit 50 both ways.
    config.log(`starting an emulator with ${fmtInt(ENTRIES)} entries over 90 days`);
    const fast = await startEmulatorProcess({ entries: ENTRIES, rateLimit: UNLIMITED });
    let mirrorFile = '';
    const firsts: Array<{ wallMs: number; requests: number; bytes: number }> = [];
    let topUp = 0;
    let query = { mirror: 0, api: 0 };
    try {
      const env = { FIBE_API_KEY: fast.keys.full as string, FIBE_DOMAIN: fast.url, FIBE_AUDIT_DATA_DIR: dataDir };
      for (let i = 0; i < config.runs; i++) {
        const drop = await runBuiltCli(['mirror', 'drop', '--yes'], env, config.outDir);
        void drop;
        const run = await runBuiltCli(['sync'], env, config.outDir);
        const s = readSync(run, `first sync run ${i + 1}`);
        if (s.added !== ENTRIES) throw new Error(`first sync added ${s.added}, expected ${ENTRIES}`);
        mirrorFile = /: (\S+\.duckdb)\n?$/.exec(run.stderr.trim())?.[1] ?? '';
        firsts.push({ wallMs: run.wallMs, requests: s.requests, bytes: statSync(mirrorFile).size });
        config.log(`  first sync run ${i + 1}: ${fmtSec(run.wallMs)}, ${fmtInt(s.requests)} requests`);
      }
      topUp = readSync(await runBuiltCli(['sync'], env, config.outDir), 'incremental sync').requests;
      const q = ['query', '--limit', '50', '-o', 'ndjson'];
      query = {
        mirror: (await timedRuns(config, ['--source', 'mirror', ...q], env, 'query --limit 50 mirror')).medianMs,
        api: (await timedRuns(config, ['--source', 'api', ...q], env, 'query --limit 50 api')).medianMs,
      };
    } finally {
      await fast.stop();
    }
    const wall = median(firsts.map((f) => f.wallMs));
    const rate = (ENTRIES * 1000) / wall;
    const requests = firsts[0]?.requests ?? Number.NaN;
    const perEntry = (firsts[firsts.length - 1]?.bytes ?? Number.NaN) / ENTRIES;
    rows.push([`first sync of ${fmtInt(ENTRIES)}`, fmtSec(wall), `${fmtInt(rate)} entries/s`, fmtInt(requests)]);
    rows.push(['incremental sync, nothing new', '', '', fmtInt(topUp)]);
    goals.push({ name: 'first sync >= 40,000 entries/s', met: rate >= 40_000, detail: `${fmtInt(rate)}/s` });
    goals.push({ name: 'first sync requests <= 1.01 x entries/100', met: requests <= 1.01 * (ENTRIES / 100), detail: `${fmtInt(requests)} for ${fmtInt(ENTRIES)} entries` });
    goals.push({ name: 'incremental sync with nothing new = 1 request', met: topUp === 1, detail: `${topUp}` });
    goals.push({ name: 'mirror size <= 100 bytes/entry', met: perEntry <= 100, detail: `${perEntry.toFixed(1)} bytes/entry` });
    rows.push(['query --limit 50 (loopback)', `mirror ${fmtSec(query.mirror)}`, `api ${fmtSec(query.api)}`, `ratio ${(query.mirror / query.api).toFixed(2)}`]);
    goals.push({ name: 'query --limit 50: mirror within 1.5x of api (loopback)', met: query.mirror <= 1.5 * query.api, detail: `${fmtSec(query.mirror)} vs ${fmtSec(query.api)}` });

    // Phase 2: the same questions, the API path on an emulator that adds 50 ms per request; the
    // mirror named with --mirror (no key, no network).
    config.log(`starting an emulator with ${fmtInt(ENTRIES)} entries and ${LATENCY_MS} ms per response`);
    const slow = await startEmulatorProcess({ entries: ENTRIES, rateLimit: UNLIMITED, latencyMs: LATENCY_MS });
    try {
      const apiEnv = { FIBE_API_KEY: slow.keys.full as string, FIBE_DOMAIN: slow.url, FIBE_AUDIT_DATA_DIR: join(config.outDir, 'no-mirror') };
      const questions: Array<[string, string[]]> = [
        [`actor ${KEY} (30 days)`, ['actor', KEY, '--since', '30d', '-o', 'json']],
        ['summary --by day --since 90d', ['summary', '--by', 'day', '--since', '90d', '-o', 'json']],
      ];
      for (const [name, args] of questions) {
        const mirror = await timedRuns(config, ['--mirror', mirrorFile, '--source', 'mirror', ...args], {}, `${name} mirror`);
        // One API run: at 50 ms a request these take minutes.
        const api = await timedRuns(config, ['--source', 'api', ...args], apiEnv, `${name} api`, 1);
        const speedup = api.medianMs / mirror.medianMs;
        rows.push([name, `mirror ${fmtSec(mirror.medianMs)}, ${mirror.requests} requests`, `api ${fmtSec(api.medianMs)}, ${fmtInt(api.requests)} requests`, `${speedup.toFixed(0)}x`]);
        goals.push({ name: `${name} from the mirror: 0 requests`, met: mirror.requests === 0, detail: `${mirror.requests}` });
        goals.push({ name: `${name} from the mirror < 0.5 s`, met: mirror.medianMs < 500, detail: fmtSec(mirror.medianMs) });
        goals.push({ name: `${name}: mirror >= 20x faster than api at ${LATENCY_MS} ms/request`, met: speedup >= 20, detail: `${speedup.toFixed(1)}x` });
      }
    } finally {
      await slow.stop();
    }
    return [{
      title: `local mirror (built CLI, emulator in its own process, ${fmtInt(ENTRIES)} entries over 90 days, median of ${config.runs})`,
      headers: ['case', 'time', 'rate / compared', 'requests / speed-up'],
      rows,
      goals,
      notes: [`mirror file: ${fmtInt(firsts[firsts.length - 1]?.bytes ?? 0)} bytes, ${perEntry.toFixed(1)} bytes/entry`],
      data: { entries: ENTRIES, firsts, topUp, query, rows },
    }];
  },
};
