// The report's head: what it covers (filters, window, source and freshness), when and by what it was
// made, how many entries, and the SHA-256 with the command line that reproduces it.
import type { ReportScope } from '../report-data.js';
import type { Zone } from '../../time/zone.js';
import { formatAbsolute, formatWindow } from '../../time/format.js';
import { el, formatCount, section, textOf } from './dom.js';

function item(term: string, id: string, ...value: Array<Node | string>): HTMLElement[] {
  return [el('dt', {}, term), el('dd', { attrs: { id } }, ...value)];
}

export function renderScope(scope: ReportScope, zone: Zone): HTMLElement {
  const window = formatWindow(scope.window.start ? new Date(scope.window.start) : null, new Date(scope.window.end), zone).replace(/^window: /, '');
  const filters = scope.filters.length === 0 ? 'none' : scope.filters.map(([flag, value]) => `${flag} ${value}`).join('  ');
  const list = el(
    'dl',
    { className: 'scope' },
    ...item('Entries', 'scope-count', formatCount(scope.entryCount)),
    ...item('Window', 'scope-window', `${window} (${scope.zone})`),
    ...item('Filters', 'scope-filters', textOf(filters)),
    ...item('Source', 'scope-source', textOf(`${scope.source.kind === 'api' ? 'Fibe API' : scope.source.kind === 'mirror' ? 'local mirror' : 'file'} ${scope.source.name}; ${scope.source.freshness}`)),
    ...item('Generated', 'scope-generated', `${formatAbsolute(scope.generatedAt, zone)} by fibe-audit ${scope.toolVersion}`),
    ...item('SHA-256', 'scope-sha256', el('code', {}, scope.sha256)),
    ...item('Check it', 'scope-verify', el('code', {}, textOf(scope.verify))),
  );
  const note = el('p', { className: 'note' }, 'The SHA-256 is over the entries exactly as export --format ndjson writes them (oldest first); the command above prints the same hash, given the same key and data. An entry the API receives late, stamped inside the window, changes both: a window ending well in the past stays checkable.');
  return section('Scope', 'scope', list, note);
}
