// The API proper: bearer auth, the per-player budget, scopes, and the four routes of FIBE-API.md.
// Returns a plain reply; server.ts owns sockets, faults and the bytes on the wire.

import { parseAuditQuery, pageIndices, type AuditIndex } from './audit-query.js';
import { ROUTE_SCOPES } from './catalog-people.js';
import type { World } from './generator.js';
import type { KeyRecord } from './keyring.js';
import { EmulatorApiError, optional, parsePaging, parseSort } from './params.js';
import type { RateLimiter } from './rate-limit.js';
import type { ApiKeyWire, UserWire } from './types.js';
import { entriesJson } from './wire-json.js';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** JSON value to serialise; undefined for 204. */
  body?: unknown;
  /** The body already serialised (audit listings, built from cached pieces); wins over body. */
  json?: string;
}

export interface RouteDeps {
  world: World;
  index: AuditIndex;
  limiter: RateLimiter;
  nowMs(): number;
  /** Inserts a new entry at its place (keeps caches in step). */
  insertEntry(parts: ReturnType<World['makeKeyDeletion']>): void;
}

export function errorBody(code: string, message: string, details?: Record<string, unknown>): unknown {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

function authenticate(deps: RouteDeps, authorization: string | undefined): KeyRecord {
  const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  const record = token === undefined ? undefined : deps.world.keyring.byToken(token);
  if (!record) throw new EmulatorApiError(401, 'UNAUTHORIZED', 'missing or invalid API key');
  if (record.deleted) throw new EmulatorApiError(401, 'UNAUTHORIZED', 'this API key has been revoked');
  if (deps.world.keyring.isExpired(record, deps.nowMs() * 1000)) throw new EmulatorApiError(401, 'UNAUTHORIZED', 'this API key has expired');
  return record;
}

function requireScope(record: KeyRecord, allowed: readonly string[], what: string): void {
  if (!record.wire.scopes.some((s) => allowed.includes(s))) {
    throw new EmulatorApiError(403, 'FORBIDDEN', `this API key may not ${what}`, { required_scopes: [...allowed] });
  }
}

/** The JSON text of `{data, meta: {page, per_page, total}}`. */
function listAuditLogs(deps: RouteDeps, params: Map<string, string>): string {
  const q = parseAuditQuery(params);
  const matches = deps.index.find(q.filter, q.sort);
  const data = entriesJson(deps.world.store, pageIndices(matches, q.page, q.perPage));
  return `{"data":${data},"meta":${JSON.stringify({ page: q.page, per_page: q.perPage, total: matches.total })}}`;
}

function listApiKeys(deps: RouteDeps, params: Map<string, string>): unknown {
  const sort = parseSort(params);
  const { page, perPage } = parsePaging(params);
  const q = optional(params, 'q')?.toLowerCase();
  const label = optional(params, 'label');
  const keys = deps.world.keyring
    .list()
    .filter((k) => (q === undefined || k.label.toLowerCase().includes(q)) && (label === undefined || k.label === label));
  const dir = sort === 'created_at_asc' ? 1 : -1;
  keys.sort((a, b) => dir * (Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id));
  const data: ApiKeyWire[] = keys.slice((page - 1) * perPage, page * perPage);
  return { data, meta: { page, per_page: perPage, total: keys.length } };
}

function deleteApiKey(deps: RouteDeps, caller: KeyRecord, rawId: string): Reply {
  const id = /^\d+$/.test(rawId) ? Number(rawId) : NaN;
  const record = deps.world.keyring.byId(id);
  if (!record || record.deleted) throw new EmulatorApiError(404, 'RESOURCE_NOT_FOUND', `no API key with id ${rawId}`);
  record.deleted = true;
  // Deleting a key is a write: Fibe audits it, as the calling key.
  deps.insertEntry(deps.world.makeKeyDeletion(caller.wire.id, id, deps.nowMs() * 1000));
  return { status: 204, headers: {} };
}

function me(player: UserWire, record: KeyRecord): unknown {
  return { ...player, api_key_scopes: [...record.wire.scopes] };
}

/** Answers one request; API errors become the error envelope with their status. */
export function route(deps: RouteDeps, method: string, path: string, params: Map<string, string>, authorization: string | undefined): Reply {
  let headers: Record<string, string> = {};
  try {
    const record = authenticate(deps, authorization);
    // Every key belongs to the one generated player, so they all draw on its budget.
    const admission = deps.limiter.admit((deps.world.users[0] as UserWire).id);
    headers = admission.headers;
    if (!admission.allowed) throw new EmulatorApiError(429, 'RATE_LIMITED', 'hourly request budget spent; retry after the reset');
    if (method === 'GET' && path === '/api/me') return { status: 200, headers, body: me(deps.world.users[0] as UserWire, record) };
    if (method === 'GET' && path === '/api/audit_logs') {
      requireScope(record, ROUTE_SCOPES.auditLogs, 'read the audit log (needs audit_logs:read)');
      return { status: 200, headers, json: listAuditLogs(deps, params) };
    }
    if (method === 'GET' && path === '/api/api_keys') {
      requireScope(record, ROUTE_SCOPES.apiKeys, 'list API keys (needs keys:manage)');
      return { status: 200, headers, body: listApiKeys(deps, params) };
    }
    const del = /^\/api\/api_keys\/([^/]+)$/.exec(path);
    if (method === 'DELETE' && del) {
      requireScope(record, ROUTE_SCOPES.apiKeys, 'delete API keys (needs keys:manage)');
      return { ...deleteApiKey(deps, record, del[1] as string), headers };
    }
    throw new EmulatorApiError(404, 'RESOURCE_NOT_FOUND', `no route for ${method} ${path}`);
  } catch (err) {
    if (!(err instanceof EmulatorApiError)) throw err;
    return { status: err.status, headers, body: errorBody(err.code, err.message, err.details) };
  }
}
