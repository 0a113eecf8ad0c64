// An entry table printed a few rows at a time (query --follow): the same layout as `query`'s table
// (render/entry-table.ts), the header once, each later batch continuing the table its first rows began.
import type { Entry } from '../model/entry.js';
import type { ColumnKey } from './columns.js';
import type { TableStyle } from './table.js';
import { layoutEntryTable, type EntryTableLayout } from './entry-table.js';

export interface TableStream {
  /** Text for these rows; the first call also carries the header. '' for no rows. */
  write(entries: readonly Entry[]): string;
}

/**
 * The first rows choose the layout step on a terminal (the first that fits without cutting an `#id`
 * or an automation's name) and the column widths; later batches keep the step (the header stays
 * true) and never narrow a column. TIME shows the absolute time only: a relative "12s ago" printed
 * once would be wrong a minute later.
 */
export function createEntryTableStream(style: TableStyle, columns?: ColumnKey[]): TableStream {
  let layout: EntryTableLayout | undefined;
  return {
    write(entries) {
      if (entries.length === 0) return '';
      layout = layoutEntryTable([...entries], style, { columns, prev: layout, staticTime: true });
      return layout.text;
    },
  };
}
