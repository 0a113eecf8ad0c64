// Network failures that retrying later will not fix: a host that does not exist, a TLS handshake
// that cannot work, a host that refused every connection and never answered in this run. Exit 1
// with a hint instead of 75, so cron does not "try again later" forever on a typo.
import { isLoopbackHost } from '../config/domain.js';
import { ApiError } from '../errors.js';
import type { ProxyChoice } from './proxy.js';

export type NetworkFailureKind = 'dns' | 'tls' | 'refused' | 'transient';

const TLS_CODES = new Set([
  'EPROTO', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'CERT_UNTRUSTED', 'CERT_REVOKED',
]);

function codeOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  if (typeof e?.code === 'string') return e.code;
  if (typeof e?.cause?.code === 'string') return e.cause.code;
  return undefined;
}

/** What kind of failure a connection-level error is; EAI_AGAIN (resolver unreachable) stays transient. */
export function kindOfNetworkError(err: unknown): NetworkFailureKind {
  const code = codeOf(err) ?? '';
  if (code === 'ENOTFOUND') return 'dns';
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || TLS_CODES.has(code)) return 'tls';
  if (code === 'ECONNREFUSED') return 'refused';
  return 'transient';
}

/** TLS codes can be an OpenSSL record string; its reason is the part people can search for. */
function tlsReason(err: unknown): string {
  const code = codeOf(err) ?? 'TLS error';
  const message = (err as Error)?.message ?? '';
  const reason = /:([a-z][a-z ]+):[^:]*:\d+:?\s*$/i.exec(message)?.[1] ?? message.split('\n')[0];
  return reason && reason !== code ? `${reason} (${code})` : code;
}

const DOMAIN_HINT = 'check --domain (or FIBE_DOMAIN, or the profile\'s domain); the default is fibe.gg';

/** The exit-1 error for a failure of `kind` reaching origin (or its proxy). */
export function unreachableError(kind: Exclude<NetworkFailureKind, 'transient'>, err: unknown, origin: string, proxy: ProxyChoice | null): ApiError {
  const url = new URL(origin);
  const info = { code: codeOf(err) ?? kind };
  if (proxy && kind !== 'tls') {
    const what = kind === 'dns' ? 'its host was not found' : 'it refused the connection';
    return new ApiError(
      `cannot reach ${url.host} through the proxy ${proxy.display} (from ${proxy.variable}): ${what} (${info.code})`,
      info,
      `check ${proxy.variable}, or add ${url.hostname} to NO_PROXY to bypass it`,
    );
  }
  if (kind === 'dns') {
    return new ApiError(`cannot find the host ${url.hostname}: no such name in DNS (${info.code})`, info, DOMAIN_HINT);
  }
  if (kind === 'refused') {
    return new ApiError(
      `nothing accepts connections at ${url.host} (connection refused; it never answered in this run)`,
      info,
      `${DOMAIN_HINT}; is the server running?`,
    );
  }
  const via = proxy ? ` through the proxy ${proxy.display} (from ${proxy.variable})` : '';
  const plainHint = url.protocol === 'https:' && isLoopbackHost(url.hostname)
    ? `a local server speaking plain http? use --domain http://${url.host}`
    : 'check --domain, the system clock, and any TLS-inspecting proxy';
  return new ApiError(`the TLS handshake with ${url.host}${via} failed: ${tlsReason(err)}`, info, plainHint);
}
