// The small tables: top actors and actions (summary's groups and counts) and the called-out actions.
import type { CalledOutRow, CountTable } from '../report-data.js';
import { el, formatCount, section, textOf } from './dom.js';

interface Row {
  cells: Node[];
  /** A machine key for the row (summary's group key), kept as data; setAttribute never parses markup. */
  key?: string | null;
}

function table(headers: string[], rows: Row[], id: string): HTMLTableElement {
  const trs = rows.map((r) => {
    const tr = el('tr', {}, ...r.cells.map((c) => el('td', {}, c)));
    if (r.key !== undefined) tr.dataset.key = r.key ?? '';
    return tr;
  });
  return el(
    'table',
    { className: 'counts', attrs: { 'data-table': id } },
    el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { attrs: { scope: 'col' } }, h)))),
    el('tbody', {}, ...trs),
  );
}

function countCell(n: number): HTMLElement {
  return el('span', { className: 'num' }, formatCount(n));
}

export function renderCountTable(title: string, id: string, data: CountTable, what: 'actors' | 'actions'): HTMLElement {
  const rows = data.rows.map((r) => ({ cells: [textOf(r.label), countCell(r.count)], key: r.key }));
  const cut = data.cutGroups > 0 ? el('p', { className: 'note' }, `${formatCount(data.cutGroups)} more ${what} (${formatCount(data.cutEntries)} entries) not listed`) : null;
  const body = rows.length > 0 ? table([what === 'actors' ? 'Actor' : 'Action', 'Entries'], rows, id) : el('p', { className: 'note' }, 'none');
  return section(title, id, body, cut);
}

export function renderCalledOut(rows: CalledOutRow[], id = 'called-out', title = 'Destructive and security-sensitive actions'): HTMLElement {
  if (rows.length === 0) return section(title, id, el('p', { className: 'note' }, 'none in this scope'));
  const cells = rows.map((r) => ({
    cells: [textOf(r.action), el('span', { className: `risk risk-${r.risk}` }, r.risk === 'destructive' ? 'destructive' : 'security'), countCell(r.count)],
  }));
  return section(title, id, table(['Action', 'Kind', 'Entries'], cells, id));
}
