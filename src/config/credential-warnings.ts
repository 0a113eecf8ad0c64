// Where credential warnings go: one `warning:` line each on stderr (also with --quiet: they are
// about the user's files, not chatter), each said once per run.
import type { Writable } from 'node:stream';
import { sanitizeLine } from '../text/sanitize.js';
import type { Warn } from './credentials.js';

export interface WarningOutput {
  io: { stderr: Writable; errColor?: { yellow(text: string): string } };
}

export function warnOnStderr(ctx: WarningOutput): Warn {
  const said = new Set<string>();
  const label = ctx.io.errColor ? ctx.io.errColor.yellow('warning:') : 'warning:';
  return (message) => {
    if (said.has(message)) return;
    said.add(message);
    ctx.io.stderr.write(`${label} ${sanitizeLine(message)}\n`);
  };
}
