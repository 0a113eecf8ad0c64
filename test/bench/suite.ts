// What every benchmark suite hands the driver (run.ts): rows for a table, goals met or missed, and
// raw data for .bench-out/results.json. New suites (e.g. start-up time) implement BenchSuite.

export interface BenchConfig {
  /** Measured runs per case (BENCH_RUNS, default 3). */
  runs: number;
  /** Scratch space for outputs; inside the git-ignored .bench-out/. */
  outDir: string;
  log(line: string): void;
}

export interface Goal {
  name: string;
  met: boolean;
  detail: string;
}

export interface BenchSection {
  title: string;
  headers: string[];
  rows: string[][];
  goals: Goal[];
  notes: string[];
  data: unknown;
}

export interface BenchSuite {
  name: string;
  run(config: BenchConfig): Promise<BenchSection[]>;
}

export function median(values: number[]): number {
  const sorted = [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export const fmtInt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');
export const fmtMiB = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : 'n/a');
export const fmtSec = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : 'n/a');
export const fmtPct = (ratio: number) => (Number.isFinite(ratio) ? `${(ratio * 100).toFixed(1)}%` : 'n/a');

/** A plain aligned text table (the driver prints it; no colour, readable in CI logs). */
export function renderTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
