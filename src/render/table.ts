// Aligned text tables for the terminal and for pipes: every cell sanitised, fitted to the width on a terminal.
import type { ChalkInstance } from 'chalk';
import type { Entry } from '../model/entry.js';
import type { Zone } from '../time/zone.js';
import { formatAbsolute, formatRelative } from '../time/format.js';
import { sanitizeLine } from '../text/sanitize.js';
import { displayWidth, paddingFor, truncateToWidth } from './width.js';
import { COLUMNS, describeActor, describeResource, type ColumnKey } from './columns.js';

export interface TableStyle {
  color: ChalkInstance;
  /** stdout is a terminal: relative times, colour, fit to `width`. Piped: plain, nothing cut. */
  tty: boolean;
  width: number;
  zone: Zone;
  now: Date;
}

/** Colours a laid-out cell (already sanitised, cut and unpadded); `row` indexes the data rows. */
export type CellPainter = (text: string, row: number) => string;

export interface TableOptions {
  align?: ('left' | 'right')[];
  /** Column indexes that may shrink (cut with `…`) to fit a terminal; the others never are. */
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

/** Shrinks the widest flexible column first, never below its header, until the row fits (or nothing can give). */
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

/**
 * The widest cell of each column, at least `floor`. A loop, not Math.max(...cells): a spread of some
 * 100,000 rows overflows the stack.
 */
export function naturalWidths(head: string[], body: string[][], floor?: readonly number[]): number[] {
  const widths = head.map((h, i) => Math.max(displayWidth(h), floor?.[i] ?? 0));
  for (const row of body) {
    for (let i = 0; i < widths.length; i++) {
      const w = displayWidth(row[i] as string);
      if (w > (widths[i] as number)) widths[i] = w;
    }
  }
  return widths;
}

/**
 * Headers and rows as aligned lines joined by two spaces, ending in a newline; '' when there are no rows.
 * Cells are sanitised before anything is measured, so hostile text can neither move the cursor nor skew columns.
 */
export function renderTable(headers: string[], rows: string[][], style: TableStyle, opts: TableOptions = {}): string {
  return layoutTable(headers, rows, style, opts).text;
}

/** renderTable, also giving the widths used, so a long listing can be laid out chunk by chunk. */
export function layoutTable(headers: string[], rows: string[][], style: TableStyle, opts: TableOptions = {}): TableLayout {
  if (rows.length === 0) return { text: '', widths: opts.minWidths ?? [] };
  const head = headers.map((h) => sanitizeLine(h));
  const body = rows.map((r) => head.map((_, i) => sanitizeLine(r[i] ?? '')));
  const natural = naturalWidths(head, body, opts.minWidths);
  const widths = style.tty
    ? fitWidths(natural, head.map(displayWidth), opts.flex ?? [], style.width)
    : natural;
  const colored = style.tty && style.color.level > 0;
  const lines = opts.omitHeader ? [] : [layoutLine(head, widths, style, opts.align, (t) => (colored ? style.color.bold(t) : t))];
  body.forEach((cells, row) => {
    lines.push(
      layoutLine(cells, widths, style, opts.align, (t, col) => {
        const painter = opts.paint?.[col];
        return colored && painter ? painter(t, row) : t;
      }),
    );
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

// Short, closed-set or numeric columns stay whole; free text may be cut on a terminal.
const FIXED_KEYS: ReadonlySet<ColumnKey> = new Set(['id', 'created_at', 'actor_kind', 'actor_id', 'resource_id']);
const RIGHT_KEYS: ReadonlySet<ColumnKey> = new Set(['id', 'actor_id', 'resource_id']);

function timeCells(entries: Entry[], style: TableStyle): string[] {
  const absolute = entries.map((e) => formatAbsolute(e.created_at, style.zone));
  if (!style.tty) return absolute;
  const relative = entries.map((e) => formatRelative(e.created_at, style.now));
  const w = relative.reduce((max, r) => Math.max(max, r.length), 0);
  return relative.map((r, i) => `${r.padEnd(w)}  ${absolute[i]}`);
}

/** The columns of an entry table: headings, how each row's cells are made, alignment, what may shrink. */
export interface EntryTableSpec {
  headers: string[];
  /** Raw cells of one row; `time` is the TIME cell when the spec has one (it depends on the other rows). */
  cells(e: Entry, time: string): string[];
  options: Omit<TableOptions, 'paint'>;
  /** Index of the ACTION column (painted by verb), or -1. */
  actionColumn: number;
}

/** TIME, ACTION, ACTOR, CHANNEL, RESOURCE, ID, or exactly the `--columns` given. */
export function entryTableSpec(columns?: ColumnKey[]): EntryTableSpec {
  if (columns && columns.length > 0) {
    const cols = columns.map((k) => COLUMNS[k]);
    return {
      headers: cols.map((c) => c.header),
      cells: (e) => cols.map((c) => c.value(e)),
      options: {
        align: columns.map((k) => (RIGHT_KEYS.has(k) ? 'right' : 'left')),
        flex: columns.flatMap((k, i) => (FIXED_KEYS.has(k) ? [] : [i])),
      },
      actionColumn: columns.indexOf('action'),
    };
  }
  return {
    headers: ['TIME', 'ACTION', 'ACTOR', 'CHANNEL', 'RESOURCE', 'ID'],
    cells: (e, time) => [time, COLUMNS.action.value(e), describeActor(e.actor), COLUMNS.channel.value(e), describeResource(e), COLUMNS.id.value(e)],
    options: { align: ['left', 'left', 'left', 'left', 'left', 'right'], flex: [1, 2, 3, 4] },
    actionColumn: 1,
  };
}

/** The query/actor entry list: TIME, ACTION, ACTOR, CHANNEL, RESOURCE, ID, or exactly the `--columns` given. */
export function renderEntryTable(entries: Entry[], style: TableStyle, columns?: ColumnKey[]): string {
  return layoutEntryTable(entries, style, columns).text;
}

/** One chunk of an entry listing: `chunk` carries the earlier chunk's widths and drops the header. */
export function layoutEntryTable(
  entries: Entry[],
  style: TableStyle,
  columns?: ColumnKey[],
  chunk: Pick<TableOptions, 'minWidths' | 'omitHeader'> = {},
): TableLayout {
  const spec = entryTableSpec(columns);
  const paintRow: CellPainter = (text, row) => paintAction(style.color, entries[row]?.action, text);
  const times = columns && columns.length > 0 ? [] : timeCells(entries, style);
  return layoutTable(
    spec.headers,
    entries.map((e, i) => spec.cells(e, times[i] ?? '')),
    style,
    { ...spec.options, paint: spec.headers.map((_, i) => (i === spec.actionColumn ? paintRow : undefined)), ...chunk },
  );
}
