// Hand-built entries for renderer tests: the API object plus a normalised `actor`, as the model layer gives them.
import type { Entry } from '../../src/model/entry.js';

export function makeEntry(over: Partial<Entry> = {}): Entry {
  return {
    id: 90412,
    resource_type: 'Trick',
    resource_id: 3312,
    action: 'trick.destroyed',
    channel: 'api',
    actor_type: 'Player',
    actor_id: 77,
    metadata: { api_key_id: 15, api_key_label: 'GitHub Actions CI', resource_name: 'nightly-seed' },
    created_at: '2026-11-26T09:00:00.123Z',
    actor: { kind: 'api_key', id: 15, label: 'GitHub Actions CI' },
    ...over,
  };
}

/** Every trick a terminal could be fooled by, as one string. */
export const HOSTILE = '\x1b[31mred\x1b]8;;http://x\x07click\x1b]8;;\x07\x07\r\0\u202e\ud800';
export const HOSTILE_SHOWN = '\\x1b[31mred\\x1b]8;;http://x\\x07click\\x1b]8;;\\x07\\x07\\x0d\\x00\\u202e\\ud800';
