// The full entry table: search box, actor and action filters, sortable columns, and only the rows in
// view in the DOM (fixed row height, spacer rows above and below), so 100,000 entries stay fast.
import type { Zone } from '../../time/zone.js';
import { formatAbsolute } from '../../time/format.js';
import { el, formatCount, section, textOf, visible } from './dom.js';
import type { EntryDetail } from './entry-detail.js';
import type { EntryRow } from './entry-rows.js';
import { DEFAULT_QUERY, type SortKey, type TableModel, type TableQuery } from './table-state.js';

const ROW_HEIGHT = 28;
const OVERSCAN = 10;
const SEARCH_DELAY_MS = 120;

const COLUMNS: Array<{ key: SortKey; title: string; cell(r: EntryRow, zone: Zone): string }> = [
  { key: 'time', title: 'Time', cell: (r, zone) => formatAbsolute(String(r.record.created_at ?? ''), zone) },
  { key: 'action', title: 'Action', cell: (r) => r.action },
  { key: 'actor', title: 'Actor', cell: (r) => r.actorText },
  { key: 'channel', title: 'Channel', cell: (r) => r.channel },
  { key: 'resource', title: 'Resource', cell: (r) => r.resourceText },
  { key: 'id', title: 'ID', cell: (r) => String(r.record.id ?? '') },
];

function optionsFor(values: Array<[value: string, label: string, count: number]>, all: string): HTMLOptionElement[] {
  const first = el('option', {}, all);
  first.value = '';
  return [first, ...values.map(([value, label, count]) => {
    const option = el('option', {}, textOf(`${label} (${formatCount(count)})`));
    option.value = value;
    return option;
  })];
}

/** Distinct values of a row field with their label and count, most frequent first. */
function distinct(rows: readonly EntryRow[], key: (r: EntryRow) => string, label: (r: EntryRow) => string): Array<[string, string, number]> {
  const seen = new Map<string, [string, string, number]>();
  for (const r of rows) {
    const k = key(r);
    const hit = seen.get(k);
    if (hit) hit[2] += 1;
    else seen.set(k, [k, label(r), 1]);
  }
  return [...seen.values()].sort((a, b) => b[2] - a[2] || (a[1] < b[1] ? -1 : 1));
}

export function renderEntryTable(model: TableModel, zone: Zone, detail: EntryDetail): HTMLElement {
  const query: TableQuery = { ...DEFAULT_QUERY };
  let shown: number[] = model.select(query);

  const search = el('input', { attrs: { type: 'search', id: 'entry-search', placeholder: 'Search action, resource name, metadata', 'aria-label': 'Search entries', autocomplete: 'off' } });
  const actorSelect = el('select', { attrs: { id: 'entry-actor', 'aria-label': 'Filter by actor' } }, ...optionsFor(distinct(model.rows, (r) => r.actorKey, (r) => r.actorText), 'All actors'));
  const actionSelect = el('select', { attrs: { id: 'entry-action', 'aria-label': 'Filter by action' } }, ...optionsFor(distinct(model.rows, (r) => r.action, (r) => r.action), 'All actions'));
  const counter = el('span', { className: 'note', attrs: { id: 'entry-count', role: 'status' } });

  const headButtons = COLUMNS.map((c) => {
    const button = el('button', { attrs: { type: 'button', 'data-sort': c.key } }, c.title);
    button.addEventListener('click', () => {
      query.descending = query.sort === c.key ? !query.descending : c.key === 'time';
      query.sort = c.key;
      refresh();
    });
    return button;
  });
  const heads = COLUMNS.map((c, i) => el('th', { attrs: { scope: 'col', 'data-col': c.key } }, headButtons[i] as HTMLElement));
  const colgroup = el('colgroup', {}, ...COLUMNS.map((c) => el('col', { className: `col-${c.key}` })));
  const body = el('tbody', { attrs: { id: 'entry-rows' } });
  const table = el('table', { className: 'entries' }, colgroup, el('thead', {}, el('tr', {}, ...heads)), body);
  const viewport = el('div', { className: 'viewport', attrs: { id: 'entry-viewport', tabindex: '0' } }, table);

  const spacer = (height: number) => {
    const tr = el('tr', { className: 'spacer', attrs: { 'aria-hidden': 'true' } }, el('td', { attrs: { colspan: String(COLUMNS.length) } }));
    tr.style.height = `${height}px`;
    return tr;
  };

  const rowFor = (index: number): HTMLTableRowElement => {
    const r = model.rows[index] as EntryRow;
    const tr = el('tr', { className: r.risk ? `entry risk-row-${r.risk}` : 'entry', attrs: { tabindex: '0' } }, ...COLUMNS.map((c) => {
      const text = visible(c.cell(r, zone));
      return el('td', { title: text }, text);
    }));
    tr.dataset.id = String(r.id);
    tr.addEventListener('click', () => detail.show(r.record, `Entry ${visible(String(r.record.id ?? ''))}`));
    tr.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') detail.show(r.record, `Entry ${visible(String(r.record.id ?? ''))}`);
    });
    return tr;
  };

  const paint = () => {
    const first = Math.max(0, Math.floor(viewport.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const count = Math.ceil(viewport.clientHeight / ROW_HEIGHT) + 2 * OVERSCAN;
    const last = Math.min(shown.length, first + count);
    const rows: HTMLTableRowElement[] = [];
    if (first > 0) rows.push(spacer(first * ROW_HEIGHT));
    for (let i = first; i < last; i++) rows.push(rowFor(shown[i] as number));
    if (last < shown.length) rows.push(spacer((shown.length - last) * ROW_HEIGHT));
    body.replaceChildren(...rows);
  };

  function refresh(): void {
    shown = model.select(query);
    counter.textContent = `${formatCount(shown.length)} of ${formatCount(model.rows.length)} entries`;
    for (const [i, c] of COLUMNS.entries()) {
      (heads[i] as HTMLElement).setAttribute('aria-sort', query.sort === c.key ? (query.descending ? 'descending' : 'ascending') : 'none');
    }
    viewport.scrollTop = 0;
    paint();
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      query.search = search.value;
      refresh();
    }, SEARCH_DELAY_MS);
  });
  actorSelect.addEventListener('change', () => {
    query.actor = actorSelect.value === '' ? null : actorSelect.value;
    refresh();
  });
  actionSelect.addEventListener('change', () => {
    query.action = actionSelect.value === '' ? null : actionSelect.value;
    refresh();
  });
  let frame = 0;
  viewport.addEventListener('scroll', () => {
    if (frame === 0) frame = requestAnimationFrame(() => {
      frame = 0;
      paint();
    });
  });

  const controls = el('div', { className: 'controls' }, search, actorSelect, actionSelect, counter);
  const root = section('Entries', 'entries', controls, viewport, el('p', { className: 'note' }, 'Click an entry (or press Enter on it) for its raw JSON. Search is case-insensitive over the action, resource name and metadata, as query --search.'));
  // Painted once attached, when the viewport has its height.
  queueMicrotask(refresh);
  return root;
}
