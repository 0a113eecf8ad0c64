// How requests travel: one keep-alive agent, through the proxy ctx.env names for the origin (proxy.ts).
// Plain http is allowed for loopback hosts alone (config/domain.ts), so it must also stay on this machine.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { Dispatcher } from 'undici';
import type { HttpEnvironment } from './types.js';
import { isLoopbackHost } from '../config/domain.js';
import { proxyFor, type ProxyChoice } from './proxy.js';

type Undici = typeof import('undici');
type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * `*.localhost` is loopback by definition (RFC 6761), which is why plain http may use it; asking DNS
 * instead could hand the request, key and all, to whatever address a resolver returns.
 */
export function lookupPinningLocalhost(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  // `.invalid` never resolves (RFC 6761): answered here, without a resolver that may be slow or away.
  if (/(^|\.)invalid\.?$/i.test(hostname)) {
    const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname, syscall: 'getaddrinfo' });
    process.nextTick(() => callback(err, options.all ? [] : '', undefined));
    return;
  }
  if (!/\.localhost\.?$/i.test(hostname)) {
    // Node's own lookup, called the way net.connect calls it (its typings only list the overloads).
    (dnsLookup as unknown as (h: string, o: LookupOptions, cb: LookupCallback) => void)(hostname, options, callback);
    return;
  }
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
}

/** Proxies come from ctx.env (passed explicitly so undici never falls back to process.env). */
export function createDispatcher(undici: Undici, ctx: HttpEnvironment, origin: string): { dispatcher: Dispatcher; proxy: ProxyChoice | null } {
  const tuning = ctx.http;
  const common = {
    connect: { timeout: tuning.connectTimeoutMs, lookup: lookupPinningLocalhost },
    headersTimeout: tuning.headersTimeoutMs,
    bodyTimeout: tuning.bodyTimeoutMs,
  };
  // Plain http is only ever allowed to loopback: a proxy would carry it, key included, off this
  // machine in clear text.
  const url = new URL(origin);
  const loopbackHttp = url.protocol === 'http:' && isLoopbackHost(url.hostname);
  const proxy = loopbackHttp ? null : proxyFor(origin, ctx.env);
  if (!proxy) return { dispatcher: new undici.Agent(common), proxy: null };
  return { dispatcher: new undici.ProxyAgent({ ...common, uri: proxy.url }), proxy };
}
