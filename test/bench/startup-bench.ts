// Start-up speed as ratios to floors measured in the same run: --version and --help against an empty
// ESM module (node start-up plus its ESM loader), a one-page query against a bare undici script.
// BENCH_STARTUP_COMPARE=<path to another build's bin/fibe-audit.js> interleaves that build's runs too.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startEmulatorProcess } from './emulator-process.js';
import { median, type BenchConfig, type BenchSection, type BenchSuite, type Goal } from './suite.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'fibe-audit.js');
const BARE_QUERY = fileURLToPath(new URL('./undici-query.mjs', import.meta.url));
/** Start-up times are tens of milliseconds on a shared machine: fewer runs than this say little. */
const MIN_RUNS = 20;
const QUERY_LIMIT = 25;
const fmtMs = (ms: number) => `${Math.round(ms)} ms`;

interface Case {
  name: string;
  args: string[];
  /** Checks the output of one run, so a broken case never passes as a fast one. */
  check(stdout: string): boolean;
}

interface Ratio {
  name: string;
  candidate: string;
  floor: string;
  goal: number;
}

const RATIOS: Ratio[] = [
  { name: '--version', candidate: 'fibe-audit --version', floor: 'node empty.mjs', goal: 1.3 },
  { name: '--help', candidate: 'fibe-audit --help', floor: 'node empty.mjs', goal: 1.3 },
  { name: `query --limit ${QUERY_LIMIT} -o ndjson`, candidate: `fibe-audit query --limit ${QUERY_LIMIT} -o ndjson`, floor: 'bare undici request', goal: 1.5 },
];

async function timeRun(args: string[], env: Record<string, string>, cwd: string): Promise<{ ms: number; code: number | null; stdout: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'ignore'] });
  let stdout = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { ms: performance.now() - started, code, stdout };
}

function cliCases(bin: string, suffix: string): Case[] {
  const lines = (s: string) => s.split('\n').filter(Boolean).length;
  return [
    { name: `fibe-audit --version${suffix}`, args: [bin, '--version'], check: (out) => /^\d+\.\d+\.\d+/.test(out) },
    { name: `fibe-audit --help${suffix}`, args: [bin, '--help'], check: (out) => out.startsWith('Usage: fibe-audit') },
    {
      name: `fibe-audit query --limit ${QUERY_LIMIT} -o ndjson${suffix}`,
      args: [bin, 'query', '--limit', String(QUERY_LIMIT), '-o', 'ndjson'],
      check: (out) => lines(out) === QUERY_LIMIT,
    },
  ];
}

function casesFor(empty: string, compareBin: string | undefined): Case[] {
  const lines = (s: string) => s.split('\n').filter(Boolean).length;
  return [
    { name: 'node empty.mjs', args: [empty], check: (out) => out === '' },
    { name: 'bare undici request', args: [BARE_QUERY], check: (out) => lines(out) === QUERY_LIMIT },
    ...cliCases(BIN, ''),
    ...(compareBin ? cliCases(compareBin, ' (compared build)') : []),
  ];
}

export const startupSuite: BenchSuite = {
  name: 'startup',
  async run(config: BenchConfig): Promise<BenchSection[]> {
    const runs = Math.max(MIN_RUNS, config.runs);
    const dir = join(config.outDir, 'startup');
    const home = join(dir, 'home');
    mkdirSync(home, { recursive: true });
    const empty = join(dir, 'empty.mjs');
    writeFileSync(empty, '');
    config.log('starting an emulator with 5,000 entries');
    const emulator = await startEmulatorProcess({ entries: 5000, rateLimit: 100_000_000 });
    // No stored profiles or fibe CLI config: the key comes from the environment, as in CI. Nothing else is
    // inherited either: NODE_OPTIONS or NODE_EXTRA_CA_CERTS (~70 ms of certificate parsing) would add the
    // same cost to floor and candidate alike and flatter every ratio.
    const env = {
      PATH: process.env.PATH ?? '',
      HOME: home,
      FIBE_AUDIT_CONFIG_DIR: join(home, 'config'),
      XDG_CONFIG_HOME: join(home, 'xdg'),
      FIBE_API_KEY: emulator.keys.full as string,
      FIBE_DOMAIN: emulator.url,
      BENCH_QUERY_LIMIT: String(QUERY_LIMIT),
    };
    const compareBin = process.env.BENCH_STARTUP_COMPARE || undefined;
    const cases = casesFor(empty, compareBin);
    const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
    try {
      // One unmeasured round warms the file cache; then rounds interleave the cases, rotating the order
      // so no case always runs right after the same neighbour.
      for (let round = -1; round < runs; round++) {
        const order = cases.map((_, i) => cases[(i + Math.max(round, 0)) % cases.length] as Case);
        for (const c of order) {
          const r = await timeRun(c.args, env, dir);
          if (r.code !== 0 || !c.check(r.stdout)) throw new Error(`${c.name}: exit ${r.code}, unexpected output: ${r.stdout.slice(0, 200)}`);
          if (round >= 0) times.get(c.name)!.push(r.ms);
        }
        if (round >= 0) config.log(`  round ${round + 1}/${runs}`);
      }
    } finally {
      await emulator.stop();
    }
    const medians = new Map([...times].map(([name, ms]) => [name, median(ms)]));
    const ratioOf = (candidate: string, floor: string) => (medians.get(candidate) as number) / (medians.get(floor) as number);
    const goals: Goal[] = RATIOS.map((r) => {
      const ratio = ratioOf(r.candidate, r.floor);
      return { name: `${r.name} within ${r.goal}x of ${r.floor}`, met: ratio <= r.goal, detail: `ratio ${ratio.toFixed(2)}` };
    });
    return [
      {
        title: `start-up time (built CLI, ${runs} interleaved runs per case, medians)`,
        headers: ['case', 'median', 'min', 'max'],
        rows: cases.map((c) => {
          const ms = times.get(c.name) as number[];
          return [c.name, fmtMs(medians.get(c.name) as number), fmtMs(Math.min(...ms)), fmtMs(Math.max(...ms))];
        }),
        goals,
        notes: RATIOS.flatMap((r) => [
          `${r.candidate} / ${r.floor} = ${ratioOf(r.candidate, r.floor).toFixed(2)}`,
          ...(compareBin ? [`${r.candidate} (compared build) / ${r.floor} = ${ratioOf(`${r.candidate} (compared build)`, r.floor).toFixed(2)}`] : []),
        ]),
        data: { runs, times: Object.fromEntries(times), medians: Object.fromEntries(medians) },
      },
    ];
  },
};
