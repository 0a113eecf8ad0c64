// The one HTTP layer: every API call passes here and comes back as data or a typed error.
// Retries, backoff, Retry-After, rate-limit waits, timeouts and key redaction live here and nowhere else.
import type { Dispatcher } from 'undici';
import { InterruptedError, TempError } from '../errors.js';
import { formatDuration } from '../time/duration.js';
import { formatAbsolute } from '../time/format.js';
import { UTC_ZONE, type Zone } from '../time/zone.js';
import { VERSION } from '../version.js';
import { redactKey } from '../config/mask.js';
import { sanitizeLine } from '../text/sanitize.js';
import type { ApiResponse, HttpClient, HttpEnvironment, QueryParams, RateLimitState, RequestOptions } from './types.js';
import { RateLimitedError, describeStatus, errorForResponse, parseErrorBody } from './response-errors.js';
import { createDispatcher } from './dispatcher.js';
import { kindOfNetworkError, unreachableError, type NetworkFailureKind } from './network-failure.js';
import type { ProxyChoice } from './proxy.js';
import {
  RETRYABLE_STATUSES,
  backoffDelay,
  describeNetworkError,
  headerValue,
  isNetworkError,
  parseRateLimit,
  parseRetryAfter,
} from './retry-policy.js';

export interface HttpClientOptions {
  /** Origin the API lives under, from parseDomain. */
  origin: string;
  apiKey: string;
  verbose: boolean;
  /** --max-wait: the longest single Retry-After or rate-limit wait before giving up (exit 75). */
  maxWaitMs: number;
  /** --max-wait as the user wrote it, quoted back when a wait is refused (default: maxWaitMs formatted). */
  maxWaitText?: string;
  /** --quiet: no notice when waiting for a rate limit or Retry-After. */
  quiet?: boolean;
  /** --tz, for the "until" of those notices. */
  zone?: Zone;
}

type Undici = typeof import('undici');

/** An answer that failed in a way another attempt may fix. */
interface RetryReason {
  reason: string;
  /** For connection failures: refused connections to a host that never answered are not retried later. */
  kind?: NetworkFailureKind;
  status?: number;
  code?: string;
  requestId?: string;
  retryAfterMs?: number;
}

type Attempt<T> = { ok: true; response: ApiResponse<T> } | { ok: false; retry: RetryReason };

export function buildUrl(origin: string, path: string, query?: QueryParams): URL {
  const url = new URL(`/api/${path.replace(/^\/+/, '')}`, origin);
  const pairs: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') pairs.push([name, String(value)]);
  }
  // One serialisation: searchParams.set() per parameter rewrites the whole query each time (exports send thousands).
  if (pairs.length > 0) url.search = new URLSearchParams(pairs).toString();
  return url;
}

class ApiHttpClient implements HttpClient {
  readonly rateLimit: RateLimitState = {};
  requestCount = 0;
  /** One shared wait for a spent rate-limit budget, so parallel requests do not each sleep and log. */
  private budgetWait: Promise<void> | null = null;
  private closing: Promise<void> | undefined;
  private readonly joinedSignals = new WeakMap<AbortSignal, AbortSignal>();
  /** A request outlived its deadline and may still sit in undici's queue: close by destroying. */
  private stuck = false;
  /** Some response arrived in this run: later connection failures are outages, not a wrong address. */
  private answered = false;

  constructor(
    private readonly ctx: HttpEnvironment,
    private readonly opts: HttpClientOptions,
    private readonly request: Undici['request'],
    private readonly dispatcher: Dispatcher,
    private readonly proxy: ProxyChoice | null,
  ) {}

  get origin(): string {
    return this.opts.origin;
  }

  getJson<T>(path: string, query?: QueryParams, ropts?: RequestOptions): Promise<ApiResponse<T>> {
    return this.send<T>('GET', path, query, ropts);
  }

