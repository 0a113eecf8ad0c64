// Typed errors and their exit codes (SPEC.md "Exit codes"); reportError prints the one-line form.
import type { IO } from './io.js';
import { sanitizeLine } from './text/sanitize.js';
import { redactSecrets } from './config/mask.js';

export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  auth: 4,
  temporary: 75,
  interrupted: 130,
} as const;

export class FibeAuditError extends Error {
  readonly exitCode: number = EXIT.failure;
  readonly hint: string | undefined;
  constructor(message: string, hint?: string) {
    super(message);
    this.name = new.target.name;
    this.hint = hint;
  }
}

/** Bad flag, value, time expression, actor ref, refused overwrite: exit 2. */
export class UsageError extends FibeAuditError {
  override readonly exitCode = EXIT.usage;
}

/** No key, key rejected (401), audit access forbidden (403): exit 4. */
export class AuthError extends FibeAuditError {
  override readonly exitCode = EXIT.auth;
  readonly requestId: string | undefined;
  constructor(message: string, hint?: string, requestId?: string) {
    super(message, hint);
    this.requestId = requestId;
  }
}

export interface ApiErrorInfo {
  status?: number;
  code?: string;
  requestId?: string;
}

/** The API answered with an error that retrying will not fix: exit 1. */
export class ApiError extends FibeAuditError {
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly requestId: string | undefined;
  constructor(message: string, info: ApiErrorInfo = {}, hint?: string) {
    super(message, hint);
    this.status = info.status;
    this.code = info.code;
    this.requestId = info.requestId;
  }
}

/** Retries exhausted, or a rate-limit wait longer than --max-wait: exit 75 (cron: try later). */
export class TempError extends ApiError {
  override readonly exitCode = EXIT.temporary;
}

/**
 * Ctrl-C or SIGTERM: exit 130. `quiet` when Ctrl-C is the documented way to end the command (query
 * --follow): nothing was cut short, so no `error:` line; elsewhere it says the output is incomplete.
 */
export class InterruptedError extends FibeAuditError {
  override readonly exitCode = EXIT.interrupted;
  readonly quiet: boolean;
  constructor(message = 'interrupted', opts: { quiet?: boolean } = {}) {
    super(message);
    this.quiet = opts.quiet ?? false;
  }
}

/** A local file (offline input, checkpoint) that cannot be read as expected: exit 2. */
export class InputError extends UsageError {}

function isAbortError(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || (err as { code?: string }).code === 'ABORT_ERR');
}

/** Writing into a closed pipe (`| head`) is a normal way for a reader to stop. */
export function isBrokenPipe(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === 'EPIPE';
}

export function exitCodeFor(err: unknown): number {
  if (err instanceof FibeAuditError) return err.exitCode;
  if (isBrokenPipe(err)) return EXIT.ok;
  if (isAbortError(err)) return EXIT.interrupted;
  return EXIT.failure;
}

/**
 * Prints `error: ...` plus at most one hint line; the stack only with --verbose. `secrets` (the key in
 * use) and anything key-shaped are masked: errors quote argv, where a key may have been pasted.
 */
export function reportError(err: unknown, io: IO, verbose: boolean, secrets: ReadonlyArray<string | undefined> = []): void {
  if (isBrokenPipe(err)) return;
  if (err instanceof InterruptedError || isAbortError(err)) {
    if (err instanceof InterruptedError && err.quiet) return;
    io.stderr.write('error: interrupted\n');
    return;
  }
  const c = io.errColor;
  let message = err instanceof Error ? err.message : String(err);
  // Messages of our own are one line; a library's (the database engine's) may go on for a page of
  // advice: its first line says what happened, and --verbose prints the rest with the stack.
  if (!(err instanceof FibeAuditError)) message = message.split('\n')[0] ?? message;
  const requestId = (err as { requestId?: string }).requestId;
  if (requestId && !message.includes(requestId)) message += ` (request id ${requestId})`;
  const safe = (text: string, keepNewlines = false) => sanitizeLine(redactSecrets(text, secrets), keepNewlines);
  io.stderr.write(`${c.red('error:')} ${safe(message)}\n`);
  const hint = err instanceof FibeAuditError ? err.hint : undefined;
  if (hint) io.stderr.write(`${c.dim('hint:')} ${safe(hint)}\n`);
  if (verbose && err instanceof Error && err.stack) io.stderr.write(`${safe(err.stack, true)}\n`);
}
