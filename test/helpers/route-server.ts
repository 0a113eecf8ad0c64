// A tiny route table on 127.0.0.1:0 for HTTP unit tests. An unhandled route (or a route called more
// times than it has handlers) answers 500 and is recorded in `errors`, which tests assert is empty.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
}

export interface RouteServer {
  url: string;
  requests: RecordedRequest[];
  errors: string[];
  /** Handlers answer successive calls of `METHOD /path`, one each, in order. */
  on(route: string, ...handlers: Handler[]): void;
  /** One handler for every call of the route. */
  always(route: string, handler: Handler): void;
  close(): Promise<void>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** A JSON handler in one line: `json(200, {...}, {'x-request-id': 'r-1'})`. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Handler {
  return (_req, res) => sendJson(res, status, body, headers);
}

export async function startRouteServer(): Promise<RouteServer> {
  const queues = new Map<string, Handler[]>();
  const fixed = new Map<string, Handler>();
  const requests: RecordedRequest[] = [];
  const errors: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = `${req.method} ${url.pathname}`;
    requests.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers });
    const handler = queues.get(route)?.shift() ?? fixed.get(route);
    if (!handler) {
      errors.push(`unhandled request: ${route}`);
      sendJson(res, 500, { error: { code: 'UNHANDLED_ROUTE', message: route } });
      return;
    }
    Promise.resolve(handler(req, res, url)).catch((err: unknown) => {
      errors.push(`handler for ${route} threw: ${String(err)}`);
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'HANDLER_THREW', message: String(err) } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    errors,
    on(route, ...handlers) {
      queues.set(route, [...(queues.get(route) ?? []), ...handlers]);
    },
    always(route, handler) {
      fixed.set(route, handler);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
