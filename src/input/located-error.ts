// Offline input errors name the file and the line, like a compiler, so a bad evidence file can be found and fixed.
import { InputError } from '../errors.js';

/** `audit.ndjson:1234: not valid JSON (...)`: exit 2, one line, no stack. */
export function inputErrorAt(name: string, line: number, message: string, hint?: string): InputError {
  return new InputError(`${name}:${line}: ${message}`, hint);
}

/** The JSON.parse message without a trailing period, for `(...)` after our own words. */
export function jsonReason(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\.$/, '');
}
