// Everything the report shows, gathered in one pass over its entries with the CLI's own model code:
// the timeline, top actors and actions (summary's groups), called-out actions, the digest, the table.
import type { Entry } from '../model/entry.js';
import { createGrouper, type GroupBy } from '../model/group.js';
import { createActorSummary } from '../model/actor-summary.js';
import type { Filters } from '../model/filter.js';
import { groupLabel } from '../render/summary-view.js';
import { toJsonRecord } from '../render/json.js';
import type { Window } from '../time/parse.js';
import type { Zone } from '../time/zone.js';
import { digestEntries } from './entry-digest.js';
import { encodeEntries } from './entry-codec.js';
import { filterFlags, verifyCommand } from './report-scope.js';
import { createTimeline } from './timeline.js';
import type { CountTable, DossierData, ReportData, ReportScope } from './report-data.js';

/** As `summary --top`'s default: the rest is counted as cut groups. */
const TOP = 20;

export interface ReportInput {
  /** Oldest first: export's order, which the digest is over. */
  entries: readonly Entry[];
  filters: Filters;
  zone: Zone;
  generatedAt: Date;
  toolVersion: string;
  source: ReportScope['source'];
  /** The export file read (--file), for the verify command; null for the API. */
  file: string | null;
  /** The last instant the entries hold every entry of: the window's end, or a stale mirror's covered end (the verify command stops there). */
  answeredUntil: Date;
  dossier: DossierData | null;
}

function countTable(by: GroupBy, entries: readonly Entry[], zone: Zone, window: Window): CountTable {
  const grouper = createGrouper(by, zone);
  // Newest first, as summary feeds it: each group's sample (its label) is then its newest entry.
  for (let i = entries.length - 1; i >= 0; i--) grouper.add(entries[i] as Entry);
  const g = grouper.finish({ top: TOP, window });
  return {
    rows: g.groups.map((group) => ({ key: group.key, label: groupLabel(by, group), count: group.count })),
    cutGroups: g.cutGroups,
    cutEntries: g.cutEntries,
  };
}

export async function buildReport(input: ReportInput): Promise<ReportData> {
  const { entries, filters, zone } = input;
  const window = filters.window;
  const timeline = createTimeline(window, zone);
  const scopeSummary = createActorSummary({ zone, window, keep: 0, order: 'asc' });
  for (const e of entries) {
    timeline.add(e);
    scopeSummary.add(e);
  }
  const flags = filterFlags(filters);
  const scope: ReportScope = {
    generatedAt: input.generatedAt.toISOString(),
    toolVersion: input.toolVersion,
    zone: zone.name,
    window: { start: window.start?.toISOString() ?? null, end: window.end.toISOString() },
    filters: flags,
    source: input.source,
    entryCount: entries.length,
    sha256: await digestEntries(entries),
    verify: verifyCommand(flags, { start: window.start, end: input.answeredUntil }, input.file),
  };
  return {
    scope,
    timeline: timeline.finish(),
    topActors: countTable('actor', entries, zone, window),
    topActions: countTable('action', entries, zone, window),
    calledOut: scopeSummary.finish().calledOut,
    dossier: input.dossier,
    entries: encodeEntries(entries.map(toJsonRecord)),
  };
}
