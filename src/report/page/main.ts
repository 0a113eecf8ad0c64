// The report page: reads the embedded JSON (never markup), then builds every section from it. Sets
// body[data-ready] once the chart and the table are on screen (tests and the benchmark wait on it).
import type { ReportData } from '../report-data.js';
import type { Zone } from '../../time/zone.js';
import { el, formatCount } from './dom.js';
import { renderScope } from './scope-view.js';
import { renderTimeline } from './timeline-chart.js';
import { renderCalledOut, renderCountTable } from './count-tables.js';
import { renderDossier } from './dossier-view.js';
import { createEntryDetail } from './entry-detail.js';
import { toEntryRows } from './entry-rows.js';
import { createTableModel } from './table-state.js';
import { renderEntryTable } from './entry-table.js';

function readData(): ReportData {
  const node = document.getElementById('report-data');
  if (!node?.textContent) throw new Error('fibe-audit report: the embedded data is missing');
  return JSON.parse(node.textContent) as ReportData;
}

function render(data: ReportData): void {
  const zone: Zone = { name: data.scope.zone, input: data.scope.zone };
  const detail = createEntryDetail();
  const timeline = renderTimeline(data.timeline);
  const model = createTableModel(toEntryRows(data.entries, zone));
  const header = el(
    'header',
    {},
    el('h1', {}, 'fibe-audit report'),
    el('p', { className: 'lead' }, `${formatCount(data.scope.entryCount)} audit ${data.scope.entryCount === 1 ? 'entry' : 'entries'}${data.dossier ? ' of one actor' : ''}`),
  );
  const main = el(
    'main',
    {},
    header,
    data.dossier ? renderDossier(data.dossier, zone, data.scope.generatedAt) : null,
    renderScope(data.scope, zone),
    timeline.element,
    el(
      'div',
      { className: 'grid' },
      renderCountTable('Top actors', 'top-actors', data.topActors, 'actors'),
      renderCountTable('Top actions', 'top-actions', data.topActions, 'actions'),
      renderCalledOut(data.calledOut),
    ),
    renderEntryTable(model, zone, detail),
  );
  document.body.append(main, detail.element);
  timeline.draw();
  // The table paints in a microtask after it is attached; ready once that and a frame have passed.
  requestAnimationFrame(() => {
    document.body.dataset.ready = 'true';
  });
}

render(readData());