  delete(path: string, ropts?: RequestOptions): Promise<ApiResponse<unknown>> {
    return this.send<unknown>('DELETE', path, undefined, ropts);
  }

  /** Idempotent; closing is best effort (undici's proxy agent may report its shared sub-agent closed twice). */
  async close(): Promise<void> {
    this.closing ??= (this.stuck ? this.dispatcher.destroy() : this.dispatcher.close()).catch(() => undefined);
    await this.closing;
  }

  /**
   * ctx.signal joined with a caller's signal, built once per caller signal: a walk passes the same
   * one for thousands of pages, and a new composite per request is work and garbage for nothing.
   */
  private signalFor(own: AbortSignal | undefined): AbortSignal {
    if (!own || own === this.ctx.signal) return this.ctx.signal;
    let joined = this.joinedSignals.get(own);
    if (!joined) {
      joined = AbortSignal.any([this.ctx.signal, own]);
      this.joinedSignals.set(own, joined);
    }
    return joined;
  }

  /**
   * A wait the user did not ask for is said out loud (unless --quiet), on a terminal or not: what it
   * waits for and until when. On a terminal the line first clears a spinner's line.
   */
  private noticeWait(what: string, ms: number): void {
    if (this.opts.quiet) return;
    const until = formatAbsolute(new Date(this.ctx.now().getTime() + ms), this.opts.zone ?? UTC_ZONE);
    const clear = this.ctx.io.stderrIsTTY ? '\r\x1b[2K' : '';
    this.ctx.io.stderr.write(`${clear}${sanitizeLine(`waiting ${formatDuration(ms)} ${what}, until ${until}`)}\n`);
  }

  private log(line: string): void {
    if (this.opts.verbose) this.ctx.io.stderr.write(`${sanitizeLine(redactKey(line, this.opts.apiKey))}\n`);
  }

