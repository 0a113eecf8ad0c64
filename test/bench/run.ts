// npm run bench: builds the CLI, runs every suite, prints tables and goals, and writes
// .bench-out/results.json. Suites by name as arguments (`npm run bench -- report`) or BENCH_ONLY;
// env: BENCH_RUNS (default 3), BENCH_SIZES, BENCH_REPORT_SIZE, BENCH_NO_BUILD=1.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, platform } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exportSuite } from './export-bench.js';
import { lakeSuite } from './lake-bench.js';
import { reportSuite } from './report-bench.js';
import { mirrorSuite } from './mirror-bench.js';
import { startupSuite } from './startup-bench.js';
import { renderTable, type BenchSection, type BenchSuite } from './suite.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = join(ROOT, '.bench-out');

/** Register new suites here. */
const SUITES: BenchSuite[] = [startupSuite, exportSuite, reportSuite, mirrorSuite, lakeSuite];

function runsFromEnv(): number {
  const n = Number(process.env.BENCH_RUNS ?? 3);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`BENCH_RUNS must be a whole number >= 1, not ${process.env.BENCH_RUNS}`);
  return n;
}

function build(): void {
  if (process.env.BENCH_NO_BUILD === '1') return;
  const result = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed');
}

function printSection(section: BenchSection): void {
  process.stdout.write(`\n${section.title}\n${renderTable(section.headers, section.rows)}\n`);
  for (const note of section.notes) process.stdout.write(`  ${note}\n`);
  for (const goal of section.goals) process.stdout.write(`  [${goal.met ? 'met' : 'MISSED'}] ${goal.name}: ${goal.detail}\n`);
}

const runs = runsFromEnv();
// Timings on a shared machine mean little without its load: recorded before and after.
const loadBefore = loadavg();
const named = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const only = named.length > 0 ? named : process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const unknown = (only ?? []).filter((name) => !SUITES.some((s) => s.name === name));
if (unknown.length > 0) throw new Error(`unknown benchmark suite(s): ${unknown.join(', ')} (have: ${SUITES.map((s) => s.name).join(', ')})`);
// One scratch directory per run: two benchmark runs at once must not delete each other's files.
mkdirSync(OUT, { recursive: true });
const scratch = mkdtempSync(join(OUT, 'scratch-'));
build();
const results: Record<string, BenchSection[]> = {};
try {
  for (const suite of SUITES) {
    if (only && !only.includes(suite.name)) continue;
    process.stderr.write(`suite ${suite.name}\n`);
    const sections = await suite.run({ runs, outDir: scratch, log: (line) => process.stderr.write(`${line}\n`) });
    results[suite.name] = sections;
    sections.forEach(printSection);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const load = { before: loadBefore.map((n) => Number(n.toFixed(2))), after: loadavg().map((n) => Number(n.toFixed(2))) };
const machine = { node: process.version, platform: platform(), arch: arch(), cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', load };
process.stdout.write(`\nmachine: ${machine.cpus} CPUs, load average (1/5/15 min) ${load.before.join(' ')} before, ${load.after.join(' ')} after\n`);
const file = join(OUT, 'results.json');
writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), runs, machine, results }, null, 2)}\n`);
process.stdout.write(`\nresults written to ${file}\n`);
const missed = Object.values(results).flat().flatMap((s) => s.goals).filter((g) => !g.met);
if (missed.length > 0) process.stdout.write(`${missed.length} goal(s) missed\n`);
