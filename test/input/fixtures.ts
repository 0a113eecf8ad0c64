// Hand-built API entries covering both actor wire styles, hostile cells and odd values, plus file helpers.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AuditEntry } from '../../src/model/entry.js';

export const API_ENTRIES: AuditEntry[] = [
  {
    id: 90412, resource_type: 'Trick', resource_id: 3312, action: 'trick.destroyed', channel: 'api',
    actor_type: 'Player', actor_id: 77,
    metadata: { api_key_id: 15, api_key_label: 'GitHub Actions CI', resource_name: 'nightly-seed' },
    created_at: '2026-11-25T14:03:11.123Z',
  },
  {
    id: 90413, resource_type: 'Playground', resource_id: 12, action: 'playground.updated', channel: 'api',
    actor_type: 'Player', actor_id: 77,
    metadata: { api_key_id: 21, api_key_label: 'triage-bot', agent_accessible: true, changes: { name: ['a, "b"', 'c\r\nd'] } },
    created_at: '2026-11-25T14:04:00Z',
  },
  {
    id: 90414, resource_type: 'Secret', resource_id: 5, action: 'secret.rotated', channel: 'api',
    actor_type: 'ApiKey', actor_id: 15, metadata: { api_key_label: '=HYPERLINK("http://x")' },
    created_at: '2026-11-25T15:00:00.5Z',
  },
  {
    id: 90415, resource_type: '=cmd|" /C calc"!A0', resource_id: null, action: 'session.revoked', channel: 'ui',
    // A bare LF in a cell: the CSV writer must quote it (RFC 4180), or the record splits in two.
    actor_type: 'User', actor_id: 8, metadata: { resource_name: '@SUM(1+1)\nline two', username: '+alice' },
    created_at: '2026-11-25T16:00:00Z',
  },
  {
    id: 90416, resource_type: 'Playground', resource_id: 40, action: 'playground.playguard.recovered', channel: 'system',
    actor_type: 'Playguard', actor_id: null, metadata: {}, created_at: '2026-11-25T17:00:00Z',
  },
  {
    id: 90417, resource_type: null, resource_id: null, action: 'two_factor.enabled', channel: null,
    actor_type: 'Genie', actor_id: 21, metadata: null, created_at: '2026-11-25T18:00:00Z',
  },
  {
    id: 90418, resource_type: 'Trick', resource_id: 7, action: 'trick.created', channel: 'webhook',
    actor_type: 'Stripe', actor_id: 3,
    metadata: { resource_name: "'quoted' \u202e evil 🎉", note: '-1', tab: '\tx', nested: [1, { a: null }] },
    created_at: '2026-11-25T19:00:00Z',
  },
];

/** What a CSV gives back: the id of a person who acted through a key is not in it (the column holds the key). */
export const CSV_ENTRIES: AuditEntry[] = API_ENTRIES.map((e) =>
  e.id === 90412 || e.id === 90413 ? { ...e, actor_id: null } : e,
);

export function writeFixture(dir: string, name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, name.endsWith('.gz') ? gzipSync(text) : text);
  return path;
}

export async function collectEntries(gen: AsyncIterable<AuditEntry>): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  for await (const e of gen) out.push(e);
  return out;
}

/** Runs the reader to the end and returns the error it throws (fails the test when it throws none). */
export async function readError(gen: AsyncIterable<AuditEntry>): Promise<Error> {
  try {
    await collectEntries(gen);
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the reader to fail');
}
