// `summary` output: the table with counts, shares and bars (and a row for what --top cut), the
// `-o json` object `{by, total, groups}` of SPEC.md, and the CSV `key,count`.
import type { Group, GroupBy, Grouping } from '../model/group.js';
import { renderBar } from './chart.js';
import { csvFromRows } from './csv.js';
import { actorParts, describeActor, describeResource, resourceParts } from './columns.js';
import { namedCell, shortCell, type Cell } from './fit-cell.js';
import { layoutJsonObject } from './json-document.js';
import { sanitizeLine } from '../text/sanitize.js';
import { naturalWidths, renderTable, type TableStyle } from './table.js';

const HEADERS: Record<GroupBy, string> = {
  action: 'ACTION',
  actor: 'ACTOR',
  actor_type: 'ACTOR TYPE',
  resource_type: 'RESOURCE TYPE',
  resource: 'RESOURCE',
  channel: 'CHANNEL',
  day: 'DAY',
  hour: 'HOUR',
};

const count = (n: number) => n.toLocaleString('en-US');

/** `{by, total, groups: [{key, count}]}`; a group without a value has key null. */
export function renderSummaryJson(g: Grouping): string {
  return layoutJsonObject(
    [
      ['by', g.by],
      ['total', g.total],
      ['groups', g.groups.map((x) => ({ key: x.key, count: x.count }))],
    ],
    ['groups'],
  );
}

export async function renderSummaryCsv(g: Grouping, guard: boolean): Promise<string> {
  return csvFromRows(['key', 'count'], g.groups.map((x) => [x.key ?? '', String(x.count)]), guard);
}

/** The table's text for a group: actors and resources by their newest description, the rest by key. */
export function groupLabel(by: GroupBy, group: Group): string {
  if (group.key === null) return '(none)';
  if (by === 'actor' && group.sample) return describeActor(group.sample.actor);
  if (by === 'resource' && group.sample) return describeResource(group.sample);
  return group.key;
}

function share(n: number, total: number): string {
  return total > 0 ? `${((100 * n) / total).toFixed(1)}%` : '0.0%';
}

/** The label as a cell: an actor or resource keeps its kind and `#id` on a narrow terminal. */
function labelCell(by: GroupBy, group: Group): Cell {
  if (by === 'actor' && group.sample) return namedCell(actorParts(group.sample.actor));
  if (by === 'resource' && group.sample) return namedCell(resourceParts(group.sample));
  return sanitizeLine(groupLabel(by, group));
}

/** Rows of label, count, share and a bar scaled to the largest group; '' when there is nothing to show. */
export function renderSummaryTable(g: Grouping, style: TableStyle): string {
  if (g.groups.length === 0) return '';
  const labels = g.groups.map((x) => labelCell(g.by, x));
  const cutLabel =
    g.cutGroups > 0 ? shortCell(`(${count(g.cutGroups)} more ${g.cutGroups === 1 ? 'group' : 'groups'} cut by --top)`, `(${count(g.cutGroups)} more cut by --top)`) : null;
  const counts = g.groups.map((x) => count(x.count));
  const max = g.groups.reduce((m, x) => Math.max(m, x.count), 0);
  const header = HEADERS[g.by];
  // Room for the bar: what the label, count and share columns (and three gaps) leave of the width.
  // Measured by the tables' own loop (naturalWidths), never Math.max(...list): `--by resource --top`
  // may give more groups than the stack holds arguments.
  const measured: Cell[][] = labels.map((l, i) => [l, counts[i] as string]);
  if (cutLabel) measured.push([cutLabel, count(g.cutEntries)]);
  const [labelNatural = 0, countWidth = 0] = naturalWidths([header, 'COUNT'], measured);
  const labelWidth = Math.min(labelNatural, Math.max(12, Math.floor(style.width * 0.45)));
  const barWidth = Math.max(8, Math.min(50, style.width - labelWidth - countWidth - 6 - 3 * 2));
  const rows: Cell[][] = g.groups.map((x, i) => [labels[i] as Cell, counts[i] as string, share(x.count, g.total), renderBar(x.count, max, barWidth)]);
  if (cutLabel) rows.push([cutLabel, count(g.cutEntries), share(g.cutEntries, g.total), '']);
  // The colour decision (io.ts) already weighed the terminal against --no-color, FORCE_COLOR and NO_COLOR.
  const colored = style.color.level > 0;
  return renderTable([header, 'COUNT', 'SHARE', ''], rows, style, {
    align: ['left', 'right', 'right', 'left'],
    flex: [0],
    paint: [undefined, undefined, undefined, colored ? (t) => style.color.cyan(t) : undefined],
  });
}
