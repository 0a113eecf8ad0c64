// `keys` output: every API key with its record, whether it has expired, and what the audit log saw
// of it in the window (last activity, entry count), as a table, a JSON array or CSV.
import type { ApiKeyRecord } from '../model/entry.js';
import { parseTimestamp } from '../time/parse.js';
import { formatAbsolute, formatDay, formatRelative } from '../time/format.js';
import { csvFromRows } from './csv.js';
import { layoutJsonArray } from './json-document.js';
import { renderTable, tableWidth, type CellPainter, type TableOptions, type TableStyle } from './table.js';
import { namedCell, shortCell, wrappedCell, type Cell } from './fit-cell.js';

export interface KeyActivity {
  key: ApiKeyRecord;
  /** expires_at is at or before the command's clock. */
  expired: boolean;
  /** Entries the key made in the window. */
  entries: number;
  /** created_at of its newest entry in the window, or null. */
  lastActivity: string | null;
}

/** True when the key's expiry has passed at `now`; a missing or unreadable expiry never expires. */
export function isExpired(key: ApiKeyRecord, now: Date): boolean {
  const ms = parseTimestamp(key.expires_at);
  return !Number.isNaN(ms) && ms <= now.getTime();
}

function scopesOf(key: ApiKeyRecord): string[] {
  return Array.isArray(key.scopes) ? key.scopes.map(String) : [];
}

/** Chosen fields only: whatever else a server adds to a key record is not passed on. */
function keyObject(k: KeyActivity): Record<string, unknown> {
  const key = k.key;
  return {
    id: key.id,
    label: key.label,
    masked_token: key.masked_token,
    scopes: scopesOf(key),
    created_at: key.created_at,
    expires_at: key.expires_at ?? null,
    expired: k.expired,
    agent_accessible: key.agent_accessible === true,
    last_used_at: typeof key.last_used_at === 'string' ? key.last_used_at : null,
    last_activity: k.lastActivity,
    entries: k.entries,
  };
}

export function renderKeysJson(rows: KeyActivity[]): string {
  return layoutJsonArray(rows.map(keyObject));
}

const CSV_HEADERS = ['id', 'label', 'masked_token', 'scopes', 'created_at', 'expires_at', 'expired', 'agent_accessible', 'last_used_at', 'last_activity', 'entries'];

/** Scopes joined by spaces (a scope never holds one). */
export async function renderKeysCsv(rows: KeyActivity[], guard: boolean): Promise<string> {
  const data = rows.map((k) => {
    const o = keyObject(k);
    return CSV_HEADERS.map((h) => {
      const v = o[h];
      if (Array.isArray(v)) return v.join(' ');
      return v === null || v === undefined ? '' : String(v);
    });
  });
  return csvFromRows(CSV_HEADERS, data, guard);
}

/** `2026-11-05`, `never`, or `2026-11-05 expired`, which on a narrow terminal may shrink to `expired`. */
function expiresCell(k: KeyActivity, style: TableStyle): Cell {
  if (typeof k.key.expires_at !== 'string') return 'never';
  const day = formatDay(k.key.expires_at, style.zone);
  return k.expired ? shortCell(`${day} expired`, 'expired') : day;
}

function lastText(k: KeyActivity, style: TableStyle): string {
  if (k.lastActivity === null) return '-';
  return style.tty ? formatRelative(k.lastActivity, style.now) : formatAbsolute(k.lastActivity, style.zone);
}

const HEADERS = ['LABEL', 'ID', 'TOKEN', 'SCOPES', 'CREATED', 'EXPIRES', 'AGENT', 'LAST ACTIVITY', 'ENTRIES'];
// Left out, in this order, while the table is wider than the terminal: what the investigation needs
// least (the label, id, scopes, expiry and entry count always stay).
const DROP_ORDER = ['CREATED', 'TOKEN', 'AGENT', 'LAST ACTIVITY'];
const LABEL_KEEP = 10;

export interface KeysTable {
  text: string;
  /** Headers of the columns left out to fit the terminal (the command says so on stderr). */
  hidden: string[];
}

/**
 * LABEL, ID, TOKEN, SCOPES, CREATED, EXPIRES, AGENT, LAST ACTIVITY, ENTRIES; an expired key's EXPIRES in
 * red. On a terminal scopes wrap at scope boundaries, then columns are left out in DROP_ORDER until the
 * table fits; only then do long labels give way (never below 10 cells), so a wider terminal never shows less.
 */
export function renderKeysTable(rows: KeyActivity[], style: TableStyle): KeysTable {
  const full: Cell[][] = rows.map((k) => {
    const label = String(k.key.label ?? '');
    return [
      namedCell({ head: '', name: label, tail: '', bare: '', keep: LABEL_KEEP }),
      String(k.key.id),
      String(k.key.masked_token ?? ''),
      style.tty ? wrappedCell(scopesOf(k.key), ', ') : scopesOf(k.key).join(','),
      typeof k.key.created_at === 'string' ? formatDay(k.key.created_at, style.zone) : '-',
      expiresCell(k, style),
      k.key.agent_accessible === true ? 'yes' : 'no',
      lastText(k, style),
      k.entries.toLocaleString('en-US'),
    ];
  });
  const paintExpires: CellPainter = (t, row) => (rows[row]?.expired ? style.color.red(t) : t);
  const steps = style.tty ? DROP_ORDER.map((_, i) => DROP_ORDER.slice(0, i)).concat([DROP_ORDER]) : [[]];
  for (const [i, hidden] of steps.entries()) {
    const keep = HEADERS.flatMap((h, col) => (hidden.includes(h) ? [] : [col]));
    const headers = keep.map((col) => HEADERS[col] as string);
    const cells = full.map((r) => keep.map((col) => r[col] as Cell));
    const opts: TableOptions = {
      align: headers.map((h) => (h === 'ID' || h === 'ENTRIES' ? 'right' : 'left')),
      // A label (the name the key goes by) and an expired key's date give way only once every other
      // column is out: cut earlier, a label could show less on a wide terminal than on a narrow one,
      // where a left-out column leaves it room.
      flex: headers.flatMap((h, col) => (h === 'SCOPES' || ((h === 'LABEL' || h === 'EXPIRES') && i === steps.length - 1) ? [col] : [])),
      paint: headers.map((h) => (h === 'EXPIRES' ? paintExpires : undefined)),
    };
    if (i === steps.length - 1 || tableWidth(headers, cells, style, opts) <= style.width) {
      return { text: renderTable(headers, cells, style, opts), hidden };
    }
  }
  return { text: '', hidden: [] };
}
