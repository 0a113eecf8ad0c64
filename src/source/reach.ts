// How far a source's answer reaches in a window: to its end, unless a mirror that could not be topped
// up answered and holds entries only to an earlier instant.
import type { Window } from '../time/parse.js';
import type { EntrySource } from './types.js';

/** The last instant of `window` the source's answer holds every entry of. */
export function answeredUntil(source: EntrySource, window: Window): Date {
  const covered = source.mirror?.coveredUntil;
  return covered != null && covered.getTime() < window.end.getTime() ? covered : window.end;
}

/** Whether the source's answer holds every entry of the window up to its end. */
export function reachesEnd(source: EntrySource, window: Window): boolean {
  return answeredUntil(source, window).getTime() >= window.end.getTime();
}
