// The entry table's rows: each record as export writes it, with the texts the table shows and sorts
// by, derived by the CLI's own code (describeActor, describeResource, summary's actor key, riskOf).
import { decodeEntries, type EncodedEntries } from '../entry-codec.js';
import type { Entry } from '../../model/entry.js';
import { riskOf, type ActionRisk } from '../../model/action-risk.js';
import { groupKeyOf } from '../../model/group.js';
import { describeActor, describeResource } from '../../render/columns.js';
import type { Zone } from '../../time/zone.js';

export interface EntryRow {
  /** The entry exactly as `export` writes it (the raw JSON view shows it). */
  record: Record<string, unknown>;
  id: number;
  /** Epoch ms of created_at; NaN when unreadable (sorted first, oldest). */
  ms: number;
  action: string;
  /** summary's actor key (`key:15`); the actor filter matches on it. */
  actorKey: string;
  actorText: string;
  channel: string;
  resourceText: string;
  risk: ActionRisk;
}

const textOf = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' ? v : String(v));

export function toEntryRows(encoded: EncodedEntries, zone: Zone): EntryRow[] {
  return decodeEntries(encoded).map((record) => {
    const e = record as unknown as Entry;
    return {
      record,
      id: Number(e.id),
      ms: Date.parse(textOf(e.created_at)),
      action: textOf(e.action),
      actorKey: groupKeyOf('actor', e, zone) ?? '',
      actorText: describeActor(e.actor),
      channel: textOf(e.channel),
      resourceText: describeResource(e),
      risk: riskOf(e.action),
    };
  });
}
