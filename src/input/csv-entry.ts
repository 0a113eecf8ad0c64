// Rebuilds API entries from the CSV columns of SPEC.md "CSV": integers back from text, metadata parsed
// from its JSON, the formula guard undone. The columns are matched by header name, so a CSV written
// with --columns reads too, as long as it has id, created_at and action.
import type { AuditEntry } from '../model/entry.js';
import { normalizeActor } from '../model/actor.js';
import { CSV_COLUMNS, type ColumnKey } from '../render/columns.js';
import { inputErrorAt, jsonReason } from './located-error.js';
import { checkEntryFields } from './json-entry.js';
import type { CsvRecord } from './csv-reader.js';

const REQUIRED: readonly ColumnKey[] = ['id', 'created_at', 'action'];
/** The characters render/csv.ts guards with a leading quote. */
const GUARDED = new Set(['=', '+', '-', '@', '\t', '\r', '\n', '\0']);

export interface CsvHeader {
  /** Position of each known column. */
  columns: Map<ColumnKey, number>;
  /** Fields per record, unknown columns included. */
  width: number;
}

/**
 * Our writer puts `'` before a cell starting with = + - @ TAB CR LF NUL; take it off again. A cell that
 * genuinely began with `'` and one of those characters (or any cell of a --no-csv-guard file that did)
 * cannot be told apart and loses its quote.
 */
export function unguardCell(cell: string): string {
  return cell.charCodeAt(0) === 0x27 && GUARDED.has(cell.charAt(1)) ? cell.slice(1) : cell;
}

/** Column positions by name (case-insensitive); unknown columns are ignored. */
export function readCsvHeader(record: CsvRecord, name: string): CsvHeader {
  const columns = new Map<ColumnKey, number>();
  record.fields.forEach((field, i) => {
    const key = field.trim().toLowerCase();
    if ((CSV_COLUMNS as readonly string[]).includes(key) && !columns.has(key as ColumnKey)) columns.set(key as ColumnKey, i);
  });
  const missing = REQUIRED.filter((k) => !columns.has(k));
  if (missing.length > 0) {
    throw inputErrorAt(
      name,
      record.line,
      `not a fibe-audit CSV export: the header has no ${missing.join(', ')} column${missing.length > 1 ? 's' : ''}`,
      `expected the columns ${CSV_COLUMNS.join(', ')}`,
    );
  }
  return { columns, width: record.fields.length };
}

/** `''` -> null, a whole number -> number, anything else stays text (ids are open on a real server). */
function idOf(cell: string | undefined): number | string | null {
  if (cell === undefined || cell === '') return null;
  return /^-?\d+$/.test(cell) && Number.isSafeInteger(Number(cell)) ? Number(cell) : cell;
}

function textOf(cell: string | undefined): string | null {
  return cell === undefined || cell === '' ? null : cell;
}

/**
 * Without a metadata column, the fields the actor normaliser and RESOURCE read are rebuilt from the
 * actor and resource_name columns, so such a CSV still names the same actors.
 */
function metadataFromColumns(cell: (k: ColumnKey) => string | undefined): Record<string, unknown> | null {
  const meta: Record<string, unknown> = {};
  const kind = cell('actor_kind');
  if (kind === 'api_key' || kind === 'genie') {
    meta.api_key_id = idOf(cell('actor_id'));
    if (cell('actor_label')) meta.api_key_label = cell('actor_label');
    meta.agent_accessible = kind === 'genie';
  }
  if (kind === 'user' && cell('actor_label')) meta.username = cell('actor_label');
  if (cell('resource_name')) meta.resource_name = cell('resource_name');
  return Object.keys(meta).length > 0 ? meta : null;
}

// A file holds a handful of actor types; the cache is dropped if an odd file holds very many.
const personTypes = new Map<string, boolean>();

/** True for actor types the normaliser reads as a person (Player, User), asked of the normaliser itself. */
function isPersonType(actorType: string | null): boolean {
  if (actorType === null) return false;
  let person = personTypes.get(actorType);
  if (person === undefined) {
    const probe = { id: 0, action: 'x', created_at: '', channel: 'ui', actor_type: actorType, actor_id: null };
    person = normalizeActor({ ...probe, resource_type: null, resource_id: null, metadata: null }).kind === 'user';
    if (personTypes.size > 256) personTypes.clear();
    personTypes.set(actorType, person);
  }
  return person;
}

/**
 * The actor_id column holds the normalised actor's id. For a person acting through a key that is the
 * key's id (kept in metadata): the person's own id is not in the CSV, so the raw actor_id is null.
 */
function rawActorId(cell: (k: ColumnKey) => string | undefined): number | string | null {
  const id = idOf(cell('actor_id'));
  const kind = cell('actor_kind');
  if ((kind === 'api_key' || kind === 'genie') && isPersonType(textOf(cell('actor_type')))) return null;
  return id;
}

export function entryFromCsv(record: CsvRecord, header: CsvHeader, name: string): AuditEntry {
  if (record.fields.length !== header.width) {
    throw inputErrorAt(name, record.line, `expected ${header.width} fields as in the header, found ${record.fields.length}`);
  }
  const cell = (k: ColumnKey): string | undefined => {
    const i = header.columns.get(k);
    const v = i === undefined ? undefined : record.fields[i];
    return v === undefined ? undefined : unguardCell(v);
  };
  let metadata: Record<string, unknown> | null;
  if (header.columns.has('metadata')) {
    const text = cell('metadata') ?? '';
    try {
      metadata = text === '' ? null : (JSON.parse(text) as Record<string, unknown>);
    } catch (err) {
      throw inputErrorAt(name, record.line, `metadata is not valid JSON (${jsonReason(err)})`);
    }
  } else {
    metadata = metadataFromColumns(cell);
  }
  const entry = {
    id: idOf(cell('id')),
    resource_type: textOf(cell('resource_type')),
    resource_id: idOf(cell('resource_id')),
    action: cell('action') ?? '',
    channel: textOf(cell('channel')),
    actor_type: textOf(cell('actor_type')),
    actor_id: rawActorId(cell),
    metadata,
    created_at: cell('created_at') ?? '',
  };
  checkEntryFields(entry, name, record.line);
  return entry as AuditEntry;
}
