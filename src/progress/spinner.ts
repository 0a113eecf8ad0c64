// The one spinner on stderr (ora, loaded only when shown): exports and long reads draw their progress
// through it. Never on stdout, and only ever started for a terminal.
import type { Ora } from 'ora';
import type { Context } from '../context.js';
import { truncateToWidth } from '../render/width.js';

export interface Spinner {
  /** Replaces the text; the first text is drawn at once, later ones on the spinner's timer. */
  update(text: string): void;
  /** Ends with a persisted line. */
  succeed(line: string): void;
  /** Ends and clears the spinner's line. */
  stop(): void;
}

/**
 * The cells a spinner's text may take: a wrapped line cannot be redrawn in place; the mark and its
 * space take 2 cells, and the last column stays free (some terminals wrap there).
 */
export function spinnerTextWidth(ctx: Context): number {
  return Math.max(1, ctx.io.errColumns - 3);
}

export async function startSpinner(ctx: Context, text: string): Promise<Spinner> {
  const { default: ora } = await import('ora');
  const fit = (line: string) => truncateToWidth(line, spinnerTextWidth(ctx));
  const spinner: Ora = ora({
    text: fit(text),
    stream: ctx.io.stderr as NodeJS.WriteStream,
    isEnabled: true,
    discardStdin: false,
    color: ctx.io.errColor.level > 0 ? 'cyan' : false,
  }).start();
  let drawn = false;
  return {
    update(next) {
      spinner.text = fit(next);
      // The spinner redraws on its own every 80 ms; a fast run (or one that fails early) could end
      // before any count was shown. The first is drawn at once, later ones on the timer.
      if (!drawn) {
        drawn = true;
        spinner.render();
      }
    },
    succeed: (line) => void spinner.stopAndPersist({ symbol: ctx.io.errColor.green('✔'), text: line }),
    stop: () => void spinner.stop(),
  };
}
