// Table cells that know how to get narrower: a name that gives way (with `…`) around parts that must
// stay whole (the kind and `#id` the next command needs), or words wrapped onto several lines.
import { sanitizeLine } from '../text/sanitize.js';
import { displayWidth, truncateToWidth } from './width.js';

export interface FitCell {
  /** The whole text (sanitised). */
  text: string;
  /** The narrowest form this cell may take; it is never cut further. */
  min: string;
  /** The cell within `width` cells, or `min` when that is wider; may hold `\n` (wrapped lines). */
  fit(width: number): string;
}

/** A plain string cell (cut freely with `…` down to its header), or one that fits itself. */
export type Cell = string | FitCell;

export function isFitCell(cell: Cell): cell is FitCell {
  return typeof cell !== 'string';
}

/**
 * `head + name + tail`, where only the name gives way: `key "GitHub Act…" #15`, `Trick #3312 nightly-…`.
 * Narrower than head + one character + `…` + tail, the cell is `bare` (`key #15`, `Trick #3312`).
 * `keep` > 0 makes the narrowest form keep up to that many cells of the name (a softer floor).
 */
export function namedCell(parts: { head: string; name: string; tail: string; bare: string; keep?: number }): FitCell {
  const head = sanitizeLine(parts.head);
  const name = sanitizeLine(parts.name);
  const tail = sanitizeLine(parts.tail);
  const text = head + name + tail;
  const fixed = displayWidth(head) + displayWidth(tail);
  const fit = (width: number): string => {
    if (displayWidth(text) <= width) return text;
    const room = width - fixed;
    return room >= 2 ? head + truncateToWidth(name, room) + tail : sanitizeLine(parts.bare);
  };
  const keep = parts.keep ?? 0;
  const min = keep > 0 && name !== '' ? fit(fixed + Math.min(keep, displayWidth(name))) : sanitizeLine(parts.bare);
  return { text, min, fit: (width) => (width < displayWidth(min) ? min : fit(width)) };
}

/** `full` when it fits, else `short` (whole): a note such as `(427 more groups cut by --top)`. */
export function shortCell(full: string, short: string): FitCell {
  const text = sanitizeLine(full);
  const min = sanitizeLine(short);
  return { text, min, fit: (width) => (displayWidth(text) <= width ? text : min) };
}

/**
 * Items joined by `sep` on one line when they fit, else wrapped onto several lines at item
 * boundaries, never inside an item (scopes: `playgrounds:write` is never cut mid-word).
 */
export function wrappedCell(items: string[], sep = ', '): FitCell {
  const words = items.map((w) => sanitizeLine(w));
  const text = words.join(sep);
  // The widest line a wrap can leave: one item and the separator that closes it.
  const min = piecesOf(words, sep.trimEnd()).reduce((a, b) => (displayWidth(b) > displayWidth(a) ? b : a), '');
  return { text, min, fit: (width) => (displayWidth(text) <= width ? text : wrapItems(words, width, sep).join('\n')) };
}

function piecesOf(items: string[], sep: string): string[] {
  return items.map((item, i) => (i < items.length - 1 ? item + sep : item));
}

/** Greedy wrap of `items` joined by `sep` at `width`; a separator stays at the end of the line it closes. */
export function wrapItems(items: string[], width: number, sep = ', '): string[] {
  const lines: string[] = [];
  let line = '';
  for (const piece of piecesOf(items, sep)) {
    if (line !== '' && displayWidth((line + piece).trimEnd()) > width) {
      lines.push(line.trimEnd());
      line = piece;
    } else {
      line += piece;
    }
  }
  lines.push(line.trimEnd());
  return lines;
}
