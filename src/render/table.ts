// Aligned text tables for the terminal and for pipes: every cell sanitised, fitted to the width on a terminal
// (free text cut with `…`, fit cells shrunk around what identifies, wrapped cells on several lines).
import type { ChalkInstance } from 'chalk';
import type { Zone } from '../time/zone.js';
import { sanitizeLine } from '../text/sanitize.js';
import { displayWidth, paddingFor, truncateToWidth } from './width.js';
import { isFitCell, type Cell } from './fit-cell.js';

export interface TableStyle {
  color: ChalkInstance;
  /** stdout is a terminal: relative times, fit to `width`. Piped: plain layout, nothing cut. */
  tty: boolean;
  width: number;
  zone: Zone;
  now: Date;
}

/** Colours a laid-out cell (already sanitised, cut and unpadded); `row` indexes the data rows. */
export type CellPainter = (text: string, row: number) => string;

export interface TableOptions {
  align?: ('left' | 'right')[];
  /**
   * Column indexes that may get narrower on a terminal: plain strings are cut with `…` down to the
   * header's width, fit cells down to their own `min`. The others never are.
   */
  flex?: number[];
  paint?: (CellPainter | undefined)[];
  /** Widths an earlier chunk of the same listing used: columns never narrow from one chunk to the next. */
  minWidths?: number[];
  /** A later chunk of a streamed listing: rows only, the header went out with the first. */
  omitHeader?: boolean;
}

/** A laid-out table and the column widths it used (the floor for the listing's next chunk). */
export interface TableLayout {
  text: string;
  widths: number[];
}

const GAP = '  ';

/** Shrinks the widest flexible column first, never below its minimum, until the row fits (or nothing can give). */
export function fitWidths(widths: number[], mins: number[], flex: number[], width: number): number[] {
  const out = [...widths];
  let over = out.reduce((a, b) => a + b, 0) + GAP.length * (out.length - 1) - width;
  while (over > 0) {
    const movable = flex.filter((i) => (out[i] as number) > (mins[i] as number));
    if (movable.length === 0) break;
    let widest = movable[0] as number;
    for (const i of movable) if ((out[i] as number) > (out[widest] as number)) widest = i;
    const others = movable.filter((i) => i !== widest).map((i) => out[i] as number);
    const floor = Math.max(mins[widest] as number, ...others);
    const step = Math.max(1, Math.min(over, (out[widest] as number) - floor));
    out[widest] = (out[widest] as number) - step;
    over -= step;
  }
  return out;
}

interface Layout {
  head: string[];
  body: Cell[][];
  widths: number[];
}

/**
 * Sanitised cells and the column widths: natural when piped, fitted to the terminal's width otherwise.
 * `minWidths` (an earlier chunk's widths) is a floor for both, so a column never narrows mid-listing.
 */
function layoutOf(headers: string[], rows: Cell[][], style: TableStyle, opts: TableOptions): Layout {
  const head = headers.map((h) => sanitizeLine(h));
  const body = rows.map((r) => head.map((_, i): Cell => {
    const cell = r[i] ?? '';
    return isFitCell(cell) ? cell : sanitizeLine(cell);
  }));
  const natural = naturalWidths(head, body, opts.minWidths);
  if (!style.tty) return { head, body, widths: natural };
  const flex = new Set(opts.flex ?? []);
  const mins = head.map((h, i) => {
    if (!flex.has(i)) return natural[i] as number;
    // An earlier chunk's width is no floor here: a later row that must widen one column (an `#id`,
    // an automation's name) may take room from another rather than overflow the terminal.
    let min = displayWidth(h);
    for (const r of body) {
      const c = r[i] as Cell;
      if (isFitCell(c)) min = Math.max(min, displayWidth(c.min));
    }
    return Math.min(natural[i] as number, min);
  });
  return { head, body, widths: fitWidths(natural, mins, [...flex], style.width) };
}

/** The widest line of a (possibly wrapped) text. */
function widestLine(text: string): number {
  let w = 0;
  for (const line of text.split('\n')) w = Math.max(w, displayWidth(line));
  return w;
}

/** The width a table's lines would take on this terminal (its widest line), for choosing among layouts. */
export function tableWidth(headers: string[], rows: Cell[][], style: TableStyle, opts: TableOptions = {}): number {
  if (rows.length === 0) return 0;
  const { widths, body } = layoutOf(headers, rows, style, opts);
  // A fit cell narrower than its min still shows the min: the line is then wider than planned.
  const shown = [...widths];
  for (const r of body) {
    r.forEach((c, i) => {
      if (isFitCell(c)) shown[i] = Math.max(shown[i] as number, widestLine(c.fit(widths[i] as number)));
    });
  }
  return shown.reduce((a, b) => a + b, 0) + GAP.length * (shown.length - 1);
}

