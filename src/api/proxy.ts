// Which proxy, if any, carries requests to an origin: HTTPS_PROXY/HTTP_PROXY and NO_PROXY from the
// Context's env, decided here once so that connection errors can name the proxy they went through.
import type { Env } from '../global-options.js';
import { UsageError } from '../errors.js';

export interface ProxyChoice {
  /** The proxy URL undici connects to (a scheme-less value gets http://). */
  url: string;
  /** The same without user:password, for messages. */
  display: string;
  /** The variable it came from, e.g. HTTPS_PROXY. */
  variable: string;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** Lower-case first, as curl and undici read them; an empty variable counts as unset. */
function pick(env: Env, ...names: string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return undefined;
}

/** NO_PROXY entries: `*`, hosts (a leading `.` or `*.` allowed; subdomains match too), optional `:port`. */
export function isExcludedByNoProxy(hostname: string, port: number, noProxy: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  for (const raw of noProxy.split(/[,\s]+/)) {
    if (!raw) continue;
    if (raw === '*') return true;
    const parsed = /^(.+):(\d+)$/.exec(raw);
    const entryHost = (parsed ? (parsed[1] as string) : raw).replace(/^\*?\./, '').replace(/^\[|\]$/g, '').toLowerCase();
    if (parsed && Number(parsed[2]) !== port) continue;
    if (host === entryHost || host.endsWith(`.${entryHost}`)) return true;
  }
  return false;
}

/**
 * `127.0.0.1:3128` (as many tools accept) means http://127.0.0.1:3128. Anything still not a URL is
 * a usage error naming the variable, instead of undici's bare "Invalid URL" on every request.
 */
export function normalizeProxyUrl(value: string, variable: string): { url: string; display: string } {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new UsageError(`${variable}: not a proxy URL '${value}'`, 'expected e.g. http://proxy.example:3128');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`${variable}: unsupported proxy scheme ${url.protocol.slice(0, -1)} in '${value}'`, 'use an http:// or https:// proxy');
  }
  const display = `${url.protocol}//${url.host}`;
  return { url: url.href, display };
}

/** The proxy for requests to origin, or null when none is set or NO_PROXY covers the host. */
export function proxyFor(origin: string, env: Env): ProxyChoice | null {
  const target = new URL(origin);
  const chosen = target.protocol === 'https:'
    ? pick(env, 'https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY')
    : pick(env, 'http_proxy', 'HTTP_PROXY');
  if (!chosen) return null;
  const port = Number(target.port) || DEFAULT_PORTS[target.protocol] || 0;
  const noProxy = pick(env, 'no_proxy', 'NO_PROXY')?.value ?? '';
  // Checked before the proxy value is parsed: a host NO_PROXY covers never depends on it.
  if (isExcludedByNoProxy(target.hostname, port, noProxy)) return null;
  return { ...normalizeProxyUrl(chosen.value, chosen.name), variable: chosen.name };
}