  private async send<T>(method: 'GET' | 'DELETE', path: string, query: QueryParams | undefined, ropts?: RequestOptions) {
    const url = buildUrl(this.opts.origin, path, query);
    const label = `${method} ${url.pathname}`;
    const signal = this.signalFor(ropts?.signal);
    const maxAttempts = this.ctx.http.maxAttempts;
    let last: RetryReason = { reason: 'no attempt made' };
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (signal.aborted) throw new InterruptedError();
      await this.awaitBudget(label);
      const outcome = await this.attempt<T>(method, url, label, signal);
      if (outcome.ok) return outcome.response;
      last = outcome.retry;
      if (attempt < maxAttempts) await this.pauseBeforeRetry(last, attempt, label, signal);
    }
    if (last.kind === 'refused' && !this.answered) throw unreachableError('refused', { code: 'ECONNREFUSED' }, this.opts.origin, this.proxy);
    const rid = last.requestId ? ` (request id ${last.requestId})` : '';
    const Failure = last.status === 429 ? RateLimitedError : TempError;
    const via = last.kind !== undefined && this.proxy ? ` through the proxy ${this.proxy.display} (from ${this.proxy.variable})` : '';
    throw new Failure(
      `${label} failed after ${maxAttempts} attempts; last: ${last.reason}${via}${rid}`,
      { ...(last.status ? { status: last.status } : {}), ...(last.code ? { code: last.code } : {}), ...(last.requestId ? { requestId: last.requestId } : {}) },
      'the API is busy or unreachable; try again later',
    );
  }

  private async attempt<T>(method: string, url: URL, label: string, signal: AbortSignal): Promise<Attempt<T>> {
    this.requestCount += 1;
    this.log(`> ${method} ${url.href}`);
    const started = performance.now();
    const elapsed = () => `${Math.round(performance.now() - started)}ms`;
    let status: number | undefined;
    let requestId: string | undefined;
    let headers: Dispatcher.ResponseData['headers'];
    let text: string;
    // undici times each connect and each wait for headers, but reconnects on its own, and a request
    // still waiting for a connection ignores its signal: a proxy that drops every CONNECT would hold
    // the run forever. One deadline for the whole wait for headers, whatever undici does meanwhile.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.ctx.http.connectTimeoutMs + this.ctx.http.headersTimeoutMs);
    const late = new Promise<never>((_, reject) => deadline.signal.addEventListener('abort', () => reject(deadline.signal.reason), { once: true }));
    late.catch(() => undefined);
    try {
      const answer = this.request(url, {
        method: method as Dispatcher.HttpMethod,
        dispatcher: this.dispatcher,
        signal: AbortSignal.any([signal, deadline.signal]),
        headersTimeout: this.ctx.http.headersTimeoutMs,
        bodyTimeout: this.ctx.http.bodyTimeoutMs,
        headers: {
          'user-agent': `fibe-audit/${VERSION}`,
          accept: 'application/json',
          authorization: `Bearer ${this.opts.apiKey}`,
        },
      });
      answer.catch(() => undefined); // settles after the deadline, if ever
      const res = await Promise.race([answer, late]);
      clearTimeout(timer);
      status = res.statusCode;
      this.answered = true;
      headers = res.headers;
      requestId = headerValue(headers, 'x-request-id') || undefined;
      Object.assign(this.rateLimit, parseRateLimit(headers, this.ctx.now().getTime()));
      text = await res.body.text();
    } catch (err) {
      if (signal.aborted) throw new InterruptedError();
      const tooLate = status === undefined && deadline.signal.aborted;
      // The abandoned request may still be queued in undici: only destroy() gets rid of it.
      if (tooLate) this.stuck = true;
      const kind = tooLate ? 'transient' : kindOfNetworkError(err);
      // A name that does not resolve or a handshake that cannot work will not on a later try either.
      if (!this.answered && (kind === 'dns' || kind === 'tls')) throw unreachableError(kind, err, this.opts.origin, this.proxy);
      if (!tooLate && kind !== 'tls' && !isNetworkError(err)) throw err;
      const reason = tooLate ? 'no response in time (connect + headers timeouts)' : status ? `${status} then ${describeNetworkError(err)}` : describeNetworkError(err);
      this.log(`< ${reason} ${label} ${elapsed()}${requestId ? ` req=${requestId}` : ''}`);
      return { ok: false, retry: { reason, kind, ...(status ? { status } : {}), ...(requestId ? { requestId } : {}) } };
    } finally {
      clearTimeout(timer);
    }
    const remaining = this.rateLimit.remaining !== undefined ? ` remaining=${this.rateLimit.remaining}` : '';
    this.log(`< ${status} ${label} ${elapsed()} req=${requestId ?? '-'}${remaining}`);
    const rid = requestId ? { requestId } : {};
    if (status >= 200 && status < 300) {
      if (text === '' && (status === 204 || method === 'DELETE')) return { ok: true, response: { status, body: undefined as T, ...rid } };
      try {
        return { ok: true, response: { status, body: JSON.parse(text) as T, ...rid } };
      } catch {
        // A 2xx whose body is cut short or not JSON is a transient glitch, not an answer.
        return { ok: false, retry: { reason: `${status} with a truncated or invalid JSON body`, status, ...rid } };
      }
    }
    if (RETRYABLE_STATUSES.has(status)) {
      const body = parseErrorBody(text);
      const retryAfterMs = parseRetryAfter(headerValue(headers, 'retry-after'), this.ctx.now().getTime());
      const extra = { ...(body.code ? { code: body.code } : {}), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
      return { ok: false, retry: { reason: describeStatus(status, body, text), status, ...rid, ...extra } };
    }
    const location = headerValue(headers, 'location');
    const err = errorForResponse({ status, method, path: url.pathname, bodyText: text, requestId, location });
    err.message = redactKey(err.message, this.opts.apiKey);
    throw err;
  }

  private async pause(ms: number, signal: AbortSignal): Promise<void> {
    try {
      await this.ctx.sleep(ms, signal);
    } catch (err) {
      if (signal.aborted) throw new InterruptedError();
      throw err;
    }
    if (signal.aborted) throw new InterruptedError();
  }

  private budgetSpent(): boolean {
    const { remaining, resetAt } = this.rateLimit;
    return remaining === 0 && resetAt !== undefined && resetAt > this.ctx.now().getTime();
  }

  private async pauseBeforeRetry(r: RetryReason, attempt: number, label: string, signal: AbortSignal): Promise<void> {
    const next = `attempt ${attempt + 1} of ${this.ctx.http.maxAttempts}`;
    if (r.retryAfterMs !== undefined) {
      if (r.retryAfterMs > this.opts.maxWaitMs) {
        const Failure = r.status === 429 ? RateLimitedError : TempError;
        throw new Failure(
          `the server asked to wait ${formatDuration(r.retryAfterMs)} (Retry-After on ${r.reason}) before retrying ${label}, longer than --max-wait ${this.maxWaitText()}`,
          { ...(r.status ? { status: r.status } : {}), ...(r.code ? { code: r.code } : {}), ...(r.requestId ? { requestId: r.requestId } : {}) },
          'try again later, or raise --max-wait',
        );
      }
      this.log(`! ${r.reason}: waiting ${formatDuration(r.retryAfterMs)} (Retry-After) before ${label}, ${next}`);
      if (r.retryAfterMs >= 1000) this.noticeWait(`as the API asked (Retry-After on ${r.reason})`, r.retryAfterMs);
      await this.pause(r.retryAfterMs, signal);
      // The server said when to come back; its budget headers from the same answer are now spent news.
      delete this.rateLimit.remaining;
      return;
    }
    // A spent budget is waited out before the next attempt (awaitBudget); backing off as well would only add delay.
    if (this.budgetSpent()) return;
    const delay = backoffDelay(attempt, this.ctx.http, this.ctx.random());
    this.log(`! ${r.reason}: retrying ${label} in ${delay}ms, ${next}`);
    return this.pause(delay, signal);
  }

  private maxWaitText(): string {
    return this.opts.maxWaitText ?? formatDuration(this.opts.maxWaitMs);
  }

  /** X-RateLimit-Remaining 0: wait for the reset before the next request, if --max-wait allows. */
  private async awaitBudget(label: string): Promise<void> {
    if (!this.budgetWait) {
      const { remaining, resetAt } = this.rateLimit;
      if (remaining !== 0 || resetAt === undefined) return;
      const ms = resetAt - this.ctx.now().getTime();
      if (ms <= 0) {
        delete this.rateLimit.remaining;
        return;
      }
      if (ms > this.opts.maxWaitMs) {
        throw new RateLimitedError(
          `the rate limit is spent and resets in ${formatDuration(ms)}, longer than --max-wait ${this.maxWaitText()}`,
          {},
          'try again later, or raise --max-wait',
        );
      }
      this.log(`! rate limit spent (remaining=0): waiting ${formatDuration(ms)} for the reset before ${label}`);
      const limit = this.rateLimit.limit !== undefined ? `; 0 of ${this.rateLimit.limit} requests left` : '';
      this.noticeWait(`for the rate limit to reset (the hourly budget is spent${limit})`, ms);
      this.budgetWait = this.pause(ms, this.ctx.signal).finally(() => {
        this.budgetWait = null;
        delete this.rateLimit.remaining;
      });
    }
    await this.budgetWait;
  }
}

/** Loads undici on first use (so --help never does) and builds the client with one keep-alive agent. */
export async function createHttpClient(ctx: HttpEnvironment, opts: HttpClientOptions): Promise<HttpClient> {
  const undici = await import('undici');
  const { dispatcher, proxy } = createDispatcher(undici, ctx, opts.origin);
  return new ApiHttpClient(ctx, opts, undici.request, dispatcher, proxy);
}
