// Turns a --domain / FIBE_DOMAIN / profile domain into the API origin, refusing plain http off loopback.
import { UsageError } from '../errors.js';

export const DEFAULT_DOMAIN = 'fibe.gg';

const ACCEPTED = 'a host such as fibe.gg, or a URL such as https://staging.fibe.gg:8443';

/** localhost, 127.0.0.0/8 and ::1: the only hosts plain http may reach (nothing crosses a network). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]' || host === '::1') return true;
  const octets = host.split('.');
  return octets.length === 4 && octets[0] === '127' && octets.every((o) => /^\d{1,3}$/.test(o) && Number(o) <= 255);
}

const LABEL = /^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?$/i;

function isPlausibleHost(hostname: string): boolean {
  if (hostname.startsWith('[')) return true; // URL already validated the IPv6 literal
  const labels = hostname.replace(/\.$/, '').split('.');
  return labels.length > 0 && labels.every((l) => LABEL.test(l));
}

/**
 * A bare host means https://HOST; a URL gives its origin (scheme, host, port; path ignored).
 * `label` names where the value came from, for the error message.
 */
export function parseDomain(text: string, label = '--domain'): string {
  const input = text.trim();
  const fail = (why: string) => new UsageError(`${label}: ${why} '${input}'`, `expected ${ACCEPTED}`);
  if (!input) throw fail('empty domain');
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(input);
  let url: URL;
  try {
    url = new URL(hasScheme ? input : `https://${input}`);
  } catch {
    throw fail('not a host or URL:');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw fail(`unsupported scheme ${url.protocol.slice(0, -1)} in`);
  if (!isPlausibleHost(url.hostname) || url.username || url.password) throw fail('not a host or URL:');
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new UsageError(
      `${label}: plain http is refused for ${url.hostname} (only loopback hosts may use it)`,
      `use https://${url.host}`,
    );
  }
  return url.origin;
}

/** The origin as people write it: `fibe.gg` for https on the default port, the full origin otherwise. */
export function displayDomain(origin: string): string {
  return origin.startsWith('https://') ? origin.slice('https://'.length) : origin;
}
