// The query/actor entry list as a table: TIME, ACTION, ACTOR, CHANNEL, RESOURCE, ID, or exactly the
// `--columns` given. On a narrow terminal it gives way in steps, never cutting a `#id` or the entry ID.
import type { Entry } from '../model/entry.js';
import { formatAbsolute, formatRelative, formatShortAbsolute } from '../time/format.js';
import { COLUMNS, actorParts, resourceParts, type ColumnKey, type DescriptionParts } from './columns.js';
import { namedCell, type Cell, type FitCell } from './fit-cell.js';
import { displayWidth } from './width.js';
import { layoutTable, paintAction, tableWidth, type CellPainter, type TableLayout, type TableOptions, type TableStyle } from './table.js';

// Short, closed-set or numeric columns stay whole; free text may be cut on a terminal.
const FIXED_KEYS: ReadonlySet<ColumnKey> = new Set(['id', 'created_at', 'actor_kind', 'actor_id', 'resource_id']);
const RIGHT_KEYS: ReadonlySet<ColumnKey> = new Set(['id', 'actor_id', 'resource_id']);

/** Cells of a label or name kept while the layout still has room for the absolute time. */
const SOFT_KEEP = 8;

/** `playground.playguard.recovered` gives way in its family, keeping the verb: `playgr….recovered`. */
function actionCell(action: string, keep: number): Cell {
  const dot = action.lastIndexOf('.');
  if (dot <= 0) return action;
  const tail = action.slice(dot);
  return namedCell({ head: '', name: action.slice(0, dot), tail, bare: `…${tail}`, keep });
}

const partsCell = (p: DescriptionParts, keep: number) => namedCell({ ...p, keep });

/** One way of laying the table out; tried from the roomiest to the narrowest. */
interface Step {
  /** TIME shows the absolute time after the relative one. */
  absolute: boolean;
  /** Cells of each name kept at the least (0: down to `key #15`, `Trick #3312`). */
  keep: number;
  /** ACTOR and RESOURCE share one column, the resource on a second line. */
  stacked: boolean;
  channel: boolean;
}

const STEPS: Step[] = [
  { absolute: true, keep: SOFT_KEEP, stacked: false, channel: true },
  { absolute: false, keep: SOFT_KEEP, stacked: false, channel: true },
  { absolute: false, keep: 0, stacked: false, channel: true },
  { absolute: false, keep: 0, stacked: true, channel: true },
  { absolute: false, keep: 0, stacked: true, channel: false },
];

/** TIME cells; `relWidth` pads the relative part (at least an earlier chunk's) so absolute times line up. */
function timeCells(entries: Entry[], style: TableStyle, absolute: boolean, relFloor: number, staticTime: boolean): { cells: string[]; relWidth: number } {
  const abs = entries.map((e) => formatAbsolute(e.created_at, style.zone));
  if (!style.tty) return { cells: abs, relWidth: 0 };
  // Rows that stay on screen keep an absolute time; the narrower steps drop its year and zone.
  if (staticTime) return { cells: absolute ? abs : entries.map((e) => formatShortAbsolute(e.created_at, style.zone)), relWidth: 0 };
  const relative = entries.map((e) => formatRelative(e.created_at, style.now));
  if (!absolute) return { cells: relative, relWidth: 0 };
  // A fold, not Math.max(...relative): a chunk may hold more rows than the stack holds arguments.
  const w = relative.reduce((m, r) => Math.max(m, r.length), relFloor);
  return { cells: relative.map((r, i) => `${r.padEnd(w)}  ${abs[i]}`), relWidth: w };
}

/** Stacked: `key "GitHub Actions CI" #15` over `Trick #3312 nightly-seed`, each giving way on its own. */
function stackedCell(actor: FitCell, resource: FitCell): FitCell {
  const lines = (a: string, r: string) => (r === '' ? a : `${a}\n${r}`);
  const widest = (a: string, b: string) => (displayWidth(a) >= displayWidth(b) ? a : b);
  return {
    text: widest(actor.text, resource.text),
    min: widest(actor.min, resource.min),
    fit: (width) => lines(actor.fit(width), resource.fit(width)),
  };
}

function layoutFor(entries: Entry[], style: TableStyle, step: Step, relFloor: number, staticTime: boolean): { headers: string[]; rows: Cell[][]; opts: TableOptions; relWidth: number } {
  const paintRow: CellPainter = (text, row) => paintAction(style.color, entries[row]?.action, text);
  const { cells: times, relWidth } = timeCells(entries, style, step.absolute, relFloor, staticTime);
  const headers = ['TIME', 'ACTION', ...(step.stacked ? ['ACTOR / RESOURCE'] : ['ACTOR']), ...(step.channel ? ['CHANNEL'] : []), ...(step.stacked ? [] : ['RESOURCE']), 'ID'];
  const rows = entries.map((e, i): Cell[] => {
    const actor = partsCell(actorParts(e.actor), step.keep);
    const resource = partsCell(resourceParts(e), step.keep);
    return [
      times[i] as string,
      actionCell(COLUMNS.action.value(e), step.keep),
      ...(step.stacked ? [stackedCell(actor, resource)] : [actor]),
      ...(step.channel ? [COLUMNS.channel.value(e)] : []),
      ...(step.stacked ? [] : [resource]),
      COLUMNS.id.value(e),
    ];
  });
  const last = headers.length - 1;
  return {
    headers,
    rows,
    relWidth,
    opts: {
      align: headers.map((_, i) => (i === last ? 'right' : 'left')),
      flex: headers.flatMap((h, i) => (h === 'TIME' || h === 'ID' || h === 'CHANNEL' ? [] : [i])),
      paint: headers.map((h) => (h === 'ACTION' ? paintRow : undefined)),
    },
  };
}

