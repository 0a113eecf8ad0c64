// `actor <ref>` output: the human report (key record, activity, per-day chart, actions, resources,
// called-out actions, scope review, recent entries) and the `-o json` object of SPEC.md.
import type { Actor, ApiKeyRecord } from '../model/entry.js';
import type { ActorSummary } from '../model/actor-summary.js';
import type { ScopeBasis, ScopeReview } from '../model/scopes.js';
import type { Window } from '../time/parse.js';
import { parseTimestamp } from '../time/parse.js';
import { formatAbsolute, formatRelative, formatWindow } from '../time/format.js';
import { describeActor, resourcePartsOf } from './columns.js';
import { namedCell, wrapItems, type Cell } from './fit-cell.js';
import { renderBar } from './chart.js';
import { renderDayChart } from './day-chart.js';
import { toJsonRecord } from './json.js';
import { layoutJsonObject } from './json-document.js';
import { sanitizeLine } from '../text/sanitize.js';
import { renderTable, type TableStyle } from './table.js';
import { renderEntryTable } from './entry-table.js';

export interface ActorReport {
  actor: Actor;
  /** The key record from /api/api_keys, or null (not a key, no keys:manage, or no such key now). */
  key: ApiKeyRecord | null;
  /** True for key and Genie actors: the summary then carries unused_scopes. */
  isKey: boolean;
  summary: ActorSummary;
  /** Null when the key's scopes are unknown (or the actor is no key). */
  scopes: ScopeReview | null;
  /** What the review was judged from (all of the key's activity in the window); null when not reviewed. */
  scopeBasis?: ScopeBasis | null;
  window: Window;
}

const TOP_RESOURCES = 10;
const LABEL_WIDTH = 18;
const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/** `summary` of SPEC.md, field for field; unused_scopes only for keys (null when their scopes are unknown or not judged: no activity). */
export function actorSummaryJson(r: ActorReport): Record<string, unknown> {
  const s = r.summary;
  return {
    total: s.total,
    first_seen: s.firstSeen,
    last_seen: s.lastSeen,
    by_action: Object.fromEntries(s.byAction),
    resources: s.resources.map((x) => ({ ...x })),
    per_day: Object.fromEntries(s.perDay),
    destructive: s.destructive,
    ...(r.isKey ? { unused_scopes: r.scopes && r.scopeBasis?.total !== 0 ? (r.scopes.wildcard ? [] : [...r.scopes.unused]) : null } : {}),
  };
}

/** `{actor, key, summary, entries}`: entries are the recent ones shown (all with --all), newest first. */
export function renderActorJson(r: ActorReport): string {
  return layoutJsonObject(
    [
      ['actor', { kind: r.actor.kind, id: r.actor.id, label: r.actor.label }],
      ['key', r.key],
      ['summary', actorSummaryJson(r)],
      ['entries', r.summary.recent.map(toJsonRecord)],
    ],
    ['entries'],
  );
}

