// Words commander would reject as "too many arguments": named, with a hint for the usual cause (a
// duration typed with a space, `--since 3 days`), instead of a count.
import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { UsageError } from '../errors.js';

const UNITS: Record<string, string> = {
  s: 's', sec: 's', secs: 's', second: 's', seconds: 's',
  m: 'm', min: 'm', mins: 'm', minute: 'm', minutes: 'm',
  h: 'h', hr: 'h', hrs: 'h', hour: 'h', hours: 'h',
  d: 'd', day: 'd', days: 'd',
  w: 'w', wk: 'w', wks: 'w', week: 'w', weeks: 'w',
};

// Options whose value may be a duration, as commander names them in opts() (--max-wait checks its own).
const DURATION_OPTIONS: Array<[key: string, flag: string]> = [['since', '--since'], ['until', '--until']];

function hintFor(word: string, command: CommandUnknownOpts): string {
  const unit = UNITS[word.toLowerCase()];
  const opts = command.optsWithGlobals() as Record<string, unknown>;
  if (unit !== undefined) {
    for (const [key, flag] of DURATION_OPTIONS) {
      const value = opts[key];
      if (typeof value === 'string' && /^\d+$/.test(value.trim())) return `durations take no space: ${flag} ${value.trim()}${unit}`;
    }
  }
  return `see 'fibe-audit ${command.parent?.parent ? `${command.parent.name()} ` : ''}${command.name()} --help'; quote a value that holds spaces`;
}

/** Throws a UsageError naming the first word the command takes no argument for. */
export function rejectStrayArguments(command: CommandUnknownOpts): void {
  const expected = command.registeredArguments;
  if (expected.some((a) => a.variadic)) return;
  const stray = command.args.slice(expected.length);
  const word = stray[0];
  if (word === undefined) return;
  const name = command.parent?.parent ? `${command.parent.name()} ${command.name()}` : command.name();
  throw new UsageError(`unexpected argument '${word}' for '${name}'`, hintFor(word, command));
}