/** How an entry listing is laid out beyond its style. */
export interface EntryTableOptions {
  /** `--columns`: exactly these, in this order. */
  columns?: ColumnKey[] | undefined;
  /** The listing's previous chunk: this one continues its table (same step, no narrower columns, no header). */
  prev?: EntryTableLayout | undefined;
  /**
   * TIME absolute only, even on a terminal (`11-26 10:12:14` where the relative time would be the
   * only one): for rows that stay on screen while time passes (query --follow), where a relative
   * "12s ago" printed once would soon be wrong.
   */
  staticTime?: boolean;
}

/** A laid-out chunk of an entry listing, and what the listing's next chunk must keep to. */
export interface EntryTableLayout extends TableLayout {
  /** The default table's layout step (its columns); later chunks keep it, so the header stays true. */
  step: number;
  /** Width of the relative part of TIME, so absolute times line up across chunks. */
  relWidth: number;
}

/**
 * The last step with the same columns as step `i`: a later chunk whose rows need more room than the
 * first chunk's (a longer `#id` or automation name) gives way within its columns, never changes them.
 */
function lastWithColumnsOf(i: number): number {
  const step = STEPS[i] as Step;
  let last = i;
  while (last + 1 < STEPS.length && (STEPS[last + 1] as Step).stacked === step.stacked && (STEPS[last + 1] as Step).channel === step.channel) last++;
  return last;
}

/**
 * The default table. Piped it is plain and whole. On a terminal the first of these that fits is used:
 * names cut (never below 8 cells) beside the absolute time; relative time only; names down to the
 * bare `key #15`/`Trick #3312`; the resource stacked under the actor; CHANNEL left out. A later chunk
 * (`prev`) keeps the first chunk's columns and widths (giving way further within those columns when
 * its rows need it) and leaves out the header; one whose rows fit the terminal only with other
 * columns takes them and prints their header.
 */
function layoutDefaultTable(entries: Entry[], style: TableStyle, prev: EntryTableLayout | undefined, staticTime: boolean): EntryTableLayout {
  const first = prev ? prev.step : 0;
  const last = !style.tty ? first : STEPS.length - 1;
  const sameColumnsUntil = prev ? lastWithColumnsOf(first) : -1;
  for (let i = first; ; i++) {
    // Within the header's columns the chunk continues the table; past them (its rows cannot fit the
    // terminal otherwise) it starts a new one, header and all, rather than wrap every line.
    const chunk: TableOptions = prev && i <= sameColumnsUntil ? { minWidths: prev.widths, omitHeader: true } : {};
    const { headers, rows, opts, relWidth } = layoutFor(entries, style, STEPS[i] as Step, prev?.relWidth ?? 0, staticTime);
    if (i === last || tableWidth(headers, rows, style, { ...opts, ...chunk }) <= style.width) {
      return { ...layoutTable(headers, rows, style, { ...opts, ...chunk }), step: i, relWidth };
    }
  }
}

export function renderEntryTable(entries: Entry[], style: TableStyle, columns?: ColumnKey[]): string {
  return layoutEntryTable(entries, style, { columns }).text;
}

/**
 * One chunk of an entry listing (a query's 1,000 rows, a follower's new entries); pass the previous
 * chunk's layout to continue the same table.
 */
export function layoutEntryTable(entries: Entry[], style: TableStyle, opts: EntryTableOptions = {}): EntryTableLayout {
  const { columns, prev } = opts;
  if (!columns || columns.length === 0) return layoutDefaultTable(entries, style, prev, opts.staticTime ?? false);
  // Exactly the `--columns` given, as plain text; free-text columns may be cut on a terminal.
  const paintRow: CellPainter = (text, row) => paintAction(style.color, entries[row]?.action, text);
  const layout = layoutTable(
    columns.map((k) => COLUMNS[k].header),
    entries.map((e) => columns.map((k) => COLUMNS[k].value(e))),
    style,
    {
      align: columns.map((k) => (RIGHT_KEYS.has(k) ? 'right' : 'left')),
      flex: columns.flatMap((k, i) => (FIXED_KEYS.has(k) ? [] : [i])),
      paint: columns.map((k) => (k === 'action' ? paintRow : undefined)),
      ...(prev ? { minWidths: prev.widths, omitHeader: true } : {}),
    },
  );
  return { ...layout, step: 0, relWidth: 0 };
}
