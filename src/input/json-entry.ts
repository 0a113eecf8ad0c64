// Turns one JSON text of an NDJSON line or array element into an API entry, checking the fields every
// command relies on; the `actor` our writer added is dropped, since commands normalise it again.
import type { AuditEntry } from '../model/entry.js';
import { inputErrorAt, jsonReason } from './located-error.js';
import type { TextRecord } from './ndjson-reader.js';

/** The fields filters and renderers cannot do without; `where` is `file:line` for the message. */
export function checkEntryFields(value: Record<string, unknown>, name: string, line: number): void {
  if (typeof value.id !== 'number' || !Number.isSafeInteger(value.id)) {
    throw inputErrorAt(name, line, 'entry has no numeric id');
  }
  if (typeof value.created_at !== 'string' || !Number.isFinite(Date.parse(value.created_at))) {
    throw inputErrorAt(name, line, `entry ${value.id} has no valid created_at time`);
  }
  if (typeof value.action !== 'string' || value.action === '') {
    throw inputErrorAt(name, line, `entry ${value.id} has no action`);
  }
}

export function entryFromJson(record: TextRecord, name: string): AuditEntry {
  let value: unknown;
  try {
    value = JSON.parse(record.text);
  } catch (err) {
    throw inputErrorAt(name, record.line, `not valid JSON (${jsonReason(err)})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw inputErrorAt(name, record.line, 'not an entry: expected a JSON object');
  }
  const entry = value as Record<string, unknown>;
  checkEntryFields(entry, name, record.line);
  delete entry.actor;
  return entry as AuditEntry;
}
