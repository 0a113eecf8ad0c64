// The follower's voice on stderr: notices as whole lines, and on a terminal one status line that is
// redrawn in place (cleared before anything else is printed, so it never mixes into other output).
import type { IO } from '../io.js';
import { sanitizeLine } from '../text/sanitize.js';
import { redactSecrets } from '../config/mask.js';

const CLEAR = '\r\x1b[2K';

export interface FollowVoice {
  /** A line that stays (slowing down, outage, recovery); not with --quiet. */
  notice(text: string): void;
  /** Replaces the status line (terminal only, not with --quiet). */
  status(text: string): void;
  /** Takes the status line off the screen before stdout is written or the run ends. */
  clear(): void;
  /** Puts the status line back after stdout was written. */
  restore(): void;
}

/** `secrets`: the key in use, masked (with anything key-shaped) like reportError does, since notices quote API errors. */
export function createFollowVoice(io: IO, quiet: boolean, secrets: ReadonlyArray<string | undefined> = []): FollowVoice {
  const safe = (text: string) => sanitizeLine(redactSecrets(text, secrets));
  const live = io.stderrIsTTY && !quiet;
  let shown = '';
  let onScreen = false;
  const draw = () => {
    if (!live || shown === '') return;
    // Never wider than the terminal: a wrapped line could not be cleared with one \r.
    const width = Math.max(10, io.errColumns - 1);
    const text = shown.length > width ? `${shown.slice(0, width - 1)}…` : shown;
    io.stderr.write(`${CLEAR}${io.errColor.dim(text)}`);
    onScreen = true;
  };
  const clear = () => {
    if (onScreen) io.stderr.write(CLEAR);
    onScreen = false;
  };
  return {
    notice(text) {
      if (quiet) return;
      clear();
      io.stderr.write(`${safe(text)}\n`);
      draw();
    },
    status(text) {
      shown = safe(text);
      draw();
    },
    clear,
    restore: draw,
  };
}