interface Paint {
  heading(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
}

function painterFor(style: TableStyle): Paint {
  const on = style.color.level > 0;
  const c = style.color;
  return {
    heading: (t) => (on ? c.bold(t) : t),
    red: (t) => (on ? c.red(t) : t),
    yellow: (t) => (on ? c.yellow(t) : t),
  };
}

/**
 * `  label             value` with the value made terminal-safe; on a terminal a long value wraps at
 * spaces under itself (a scope list breaks after a comma, never inside a scope).
 */
function field(label: string, value: string, style: TableStyle): string {
  const indent = 2 + LABEL_WIDTH;
  const text = sanitizeLine(value);
  const lines = style.tty ? wrapItems(text.split(' '), Math.max(20, style.width - indent), ' ') : [text];
  return `  ${label.padEnd(LABEL_WIDTH)}${lines.join(`\n${' '.repeat(indent)}`)}`;
}

/** A heading or note line, wrapped at spaces on a terminal. */
function wrapped(text: string, style: TableStyle): string {
  return style.tty ? wrapItems(text.split(' '), style.width, ' ').join('\n') : text;
}

/** An absolute time in --tz, plus how long ago on a terminal. */
function when(at: string, style: TableStyle): string {
  const abs = formatAbsolute(at, style.zone);
  return style.tty && !Number.isNaN(parseTimestamp(at)) ? `${abs} (${formatRelative(at, style.now)})` : abs;
}

function indent(block: string): string {
  return block
    .split('\n')
    .map((line) => (line === '' ? line : `  ${line}`))
    .join('\n');
}

function keySection(key: ApiKeyRecord, style: TableStyle, now: Date): string[] {
  const lines = ['Key record'];
  lines.push(field('label', String(key.label ?? ''), style));
  lines.push(field('id', String(key.id), style));
  lines.push(field('token', String(key.masked_token ?? ''), style));
  lines.push(field('scopes', Array.isArray(key.scopes) && key.scopes.length > 0 ? key.scopes.join(', ') : '(none)', style));
  lines.push(field('created', typeof key.created_at === 'string' ? when(key.created_at, style) : '-', style));
  let expires = 'never';
  if (typeof key.expires_at === 'string') {
    const ms = parseTimestamp(key.expires_at);
    expires = `${when(key.expires_at, style)}${ms <= now.getTime() ? ' expired' : ''}`;
  }
  lines.push(field('expires', expires, style));
  lines.push(field('agent-accessible', key.agent_accessible === true ? 'yes (Genie)' : 'no', style));
  // Always said, so its absence is not read as nothing to report: a key with entries that the API
  // calls never used is worth a second look.
  const lastUsed = typeof key.last_used_at === 'string' ? when(key.last_used_at, style) : key.last_used_at === null ? 'never (per the API)' : 'not reported by the API';
  lines.push(field('last used', lastUsed, style));
  return lines;
}

function scopeSection(review: ScopeReview, paint: Paint, style: TableStyle, basis: ScopeBasis | null | undefined): string[] {
  const list = (xs: string[]) => (xs.length > 0 ? xs.join(', ') : 'none');
  const lines = ['Scopes'];
  if (basis?.narrowed) lines.push(field('judged from', `all ${plural(basis.total, 'entry', 'entries')} of this key in the window, not only the filtered ones`, style));
  if (basis?.total === 0) {
    // Zero entries say nothing about what the key needs: no verdict, only what the record itself shows.
    if (review.wildcard) lines.push(paint.yellow(field('wildcard', '* grants every scope: cannot be narrowed', style)));
    lines.push(field('not judged', 'no activity of this key in the window to judge its scopes by', style));
    return lines;
  }
  if (review.wildcard) {
    lines.push(paint.yellow(field('wildcard', '* grants every scope: cannot be narrowed', style)));
    lines.push(field('observed minimum', review.minimum.length > 0 ? `${review.minimum.join(', ')} (plus the reads it needs)` : 'none', style));
  } else {
    const unused = field('unused', review.unused.length > 0 ? `${review.unused.join(', ')} (granted; no action in the window needed it)` : 'none', style);
    lines.push(review.unused.length > 0 ? paint.yellow(unused) : unused);
    lines.push(field('needed', list(review.used), style));
  }
  if (review.unobservable.length > 0) lines.push(field('unobservable', `${review.unobservable.join(', ')} (reads are not audited)`, style));
  if (review.uncovered.length > 0) lines.push(field('not covered', `${review.uncovered.join(', ')} (no granted scope maps to it)`, style));
  return lines;
}

function activitySection(s: ActorSummary, style: TableStyle): string[] {
  return [
    'Activity',
    field('entries', count(s.total), style),
    field('first seen', s.firstSeen ? when(s.firstSeen, style) : '-', style),
    field('last seen', s.lastSeen ? when(s.lastSeen, style) : '-', style),
    field('called out', `${plural(s.destructive, 'entry', 'entries')} destructive or security-sensitive`, style),
  ];
}

function actionSection(s: ActorSummary, style: TableStyle): string[] {
  const max = s.byAction[0]?.[1] ?? 0;
  const width = Math.max(4, Math.min(24, style.width - 2 - 40));
  const rows = s.byAction.map(([action, n]) => [action, count(n), renderBar(n, max, width)]);
  const table = renderTable(['ACTION', 'COUNT', ''], rows, { ...style, width: style.width - 2 }, { align: ['left', 'right', 'left'], flex: [0] });
  return [`By action (${plural(s.byAction.length, 'action')})`, indent(table).trimEnd()];
}

function resourceSection(s: ActorSummary, style: TableStyle): string[] {
  const shown = s.resources.slice(0, TOP_RESOURCES);
  // As the entry table's RESOURCE column writes it; on a narrow terminal the name gives way, never the #id.
  const rows: Cell[][] = shown.map((r) => [namedCell(resourcePartsOf(r.resource_type, r.resource_id, r.resource_name)), count(r.count)]);
  const lines = [`Resources touched (${count(s.resources.length)})`];
  if (rows.length > 0) {
    lines.push(indent(renderTable(['RESOURCE', 'COUNT'], rows, { ...style, width: style.width - 2 }, { align: ['left', 'right'], flex: [0] })).trimEnd());
  }
  const rest = s.resources.length - shown.length;
  if (rest > 0) lines.push(`  … ${plural(rest, 'more resource')} (-o json lists all)`);
  return lines;
}

function calledOutSection(s: ActorSummary, style: TableStyle, paint: Paint): string[] {
  if (s.calledOut.length === 0) return ['Destructive and security-sensitive: none'];
  const rows = s.calledOut.map((c) => [c.action, count(c.count), c.risk]);
  const table = renderTable(['ACTION', 'COUNT', 'WHY'], rows, { ...style, width: style.width - 2 }, {
    align: ['left', 'right', 'left'],
    flex: [0],
    paint: [(t, row) => (s.calledOut[row]?.risk === 'destructive' ? paint.red(t) : paint.yellow(t))],
  });
  return [`Destructive and security-sensitive (${plural(s.destructive, 'entry', 'entries')})`, indent(table).trimEnd()];
}

function recentSection(r: ActorReport, style: TableStyle): string {
  const s = r.summary;
  const shown = s.recent.length;
  const head =
    shown < s.total
      ? `Recent entries (${count(shown)} of ${count(s.total)}, newest first; --limit <n> or --all for more)`
      : `All entries (${count(s.total)}, newest first)`;
  return `${wrapped(head, style)}\n${renderEntryTable(s.recent, style)}`;
}

/** The human report; with no activity only the header and what is known of the key. */
export function renderActorReport(r: ActorReport, style: TableStyle): string {
  const paint = painterFor(style);
  const s = r.summary;
  // Each section is its title line followed by its body lines.
  const sections: string[][] = [];
  if (r.key) sections.push(keySection(r.key, style, style.now));
  if (s.total > 0) {
    sections.push(activitySection(s, style));
    const [title = '', ...chart] = renderDayChart(s.perDay, style.width - 2);
    sections.push([title, ...chart.map((line) => `  ${line}`)]);
    sections.push(actionSection(s, style));
    sections.push(resourceSection(s, style));
    sections.push(calledOutSection(s, style, paint));
  }
  if (r.scopes) sections.push(scopeSection(r.scopes, paint, style, r.scopeBasis));
  const head = `${paint.heading(sanitizeLine(describeActor(r.actor)))}\n${formatWindow(r.window.start, r.window.end, style.zone)}`;
  const body = sections.map(([title = '', ...lines]) => [paint.heading(title), ...lines].join('\n'));
  const recent = s.total > 0 ? `\n${recentSection(r, style)}` : '';
  return `${[head, ...body].join('\n\n')}\n${recent}`;
}
