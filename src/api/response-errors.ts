// Turns an HTTP answer that is not data into the typed error it means (errors.ts), with status,
// API `code` and X-Request-Id; a non-JSON error body still gives a clean one-line error.
import { ApiError, AuthError, TempError } from '../errors.js';

/** 403: the key lacks a scope. Exit 4 like any auth problem, never retried. */
export class ForbiddenError extends AuthError {
  readonly status = 403;
  readonly code: string | undefined;
  /** The API's own message, when it sent one. */
  readonly apiMessage: string | undefined;
  constructor(message: string, info: { code?: string; apiMessage?: string; requestId?: string }, hint?: string) {
    super(message, hint, info.requestId);
    this.code = info.code;
    this.apiMessage = info.apiMessage;
  }
}

/** The rate limit is spent (or the API keeps answering 429) beyond what --max-wait allows: exit 75. */
export class RateLimitedError extends TempError {}

export interface ErrorBody {
  code?: string;
  message?: string;
}

/** `{"error": {"code", "message"}}`, tolerating anything else (HTML from a proxy, plain text, nothing). */
export function parseErrorBody(text: string): ErrorBody {
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    const e = parsed?.error;
    if (!e || typeof e !== 'object') return {};
    return {
      ...(typeof e.code === 'string' && e.code ? { code: e.code } : {}),
      ...(typeof e.message === 'string' && e.message ? { message: e.message.split('\n')[0] } : {}),
    };
  } catch {
    return {};
  }
}

export interface FailedResponse {
  status: number;
  method: string;
  path: string;
  bodyText: string;
  requestId: string | undefined;
  location: string | undefined;
}

/** `503 SERVICE_UNAVAILABLE` or `502 (non-JSON body)`: how a status is named in messages. */
export function describeStatus(status: number, body: ErrorBody, bodyText: string): string {
  if (body.code) return `${status} ${body.code}`;
  return bodyText.trim() ? `${status} (non-JSON body)` : `${status}`;
}

/** The error for a final (non-retried) failure status. */
export function errorForResponse(r: FailedResponse): Error {
  const body = parseErrorBody(r.bodyText);
  const info = { status: r.status, ...(body.code ? { code: body.code } : {}), ...(r.requestId ? { requestId: r.requestId } : {}) };
  if (r.status >= 300 && r.status < 400) {
    return new ApiError(
      `${r.method} ${r.path} answered ${r.status} redirecting to ${r.location ?? '(no Location)'}; redirects are not followed`,
      info,
      'check --domain: give the final https origin of the deployment',
    );
  }
  if (r.status === 401) {
    // The API says why ("this API key has expired", "... has been revoked"): that is the useful part.
    const why = body.message ? `: ${body.message}` : '';
    return new AuthError(`the API key was rejected (401)${why}`, "run 'fibe-audit auth login' or check FIBE_API_KEY", r.requestId);
  }
  if (r.status === 403) {
    const what = body.message ? `: ${body.message}` : '';
    return new ForbiddenError(
      `forbidden (403 ${body.code ?? 'FORBIDDEN'}) for ${r.method} ${r.path}${what}`,
      { ...(body.code ? { code: body.code } : {}), ...(body.message ? { apiMessage: body.message } : {}), ...(r.requestId ? { requestId: r.requestId } : {}) },
      'the key lacks the scope this needs',
    );
  }
  const what = body.message ? `: ${body.message}` : '';
  return new ApiError(`${r.method} ${r.path} failed: ${describeStatus(r.status, body, r.bodyText)}${what}`, info);
}
