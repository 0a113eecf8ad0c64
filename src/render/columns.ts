// The entry columns as data: one list drives the CSV header and rows, the table's --columns and its ACTOR/RESOURCE text.
import { UsageError } from '../errors.js';
import type { Actor, Entry } from '../model/entry.js';

/** SPEC.md "CSV": these names, in this order. */
export const CSV_COLUMNS = [
  'id',
  'created_at',
  'action',
  'actor_kind',
  'actor_id',
  'actor_label',
  'actor_type',
  'channel',
  'resource_type',
  'resource_id',
  'resource_name',
  'metadata',
] as const;

export type ColumnKey = (typeof CSV_COLUMNS)[number];

/** `header` is the table heading (the key in capitals); CSV headers are the keys themselves. */
export interface Column {
  key: ColumnKey;
  header: string;
  /** Raw, unsanitised text: the renderer decides how to make it safe for its medium. */
  value(e: Entry): string;
}

/** API fields may be missing or of an unexpected type on a real server: never throw, never print `undefined`. */
export function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? '';
}

function metadataOf(e: Entry): Record<string, unknown> {
  const m = e.metadata as unknown;
  return m !== null && typeof m === 'object' && !Array.isArray(m) ? (m as Record<string, unknown>) : {};
}

/**
 * Each column's value as the entry holds it (any JSON type, or undefined): CSV and tables turn it
 * into text, typed exports (Parquet) into their column types, so both read the same field.
 */
export const FIELDS: Record<ColumnKey, (e: Entry) => unknown> = {
  id: (e) => e.id,
  created_at: (e) => e.created_at,
  action: (e) => e.action,
  actor_kind: (e) => e.actor?.kind,
  actor_id: (e) => e.actor?.id,
  actor_label: (e) => e.actor?.label,
  actor_type: (e) => e.actor_type,
  channel: (e) => e.channel,
  resource_type: (e) => e.resource_type,
  resource_id: (e) => e.resource_id,
  resource_name: (e) => metadataOf(e).resource_name,
  metadata: (e) => e.metadata,
};

const VALUES: Record<ColumnKey, (e: Entry) => string> = {
  // The field function is captured once per column: CSV exports call these for every cell.
  ...(Object.fromEntries(CSV_COLUMNS.map((key) => {
    const field = FIELDS[key];
    return [key, (e: Entry) => textOf(field(e))];
  })) as Record<ColumnKey, (e: Entry) => string>),
  // Compact JSON whatever the type, so a CSV reader can always JSON.parse a non-empty cell.
  metadata: (e) => (e.metadata === null || e.metadata === undefined ? '' : (JSON.stringify(e.metadata) ?? '')),
};

export const COLUMNS: Record<ColumnKey, Column> = Object.fromEntries(
  CSV_COLUMNS.map((key) => [key, { key, header: key.toUpperCase(), value: VALUES[key] }]),
) as Record<ColumnKey, Column>;

export function columnsFor(keys: readonly ColumnKey[] = CSV_COLUMNS): Column[] {
  return keys.map((k) => COLUMNS[k]);
}

/** `--columns id,action,actor_label`: case-insensitive, blanks skipped, duplicates dropped, order kept. */
export function parseColumns(text: string): ColumnKey[] {
  const names = text
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  const valid = `valid: ${CSV_COLUMNS.join(', ')}`;
  if (names.length === 0) throw new UsageError(`--columns needs at least one column name`, valid);
  const unknown = names.filter((n) => !(CSV_COLUMNS as readonly string[]).includes(n.toLowerCase()));
  if (unknown.length > 0) {
    const list = unknown.map((n) => `"${n}"`).join(', ');
    throw new UsageError(`unknown column${unknown.length > 1 ? 's' : ''} ${list} in --columns (${valid})`);
  }
  return [...new Set(names.map((n) => n.toLowerCase() as ColumnKey))];
}

/**
 * An actor or resource description in parts: the `name` may give way on a narrow terminal, `head` and
 * `tail` (the kind and `#id`) never; `bare` is the description without the name.
 */
export interface DescriptionParts {
  head: string;
  name: string;
  tail: string;
  bare: string;
}

const has = (v: unknown) => v !== null && v !== undefined && v !== '';

function labelled(word: string, actor: Actor): DescriptionParts {
  const id = has(actor.id) ? ` #${textOf(actor.id)}` : '';
  const bare = word + id;
  if (!has(actor.label)) return { head: bare, name: '', tail: '', bare };
  return { head: `${word} "`, name: textOf(actor.label), tail: `"${id}`, bare: id === '' ? `${word} "${textOf(actor.label)}"` : bare };
}

/** The parts of `key "GitHub Actions CI" #15`; an automation's name is its reference and never gives way. */
export function actorParts(actor: Actor): DescriptionParts {
  switch (actor.kind) {
    case 'api_key':
      return labelled('key', actor);
    case 'user':
    case 'genie':
      return labelled(actor.kind, actor);
    case 'automation': {
      // An automation is known by its name (`automation:Playguard`); its id only when nameless.
      const whole = actor.label ? `automation ${actor.label}` : has(actor.id) ? `automation #${textOf(actor.id)}` : 'automation';
      return { head: whole, name: '', tail: '', bare: whole };
    }
    default: {
      const kind = textOf(actor.kind) || 'unknown';
      const id = has(actor.id) ? ` #${textOf(actor.id)}` : '';
      if (!actor.label) return { head: kind + id, name: '', tail: '', bare: kind + id };
      return { head: `${kind} `, name: actor.label, tail: id, bare: id === '' ? `${kind} ${actor.label}` : kind + id };
    }
  }
}

const joined = (p: DescriptionParts) => p.head + p.name + p.tail;

/** `key "GitHub Actions CI" #15`, `user #77`, `genie "triage-bot" #21`, `automation Playguard`, `unknown Foo`. */
export function describeActor(actor: Actor): string {
  return joined(actorParts(actor));
}

/** The parts of `Trick #3312 nightly-seed`: the name gives way, type and `#id` stay. */
export function resourceParts(e: Entry): DescriptionParts {
  return resourcePartsOf(e.resource_type, e.resource_id, FIELDS.resource_name(e));
}

/** resourceParts from the three fields (also for counted resources, which are no entries). */
export function resourcePartsOf(resourceType: unknown, resourceId: unknown, resourceName: unknown): DescriptionParts {
  const type = textOf(resourceType);
  const id = textOf(resourceId);
  const name = textOf(resourceName);
  const bare = [type, id ? `#${id}` : ''].filter((p) => p !== '').join(' ');
  if (!name) return { head: bare, name: '', tail: '', bare };
  // Without a type or id the name is all there is to go by: it stays whole.
  if (!bare) return { head: name, name: '', tail: '', bare: name };
  return { head: `${bare} `, name, tail: '', bare };
}

/** `Trick #3312 nightly-seed`, `Trick #3312`, `Trick`, or '' for an entry about no resource. */
export function describeResource(e: Entry): string {
  return joined(resourceParts(e));
}
