// How far a source's answer reaches in a window: to its end, unless a mirror that could not be topped
// up answered and holds every entry only to an earlier instant (a top-up that failed part way may
// have added some past it, which an exact answer leaves out).
import type { Window } from '../time/parse.js';
import type { EntrySource } from './types.js';

/** The part of `window` the source's answer holds every entry of: to its end, or to a stale mirror's covered end. */
export function answeredWindow(source: EntrySource, window: Window): Window {
  const covered = source.mirror?.coveredUntil;
  return covered != null && covered.getTime() < window.end.getTime() ? { ...window, end: covered } : window;
}
