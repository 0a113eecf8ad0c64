// The HTTP side: records every request, injects faults (latency, 5xx, stalls, resets, truncated
// or malformed bodies, 429s, arrivals), and writes replies with X-Request-Id on every response.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FaultDecision, FaultInjector } from './faults.js';
import { readParams } from './params.js';
import { errorBody, route, type Reply, type RouteDeps } from './routes.js';
import type { RecordedRequest } from './types.js';

export interface ServerDeps extends RouteDeps {
  faults: FaultInjector;
  requests: RecordedRequest[];
  requestId(): string;
  addArrivals(count: number): void;
  /** Runs first on every request (the live stream catches up with the clock). */
  beforeRequest?(): void;
  rateLimitPerHour(): number;
}

interface RawReply {
  status: number;
  headers: Record<string, string>;
  body: string | undefined;
  contentType: string;
}

const CODES: Record<number, string> = {
  400: 'BAD_REQUEST', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'RESOURCE_NOT_FOUND', 408: 'REQUEST_TIMEOUT',
  422: 'VALIDATION_FAILED', 429: 'RATE_LIMITED',
};

// Proxies in front of an API answer 502/503/504 in HTML or plain text, not in the API's envelope.
const PROXY_BODIES: Record<number, [string, string]> = {
  502: ['text/html; charset=utf-8', '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>\n'],
  503: ['text/plain; charset=utf-8', 'upstream connect error or disconnect/reset before headers. reset reason: overflow'],
  504: ['text/html; charset=utf-8', '<html><body><h1>504 Gateway Time-out</h1></body></html>\n'],
};

const JSON_TYPE = 'application/json; charset=utf-8';

function toRaw(reply: Reply): RawReply {
  const body = reply.json ?? (reply.body === undefined ? undefined : JSON.stringify(reply.body));
  return { status: reply.status, headers: reply.headers, body, contentType: JSON_TYPE };
}

function faultReply(fault: FaultDecision, limit: number): RawReply {
  const headers: Record<string, string> = {};
  if (fault.kind === 'rate_limited') {
    const retryAfter = fault.retryAfter ?? '1';
    headers['Retry-After'] = retryAfter;
    headers['X-RateLimit-Limit'] = String(limit);
    headers['X-RateLimit-Remaining'] = '0';
    headers['X-RateLimit-Reset'] = /^\d+$/.test(retryAfter) ? retryAfter : '60';
    return { status: 429, headers, body: JSON.stringify(errorBody('RATE_LIMITED', 'hourly request budget spent; retry after the reset')), contentType: JSON_TYPE };
  }
  const status = fault.status ?? 500;
  if (fault.retryAfter !== undefined) headers['Retry-After'] = fault.retryAfter;
  const proxy = PROXY_BODIES[status];
  if (proxy) return { status, headers, body: proxy[1], contentType: proxy[0] };
  const code = CODES[status] ?? 'INTERNAL_ERROR';
  return { status, headers, body: JSON.stringify(errorBody(code, `injected ${status} fault`)), contentType: JSON_TYPE };
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function writeHead(res: ServerResponse, record: RecordedRequest, meta: { requestId: string; date: string }, reply: RawReply, length: number | undefined): void {
  record.status = reply.status;
  // Date follows the emulator's clock, so a fixed `now` and HTTP-date arithmetic agree.
  const headers: Record<string, string> = { Date: meta.date, 'X-Request-Id': meta.requestId, ...reply.headers };
  if (length !== undefined) {
    headers['Content-Type'] = reply.contentType;
    headers['Content-Length'] = String(length);
  }
  res.writeHead(reply.status, headers);
}

export function createEmulatorServer(deps: ServerDeps): Server {
  let malformedCount = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    deps.beforeRequest?.();
    const record: RecordedRequest = { method: req.method ?? 'GET', path, query, rawUrl: req.url ?? '/', headers: flattenHeaders(req), status: 0 };
    deps.requests.push(record);
    const requestId = deps.requestId();
    const knobs = deps.faults.faults;
    if (path === '/api/audit_logs' && knobs.arrivalsPerRequest > 0) deps.addArrivals(knobs.arrivalsPerRequest);
    const onFaultPath = deps.faults.appliesTo(path);
    if (onFaultPath && knobs.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, knobs.latencyMs));
    const fault = onFaultPath ? deps.faults.decide() : undefined;

    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'stall') return; // no status line ever; the client has to give up
    let reply: RawReply;
    if (fault?.kind === 'error' || fault?.kind === 'rate_limited') reply = faultReply(fault, deps.rateLimitPerHour());
    else reply = toRaw(route(deps, record.method, path, readParams(url.searchParams), req.headers.authorization));

    if (fault?.kind === 'malformed') {
      // Alternate between JSON cut mid-way and an HTML page sent as JSON; both with a 200.
      const broken = malformedCount++ % 2 === 0
        ? (reply.body ?? '{"data": [').slice(0, Math.max(10, Math.floor((reply.body ?? '').length / 2)))
        : '<!DOCTYPE html><html><body>Something went wrong</body></html>';
      reply = { ...reply, status: 200, body: broken, contentType: JSON_TYPE };
    }
    const bytes = reply.body === undefined ? undefined : Buffer.from(reply.body, 'utf8');
    writeHead(res, record, { requestId, date: new Date(deps.nowMs()).toUTCString() }, reply, bytes?.length);
    if (fault?.kind === 'truncate') {
      const half = bytes ? bytes.subarray(0, Math.floor(bytes.length / 2)) : Buffer.alloc(0);
      res.write(half, () => res.destroy());
      return;
    }
    res.end(bytes);
  }

  return createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const body = JSON.stringify(errorBody('INTERNAL_ERROR', `emulator bug: ${String(err)}`));
      res.writeHead(500, { 'Content-Type': JSON_TYPE, 'X-Request-Id': 'req_emulator_bug' });
      res.end(body);
    });
  });
}
