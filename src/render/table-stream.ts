// An entry table printed a few rows at a time (query --follow): the header once, then rows appended
// in columns fixed when the first rows arrive, fitted to the terminal; cells sanitised like every table.
import type { Entry } from '../model/entry.js';
import { formatAbsolute } from '../time/format.js';
import type { ColumnKey } from './columns.js';
import { sanitizeLine } from '../text/sanitize.js';
import { fitWidths, layoutLine, naturalWidths, paintAction, type TableStyle } from './table.js';
import { entryTableSpec } from './entry-table.js';
import { displayWidth } from './width.js';

export interface TableStream {
  /** Text for these rows; the first call also carries the header. '' for no rows. */
  write(entries: readonly Entry[]): string;
}

// Rows that come later are unknown when the widths are fixed: room for the usual values of the
// default columns, so most rows line up without being cut (TIME is absolute and never varies much).
const TYPICAL_DEFAULT = [0, 22, 30, 7, 30, 7];

/**
 * TIME shows the absolute time only: a relative "12s ago" printed once would be wrong a minute later.
 * `style.now` is unused for the same reason.
 */
export function createEntryTableStream(style: TableStyle, columns?: ColumnKey[]): TableStream {
  const spec = entryTableSpec(columns);
  const typical = columns && columns.length > 0 ? [] : TYPICAL_DEFAULT;
  const colored = style.tty && style.color.level > 0;
  let widths: number[] | null = null;

  const cellsOf = (e: Entry) => spec.cells(e, formatAbsolute(e.created_at, style.zone)).map((c) => sanitizeLine(c));

  const fix = (rows: string[][]): number[] => {
    const heads = spec.headers.map(displayWidth);
    const natural = naturalWidths(spec.headers, rows, heads.map((h, i) => Math.max(h, typical[i] ?? 0)));
    return style.tty ? fitWidths(natural, heads, spec.options.flex ?? [], style.width) : natural;
  };

  return {
    write(entries) {
      if (entries.length === 0) return '';
      const rows = entries.map(cellsOf);
      const lines: string[] = [];
      if (widths === null) {
        widths = fix(rows);
        lines.push(layoutLine(spec.headers, widths, style, spec.options.align, (t) => (colored ? style.color.bold(t) : t)));
      }
      const fixed = widths;
      rows.forEach((cells, row) => {
        const action = entries[row]?.action;
        lines.push(layoutLine(cells, fixed, style, spec.options.align, (t, col) => (colored && col === spec.actionColumn ? paintAction(style.color, action, t) : t)));
      });
      return `${lines.join('\n')}\n`;
    },
  };
}
