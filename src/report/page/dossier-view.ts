// With --actor: that actor's dossier at the top, from `actor -o json`'s objects (key record, figures,
// unused scopes, called-out actions, top resources).
import type { DossierData } from '../report-data.js';
import type { Actor } from '../../model/entry.js';
import type { Zone } from '../../time/zone.js';
import { describeActor } from '../../render/columns.js';
import { formatAbsolute } from '../../time/format.js';
import { el, formatCount, section, textOf } from './dom.js';
import { renderCalledOut } from './count-tables.js';

function pairs(entries: Array<[string, unknown]>): HTMLElement {
  return el('dl', { className: 'scope' }, ...entries.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, textOf(value ?? '—'))]));
}

/** A time as the rest of the page shows it (in the report's zone); `absent` when there is none. */
const timeOf = (value: unknown, zone: Zone, absent: string): string => (typeof value === 'string' && value !== '' ? formatAbsolute(value, zone) : absent);

/** `expired` as actor's key record says it: an expiry at or before the report was made. */
function expiryOf(value: unknown, zone: Zone, generatedAt: string): string {
  if (typeof value !== 'string' || value === '') return 'never';
  const past = Date.parse(value) <= Date.parse(generatedAt);
  return `${formatAbsolute(value, zone)}${past ? ' expired' : ''}`;
}

const listOf = (value: unknown): string => (Array.isArray(value) ? (value.length === 0 ? 'none' : value.map(String).join(', ')) : value === null || value === undefined ? 'unknown' : String(value));

export function renderDossier(d: DossierData, zone: Zone, generatedAt: string): HTMLElement {
  const s = d.summary;
  const facts: Array<[string, unknown]> = [
    ['Actor', describeActor(d.actor as Actor)],
    ['Entries', formatCount(Number(s.total ?? 0))],
    ['First seen', timeOf(s.first_seen, zone, '—')],
    ['Last seen', timeOf(s.last_seen, zone, '—')],
    ['Destructive or sensitive', formatCount(Number(s.destructive ?? 0))],
  ];
  if ('unused_scopes' in s) facts.push(['Unused scopes', listOf(s.unused_scopes)]);
  // The key record joins the same list, so every label shares one column.
  const key = d.key;
  if (key) {
    facts.push(
      ['Key', `${String(key.label ?? '')} (#${String(key.id ?? '')}, ${String(key.masked_token ?? '')})`],
      ['Scopes', listOf(key.scopes)],
      ['Created', timeOf(key.created_at, zone, '—')],
      ['Expires', expiryOf(key.expires_at, zone, generatedAt)],
    );
    // As actor prints it: no line when the key list does not say.
    if ('last_used_at' in key) facts.push(['Last used', timeOf(key.last_used_at, zone, 'never')]);
    facts.push(['Genie', key.agent_accessible === true ? 'yes' : 'no']);
  }
  const resources = Array.isArray(s.resources) ? (s.resources as Array<Record<string, unknown>>).slice(0, 10) : [];
  const resourceList = resources.length
    ? el('ul', {}, ...resources.map((r) => el('li', {}, textOf(`${[r.resource_type, r.resource_id !== null ? `#${String(r.resource_id)}` : null, r.resource_name].filter((x) => x !== null && x !== undefined).join(' ')}: ${formatCount(Number(r.count))}`))))
    : null;
  const notes = d.notes.map((n) => el('p', { className: 'note' }, textOf(`note: ${n}`)));
  return section('Actor dossier', 'dossier', ...notes, pairs(facts), resourceList ? el('h3', {}, 'Top resources') : null, resourceList, renderCalledOut(d.calledOut, 'dossier-called-out', 'Its destructive and security-sensitive actions'));
}
