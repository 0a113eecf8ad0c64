// One audit entry as a mirror row and back. Typed columns serve filters and SQL; the entry's JSON
// is rebuilt from them when that gives back exactly what the API sent (the usual case, which keeps
// the mirror small), and is stored whole in `raw` otherwise, so every entry reads back byte for byte.
import type { AuditEntry } from '../model/entry.js';
import { normalizeActor } from '../model/actor.js';
import { microsOf } from '../model/instant.js';

/** A row in column order (ENTRY_COLUMNS in schema.ts); integers as numbers, times as epoch µs. */
export interface EntryRow {
  id: number | null;
  createdAtUs: number | null;
  action: string | null;
  actorKind: string;
  actorId: number | null;
  actorLabel: string | null;
  actorType: string | null;
  channel: string | null;
  resourceType: string | null;
  resourceId: number | null;
  resourceName: string | null;
  /** The metadata value as compact JSON; null when the entry has no metadata field. */
  metadata: string | null;
  /** The wire actor_id (the actor columns hold the normalised actor). */
  wireActorId: number | null;
  /** The entry's JSON when the columns cannot rebuild it exactly. */
  raw: string | null;
}

const int = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) ? v : null);
// Text the engine stores unchanged: no NUL, no lone surrogate (it would become U+FFFD).
const storable = (s: string) => !s.includes('\u0000') && (s as unknown as { isWellFormed(): boolean }).isWellFormed();
const str = (v: unknown): string | null => (typeof v === 'string' && storable(v) ? v : null);

const DAY_MS = 86_400_000;
const two = (n: number) => (n < 10 ? `0${n}` : String(n));
const three = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n));
let cachedDay = Number.NaN;
let cachedPrefix = '';

/**
 * The API's own shape for a time: whole seconds, else milliseconds, else microseconds, UTC `Z`.
 * Reading a month of entries formats each one: the date part is cached per day.
 */
export function formatMicros(us: number): string {
  const ms = Math.floor(us / 1000);
  const day = Math.floor(ms / DAY_MS);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
  }
  let rest = ms - day * DAY_MS;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const sec = Math.floor(rest / 1000);
  const milli = rest - sec * 1000;
  const sub = us - ms * 1000;
  const base = `${cachedPrefix}${two(h)}:${two(m)}:${two(sec)}`;
  if (sub !== 0) return `${base}.${three(milli)}${three(sub)}Z`;
  return milli !== 0 ? `${base}.${three(milli)}Z` : `${base}Z`;
}

/** The entry the typed columns describe, fields in the documented order (FIBE-API.md "One entry"). */
export function rebuildEntry(row: EntryRow): AuditEntry {
  const entry: Record<string, unknown> = {
    id: row.id,
    resource_type: row.resourceType,
    resource_id: row.resourceId,
    action: row.action,
    channel: row.channel,
    actor_type: row.actorType,
    actor_id: row.wireActorId,
    metadata: row.metadata === null ? undefined : JSON.parse(row.metadata),
    created_at: row.createdAtUs === null ? null : formatMicros(row.createdAtUs),
  };
  if (entry.metadata === undefined) delete entry.metadata;
  return entry as AuditEntry;
}

const FIELDS = ['id', 'resource_type', 'resource_id', 'action', 'channel', 'actor_type', 'actor_id', 'metadata', 'created_at'];
const FIELDS_NO_METADATA = FIELDS.filter((f) => f !== 'metadata');

/** True when formatMicros gives this text back: `Z`, no leap second, 0, 3 or 6 digits without trailing `000`. */
function isCanonicalTime(text: string): boolean {
  const n = text.length;
  if (text[n - 1] !== 'Z' || text[10] !== 'T' || text[17] === '6') return false;
  if (n === 20) return true;
  if (text[19] !== '.') return false;
  if (n === 24) return text.slice(20, 23) !== '000';
  return n === 27 && text.slice(23, 26) !== '000';
}

function sameFields(entry: AuditEntry, expected: readonly string[]): boolean {
  const keys = Object.keys(entry);
  return keys.length === expected.length && keys.every((k, i) => k === expected[i]);
}

/**
 * No control characters: JSON.stringify and the engine's JSON writer (which rebuilds `raw` for
 * `fibe-audit sql`) spell every other character of a string alike, but \u001b as \u001B.
 */
const plainText = (v: unknown) => typeof v !== 'string' || !/[\u0000-\u001f]/.test(v);

/**
 * True when rebuildEntry(row) serialises to exactly JSON.stringify(entry): the documented fields in
 * the documented order, each one held unchanged by its column (what rebuildEntry reads back), with
 * text the engine's writer spells the same way (sql-views.ts rebuilds `raw` from the columns too).
 */
function rebuildsExactly(entry: AuditEntry, row: EntryRow): boolean {
  return (
    row.id !== null &&
    plainText(entry.action) && plainText(entry.channel) && plainText(entry.actor_type) && plainText(entry.resource_type) &&
    sameFields(entry, row.metadata === null ? FIELDS_NO_METADATA : FIELDS) &&
    entry.resource_type === row.resourceType &&
    entry.resource_id === row.resourceId &&
    entry.action === row.action &&
    entry.channel === row.channel &&
    entry.actor_type === row.actorType &&
    entry.actor_id === row.wireActorId &&
    row.createdAtUs !== null &&
    typeof entry.created_at === 'string' &&
    isCanonicalTime(entry.created_at)
  );
}

/** The row for one entry as parsed from the API (the object is not changed). */
export function toEntryRow(entry: AuditEntry): EntryRow {
  const actor = normalizeActor(entry);
  const meta = entry.metadata as unknown;
  const resourceName = meta !== null && typeof meta === 'object' ? (meta as { resource_name?: unknown }).resource_name : undefined;
  const row: EntryRow = {
    id: int(entry.id),
    createdAtUs: microsOf(entry.created_at),
    action: str(entry.action),
    actorKind: actor.kind,
    actorId: int(actor.id),
    actorLabel: str(actor.label),
    actorType: str(entry.actor_type),
    channel: str(entry.channel),
    resourceType: str(entry.resource_type),
    resourceId: int(entry.resource_id),
    resourceName: str(resourceName),
    metadata: meta === undefined ? null : (JSON.stringify(meta) ?? null),
    wireActorId: int(entry.actor_id),
    raw: null,
  };
  // A resource_name that is not a plain string reads differently from the column (actor's dossier
  // shows String(value)): such rare entries keep their JSON, so a row without it is plain throughout.
  const oddName = resourceName !== undefined && resourceName !== null && row.resourceName === null;
  if (oddName || !rebuildsExactly(entry, row)) row.raw = JSON.stringify(entry);
  return row;
}

/** The entry a row holds, as a fresh object (the read path attaches `actor` to it). */
export function fromEntryRow(row: EntryRow): AuditEntry {
  return row.raw !== null ? (JSON.parse(row.raw) as AuditEntry) : rebuildEntry(row);
}
