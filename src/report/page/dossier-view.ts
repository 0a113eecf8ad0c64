// With --actor: that actor's dossier at the top, from `actor -o json`'s objects (key record, figures,
// unused scopes, called-out actions, top resources).
import type { DossierData } from '../report-data.js';
import type { Actor } from '../../model/entry.js';
import { describeActor } from '../../render/columns.js';
import { el, formatCount, section, textOf } from './dom.js';
import { renderCalledOut } from './count-tables.js';

function pairs(entries: Array<[string, unknown]>): HTMLElement {
  return el('dl', { className: 'scope' }, ...entries.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, textOf(value ?? '—'))]));
}

const listOf = (value: unknown): string => (Array.isArray(value) ? (value.length === 0 ? 'none' : value.map(String).join(', ')) : value === null || value === undefined ? 'unknown' : String(value));

export function renderDossier(d: DossierData): HTMLElement {
  const s = d.summary;
  const facts: Array<[string, unknown]> = [
    ['Actor', describeActor(d.actor as Actor)],
    ['Entries', formatCount(Number(s.total ?? 0))],
    ['First seen', s.first_seen],
    ['Last seen', s.last_seen],
    ['Destructive or sensitive', formatCount(Number(s.destructive ?? 0))],
  ];
  if ('unused_scopes' in s) facts.push(['Unused scopes', listOf(s.unused_scopes)]);
  const key = d.key
    ? pairs([
        ['Key', `${String(d.key.label ?? '')} (#${String(d.key.id ?? '')}, ${String(d.key.masked_token ?? '')})`],
        ['Scopes', listOf(d.key.scopes)],
        ['Created', d.key.created_at],
        ['Expires', d.key.expires_at ?? 'never'],
        ['Last used', d.key.last_used_at],
        ['Genie', d.key.agent_accessible === true ? 'yes' : 'no'],
      ])
    : null;
  const resources = Array.isArray(s.resources) ? (s.resources as Array<Record<string, unknown>>).slice(0, 10) : [];
  const resourceList = resources.length
    ? el('ul', {}, ...resources.map((r) => el('li', {}, textOf(`${[r.resource_type, r.resource_id !== null ? `#${String(r.resource_id)}` : null, r.resource_name].filter((x) => x !== null && x !== undefined).join(' ')}: ${formatCount(Number(r.count))}`))))
    : null;
  const notes = d.notes.map((n) => el('p', { className: 'note' }, textOf(`note: ${n}`)));
  return section('Actor dossier', 'dossier', ...notes, pairs(facts), key, resourceList ? el('h3', {}, 'Top resources') : null, resourceList, renderCalledOut(d.calledOut, 'dossier-called-out', 'Its destructive and security-sensitive actions'));
}
