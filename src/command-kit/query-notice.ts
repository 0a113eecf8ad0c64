// The stderr summary after query rows: how many shown, whether more match, what was scanned, the window.
import type { Context } from '../context.js';
import type { Window } from '../time/parse.js';
import type { Zone } from '../time/zone.js';
import { formatWindow } from '../time/format.js';
import type { LimitState } from './entry-limit.js';
import type { SourceStats } from '../source/types.js';

export interface QueryOutcome {
  state: LimitState;
  stats: SourceStats;
  window: Window;
  zone: Zone;
  order: 'asc' | 'desc';
  limit: number | null;
  /** The filters given that the server cannot apply (actor, resource id, search, action re-check); empty for none. */
  clientFilters: string[];
}

const count = (n: number) => n.toLocaleString('en-US');
const entries = (n: number) => `${count(n)} ${n === 1 ? 'entry' : 'entries'}`;

export function describeQueryOutcome(o: QueryOutcome): string[] {
  const lines: string[] = [];
  const windowText = formatWindow(o.window.start, o.window.end, o.zone);
  if (o.state.shown === 0) {
    lines.push(`no entries match (${windowText}; scanned ${entries(o.stats.scanned)})`);
    return lines;
  }
  const order = o.order === 'desc' ? 'newest first' : 'oldest first';
  let head = `${entries(o.state.shown)} shown, ${order}`;
  if (o.state.more) head += `; more match: raise --limit (now ${o.limit}) or use --all`;
  lines.push(head);
  const total = o.stats.serverTotal;
  if (o.clientFilters.length === 0) {
    if (o.state.more && total !== null) lines.push(`${entries(total)} match in the window`);
  } else if (o.stats.scanned !== o.state.shown || o.state.more) {
    const of = total !== null ? ` of the ${count(total)} the server matched` : '';
    const which = o.clientFilters.length === 1 ? 'filter' : 'filters';
    lines.push(`scanned ${entries(o.stats.scanned)}${of} to apply the client-side ${which} (${o.clientFilters.join(', ')})`);
  }
  lines.push(windowText);
  return lines;
}

export function reportQueryOutcome(ctx: Context, o: QueryOutcome): void {
  const c = ctx.io.errColor;
  for (const line of describeQueryOutcome(o)) ctx.io.stderr.write(`${c.dim(line)}\n`);
}