/**
 * The widest cell of each column (a fit cell by its whole text), at least `floor`. A loop, not
 * Math.max(...cells): a spread of some 100,000 rows overflows the stack.
 */
export function naturalWidths(head: string[], body: Cell[][], floor?: readonly number[]): number[] {
  const widths = head.map((h, i) => Math.max(displayWidth(h), floor?.[i] ?? 0));
  for (const row of body) {
    for (let i = 0; i < widths.length; i++) {
      const cell = row[i] ?? '';
      const w = displayWidth(isFitCell(cell) ? cell.text : cell);
      if (w > (widths[i] as number)) widths[i] = w;
    }
  }
  return widths;
}

/**
 * Headers and rows as aligned lines joined by two spaces, ending in a newline; '' when there are no rows.
 * Cells are sanitised before anything is measured, so hostile text can neither move the cursor nor skew
 * columns. A fit cell may wrap onto several lines; its row then takes that many.
 */
export function renderTable(headers: string[], rows: Cell[][], style: TableStyle, opts: TableOptions = {}): string {
  return layoutTable(headers, rows, style, opts).text;
}

/** renderTable, also giving the widths used, so a long listing can be laid out chunk by chunk. */
export function layoutTable(headers: string[], rows: Cell[][], style: TableStyle, opts: TableOptions = {}): TableLayout {
  if (rows.length === 0) return { text: '', widths: opts.minWidths ?? [] };
  const { head, body, widths } = layoutOf(headers, rows, style, opts);
  // The colour decision (io.ts) already weighed the terminal against --no-color, FORCE_COLOR and NO_COLOR.
  const colored = style.color.level > 0;
  // Cells are fitted (and split into lines) below, so placing them only pads.
  const place = (texts: string[], paint: (text: string, col: number) => string): string =>
    layoutLine(texts, widths, { tty: false }, opts.align, (t, col) => (t === '' ? t : paint(t, col)));
  const cellLines = (cell: Cell, i: number): string[] => {
    const w = widths[i] as number;
    if (isFitCell(cell)) return (style.tty ? cell.fit(w) : cell.text).split('\n');
    return [style.tty ? truncateToWidth(cell, w) : cell];
  };

  const lines = opts.omitHeader ? [] : [place(head, (t) => (colored ? style.color.bold(t) : t))];
  body.forEach((cells, row) => {
    const split = cells.map(cellLines);
    const height = Math.max(...split.map((l) => l.length));
    for (let k = 0; k < height; k++) {
      lines.push(
        place(split.map((l) => l[k] ?? ''), (t, col) => {
          const painter = opts.paint?.[col];
          return colored && painter ? painter(t, row) : t;
        }),
      );
    }
  });
  return { text: `${lines.join('\n')}\n`, widths };
}

/**
 * One line of sanitised cells in columns of `widths`: cut to them on a terminal, never when piped (a
 * longer cell then pushes the rest of its line along). `paint` colours the laid-out text of a cell.
 */
export function layoutLine(
  cells: string[],
  widths: number[],
  style: Pick<TableStyle, 'tty'>,
  align: TableOptions['align'],
  paint: (text: string, col: number) => string,
): string {
  const last = cells.length - 1;
  const parts = cells.map((cell, i) => {
    const w = widths[i] as number;
    const text = style.tty ? truncateToWidth(cell, w) : cell;
    const pad = paddingFor(displayWidth(text), w);
    const shown = paint(text, i);
    if (align?.[i] === 'right') return pad + shown;
    return i === last ? shown : shown + pad;
  });
  return parts.join(GAP).replace(/ +$/, '');
}

const GREEN = new Set(['created', 'registered', 'enabled']);
const YELLOW = new Set(['updated', 'rotated', 'regenerated']);
const RED = new Set(['destroyed', 'revoked', 'deleted', 'removed', 'disabled', 'expired']);

/** The colour of an action follows its verb, the last dotted segment: `playground.player.deleted` is red. */
export function paintAction(color: ChalkInstance, action: unknown, text: string): string {
  const verb = typeof action === 'string' ? (action.split('.').pop() ?? '').toLowerCase() : '';
  if (GREEN.has(verb)) return color.green(text);
  if (YELLOW.has(verb)) return color.yellow(text);
  if (RED.has(verb)) return color.red(text);
  return text;
}
