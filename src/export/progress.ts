// Export progress on stderr: a spinner with count, rate and ETA on a terminal, else nothing until
// the one summary line. Never on stdout (which may carry the export itself).
import type { Context } from '../context.js';
import { startSpinner } from '../progress/spinner.js';

import type { ReadProgress } from '../source/types.js';

/** What the walk reports once per page (the source's progress). */
export type WalkProgress = ReadProgress;

export interface ExportProgress {
  /** From the walker, once per page. */
  update(p: WalkProgress): void;
  /** Ends the display with the summary line (nothing with --quiet). */
  succeed(line: string): void;
  /** Ends the display without a line (the error report follows). */
  stop(): void;
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');
export const entriesText = (n: number) => `${count(n)} ${n === 1 ? 'entry' : 'entries'}`;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** `exported 12,345 entries to audit-2026-11-26.csv in 3.2 s (3,850/s), 130 requests`. */
export function formatSummary(s: { count: number; target: string; elapsedMs: number; requests: number }): string {
  const rate = s.elapsedMs > 0 ? ` (${count((s.count * 1000) / s.elapsedMs)}/s)` : '';
  const requests = `${count(s.requests)} ${s.requests === 1 ? 'request' : 'requests'}`;
  return `exported ${entriesText(s.count)} to ${s.target} in ${seconds(s.elapsedMs)}${rate}, ${requests}`;
}

/** `12,345 of 50,000 entries (3,850/s, ETA 10 s)`: what the spinner shows. */
export function formatProgress(p: WalkProgress, elapsedMs: number): string {
  const of = p.total !== null ? ` of ${count(p.total)}` : '';
  let text = `${count(p.fetched)}${of} entries`;
  if (elapsedMs > 0 && p.fetched > 0) {
    const rate = (p.fetched * 1000) / elapsedMs;
    const eta = p.total !== null && p.total > p.fetched ? `, ETA ${seconds(((p.total - p.fetched) * 1000) / rate)}` : '';
    text += ` (${count(rate)}/s${eta})`;
  }
  return text;
}

/** `prefix` replaces `exporting to <target>` for other long walks (sync). */
export async function startProgress(ctx: Context, opts: { quiet: boolean; target: string; prefix?: string }): Promise<ExportProgress> {
  const started = ctx.now().getTime();
  const elapsed = () => ctx.now().getTime() - started;
  if (opts.quiet) return { update() {}, succeed() {}, stop() {} };
  if (!ctx.io.stderrIsTTY) {
    return {
      update() {},
      succeed: (line) => void ctx.io.stderr.write(`${line}\n`),
      stop() {},
    };
  }
  const prefix = opts.prefix ?? `exporting to ${opts.target}`;
  const spinner = await startSpinner(ctx, `${prefix}: starting`);
  return {
    update: (p) => spinner.update(`${prefix}: ${formatProgress(p, elapsed())}`),
    succeed: (line) => spinner.succeed(line),
    stop: () => spinner.stop(),
  };
}
