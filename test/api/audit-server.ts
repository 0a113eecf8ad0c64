// A minimal in-memory /api/audit_logs on the route server, for walkEntries unit tests: filters,
// inclusive created_after/before compared at microsecond precision, sort with id ties, page cap 1000.
import type { AuditEntry } from '../../src/model/entry.js';
import { sendJson, startRouteServer, type RouteServer } from '../helpers/route-server.js';

export interface AuditServer extends RouteServer {
  entries: AuditEntry[];
  /** Pages the server has answered (page numbers, in request order). */
  pages(): number[];
}

/** created_at with microseconds: base + ms + micro/1000. */
export function stamp(baseMs: number, offsetMs: number, micro = 0): string {
  const iso = new Date(baseMs + offsetMs).toISOString(); // ...T..:..:..sssZ
  return `${iso.slice(0, 23)}${String(micro).padStart(3, '0')}Z`;
}

/** Microseconds since the epoch, so "inclusive" compares like a real database would. */
function micros(text: string): number {
  const ms = Date.parse(text);
  const frac = /\.\d{3}(\d{1,3})Z$/.exec(text)?.[1] ?? '';
  return ms * 1000 + Number(frac.padEnd(3, '0'));
}

export function makeEntry(id: number, createdAt: string, action = 'trick.created'): AuditEntry {
  return {
    id,
    resource_type: 'Trick',
    resource_id: id,
    action,
    channel: 'api',
    actor_type: 'Player',
    actor_id: 77,
    metadata: {},
    created_at: createdAt,
  };
}

export interface AuditServerOptions {
  /** Leave meta.total out (a tolerant client must still page correctly). */
  omitTotal?: boolean;
}

export async function startAuditServer(entries: AuditEntry[], opts: AuditServerOptions = {}): Promise<AuditServer> {
  const server = await startRouteServer();
  const pages: number[] = [];
  const timed = entries.map((e) => ({ e, t: micros(e.created_at) }));
  const ascending = [...timed].sort((a, b) => a.t - b.t || a.e.id - b.e.id);
  const descending = [...ascending].reverse();
  server.always('GET /api/audit_logs', (_req, res, url) => {
    const q = Object.fromEntries(url.searchParams);
    const page = Number(q.page ?? 1);
    const perPage = Math.min(100, Number(q.per_page ?? 25));
    if (page > 1000) {
      server.errors.push(`page ${page} requested`);
      return sendJson(res, 400, { error: { code: 'BAD_REQUEST', message: 'page must be <= 1000' } });
    }
    pages.push(page);
    const after = q.created_after ? micros(q.created_after) : -Infinity;
    const before = q.created_before ? micros(q.created_before) : Infinity;
    const matching = (q.sort === 'created_at_asc' ? ascending : descending)
      .filter(({ e, t }) => t >= after && t <= before && (!q.action_prefix || e.action.startsWith(q.action_prefix)))
      .map(({ e }) => e);
    const data = matching.slice((page - 1) * perPage, page * perPage);
    const meta = opts.omitTotal ? { page, per_page: perPage } : { page, per_page: perPage, total: matching.length };
    sendJson(res, 200, { data, meta });
  });
  return Object.assign(server, { entries, pages: () => pages });
}
