// The stderr summary after query rows: how many shown, whether more match, what was scanned, the window.
import type { Context } from '../context.js';
import type { Window } from '../time/parse.js';
import type { Zone } from '../time/zone.js';
import { formatWindow } from '../time/format.js';
import type { LimitState } from './entry-limit.js';
import type { SourceStats } from './entry-source.js';

export interface QueryOutcome {
  state: LimitState;
  stats: SourceStats;
  window: Window;
  zone: Zone;
  order: 'asc' | 'desc';
  limit: number | null;
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
  if (o.stats.scanned !== o.state.shown || o.state.more) {
    const total = o.stats.serverTotal !== null ? ` of ${count(o.stats.serverTotal)} the server returned for the window` : '';
    lines.push(`scanned ${count(o.stats.scanned)}${total} to apply client-side filters`);
  }
  lines.push(windowText);
  return lines;
}

export function reportQueryOutcome(ctx: Context, o: QueryOutcome): void {
  const c = ctx.io.errColor;
  for (const line of describeQueryOutcome(o)) ctx.io.stderr.write(`${c.dim(line)}\n`);
}
