// `keys` output: every API key with its record, whether it has expired, and what the audit log saw
// of it in the window (last activity, entry count), as a table, a JSON array or CSV.
import type { ApiKeyRecord } from '../model/entry.js';
import { parseTimestamp } from '../time/parse.js';
import { formatAbsolute, formatDay, formatRelative } from '../time/format.js';
import { csvFromRows } from './csv.js';
import { layoutJsonArray } from './json-document.js';
import { renderTable, type TableStyle } from './table.js';
import { displayWidth } from './width.js';

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

function expiresText(k: KeyActivity, style: TableStyle): string {
  if (typeof k.key.expires_at !== 'string') return 'never';
  const day = formatDay(k.key.expires_at, style.zone);
  return k.expired ? `${day} expired` : day;
}

function lastText(k: KeyActivity, style: TableStyle): string {
  if (k.lastActivity === null) return '-';
  return style.tty ? formatRelative(k.lastActivity, style.now) : formatAbsolute(k.lastActivity, style.zone);
}

/** LABEL, ID, TOKEN, SCOPES, CREATED, EXPIRES, AGENT, LAST ACTIVITY, ENTRIES; an expired key's EXPIRES in red. */
export function renderKeysTable(rows: KeyActivity[], style: TableStyle): string {
  const cells = rows.map((k) => [
    String(k.key.label ?? ''),
    String(k.key.id),
    String(k.key.masked_token ?? ''),
    scopesOf(k.key).join(','),
    typeof k.key.created_at === 'string' ? formatDay(k.key.created_at, style.zone) : '-',
    expiresText(k, style),
    k.key.agent_accessible === true ? 'yes' : 'no',
    lastText(k, style),
    k.entries.toLocaleString('en-US'),
  ]);
  const render = (flex: number[]) =>
    renderTable(['LABEL', 'ID', 'TOKEN', 'SCOPES', 'CREATED', 'EXPIRES', 'AGENT', 'LAST ACTIVITY', 'ENTRIES'], cells, style, {
      align: ['left', 'right', 'left', 'left', 'left', 'left', 'left', 'left', 'right'],
      flex,
      paint: [undefined, undefined, undefined, undefined, undefined, (t, row) => (rows[row]?.expired ? style.color.red(t) : t)],
    });
  // Scopes give way first; the label, which names the key, only when that is not enough.
  const table = render([3]);
  if (!style.tty || table.split('\n').every((line) => displayWidth(stripAnsi(line)) <= style.width)) return table;
  return render([0, 3]);
}

function stripAnsi(text: string): string {
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}
