// Progress of a long read (actor, summary, keys, query --all) on a terminal: entries scanned, requests
// used and the rate budget left, on stderr. Shown from the second page on, so a read answered by one
// request shows nothing (and loads no spinner); never with --quiet, never off a terminal.
import type { Context } from '../context.js';
import type { RateLimitState } from '../api/types.js';
import type { ReadProgress } from '../source/types.js';
import { spinnerTextWidth, startSpinner, type Spinner } from './spinner.js';

const count = (n: number) => Math.round(n).toLocaleString('en-US');

/**
 * `scanning 12,345 of 50,000 entries · 124 requests · 4,876/5,000 requests left this hour`, within
 * `width` cells when given: a wrapped line could not be redrawn in place, so the least important
 * parts go first (the budget's wording, then the budget, the request count, the word `scanning`).
 */
export function formatReadProgress(p: ReadProgress, rate: RateLimitState | null, width = Number.POSITIVE_INFINITY): string {
  const of = p.total !== null ? ` of ${count(p.total)}` : '';
  const scanned = `${count(p.fetched)}${of} entries`;
  const requests = `${count(p.requests)} ${p.requests === 1 ? 'request' : 'requests'}`;
  const left = rate?.remaining !== undefined ? count(rate.remaining) : null;
  const limit = rate?.limit !== undefined ? `/${count(rate.limit)}` : '';
  const forms = [
    ...(left !== null ? [`scanning ${scanned} · ${requests} · ${left}${limit} requests left this hour`, `scanning ${scanned} · ${requests} · ${left} left`] : []),
    `scanning ${scanned} · ${requests}`,
    `scanning ${scanned}`,
    scanned,
  ];
  // All ASCII: its length is its width.
  const fit = forms.find((f) => f.length <= width);
  if (fit !== undefined) return fit;
  return width >= 2 ? `${scanned.slice(0, width - 1)}…` : scanned.slice(0, Math.max(0, width));
}

export interface ReadProgressDisplay {
  /** Hand to the source's read(): called once per page. */
  onProgress(p: ReadProgress): void;
  /** Clears the line; call before writing the answer (the terminal shows stdout and stderr together). */
  stop(): Promise<void>;
}

export function showReadProgress(ctx: Context, opts: { quiet: boolean; rate?: () => RateLimitState | null }): ReadProgressDisplay {
  if (opts.quiet || !ctx.io.stderrIsTTY) return { onProgress() {}, stop: async () => {} };
  let spinner: Promise<Spinner> | undefined;
  let latest = '';
  let stopped = false;
  return {
    onProgress(p) {
      if (stopped || p.requests < 2) return;
      latest = formatReadProgress(p, opts.rate?.() ?? null, spinnerTextWidth(ctx));
      spinner ??= startSpinner(ctx, latest);
      void spinner.then((s) => {
        if (!stopped) s.update(latest);
      });
    },
    async stop() {
      stopped = true;
      if (spinner) (await spinner).stop();
    },
  };
}
