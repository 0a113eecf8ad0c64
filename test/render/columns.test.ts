import { describe, expect, it } from 'vitest';
import {
  COLUMNS,
  CSV_COLUMNS,
  describeActor,
  describeResource,
  parseColumns,
} from '../../src/render/columns.js';
import { UsageError } from '../../src/errors.js';
import type { Actor } from '../../src/model/entry.js';
import { makeEntry } from './fixtures.js';

describe('parseColumns', () => {
  it.each([
    ['id,action,actor_label', ['id', 'action', 'actor_label']],
    [' id , ACTION ', ['id', 'action']],
    ['metadata,id,metadata,id', ['metadata', 'id']],
    ['id,,action,', ['id', 'action']],
    [CSV_COLUMNS.join(','), [...CSV_COLUMNS]],
  ])('%j -> %j', (text, expected) => {
    expect(parseColumns(text)).toEqual(expected);
  });

  it.each(['', ' ', ',,'])('refuses an empty list %j with a usage error', (text) => {
    expect(() => parseColumns(text)).toThrow(UsageError);
    expect(() => parseColumns(text)).toThrow('--columns needs at least one column name');
  });

  it('names every unknown column and lists the valid ones', () => {
    let err: unknown;
    try {
      parseColumns('id,actor,when');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe(
      'unknown columns "actor", "when" in --columns (valid: id, created_at, action, actor_kind, actor_id, ' +
        'actor_label, actor_type, channel, resource_type, resource_id, resource_name, metadata)',
    );
  });

  it('uses the singular for one unknown column', () => {
    expect(() => parseColumns('nope')).toThrow(/^unknown column "nope" in --columns \(valid: id, /);
  });
});

describe('column values', () => {
  const e = makeEntry();
  it.each([
    ['id', '90412'],
    ['created_at', '2026-11-26T09:00:00.123Z'],
    ['action', 'trick.destroyed'],
    ['actor_kind', 'api_key'],
    ['actor_id', '15'],
    ['actor_label', 'GitHub Actions CI'],
    ['actor_type', 'Player'],
    ['channel', 'api'],
    ['resource_type', 'Trick'],
    ['resource_id', '3312'],
    ['resource_name', 'nightly-seed'],
    ['metadata', '{"api_key_id":15,"api_key_label":"GitHub Actions CI","resource_name":"nightly-seed"}'],
  ] as const)('%s -> %j', (key, expected) => {
    expect(COLUMNS[key].value(e)).toBe(expected);
    expect(COLUMNS[key].header).toBe(key.toUpperCase());
  });

  it('turns nulls and missing fields into empty text, never "null" or "undefined"', () => {
    const bare = makeEntry({
      resource_type: null,
      resource_id: null,
      channel: null,
      actor_type: null,
      metadata: null,
      actor: { kind: 'unknown', id: null, label: null },
    });
    for (const key of ['actor_id', 'actor_label', 'actor_type', 'channel', 'resource_type', 'resource_id', 'resource_name', 'metadata'] as const) {
      expect(COLUMNS[key].value(bare)).toBe('');
    }
  });

  it('copes with unexpected types from a real server', () => {
    const odd = makeEntry({ metadata: 'text' as never, channel: 5 as never, resource_id: '12' as never });
    expect(COLUMNS.metadata.value(odd)).toBe('"text"');
    expect(COLUMNS.channel.value(odd)).toBe('5');
    expect(COLUMNS.resource_name.value(odd)).toBe('');
    expect(COLUMNS.resource_id.value(odd)).toBe('12');
  });
});

describe('describeActor', () => {
  it.each<[Actor, string]>([
    [{ kind: 'api_key', id: 15, label: 'GitHub Actions CI' }, 'key "GitHub Actions CI" #15'],
    [{ kind: 'api_key', id: 15, label: null }, 'key #15'],
    [{ kind: 'api_key', id: null, label: 'deploy' }, 'key "deploy"'],
    [{ kind: 'user', id: 77, label: null }, 'user #77'],
    [{ kind: 'user', id: 77, label: 'alice' }, 'user "alice" #77'],
    [{ kind: 'genie', id: 21, label: 'triage-bot' }, 'genie "triage-bot" #21'],
    [{ kind: 'genie', id: 21, label: null }, 'genie #21'],
    [{ kind: 'automation', id: null, label: 'Playguard' }, 'automation Playguard'],
    [{ kind: 'automation', id: 3, label: 'Stripe' }, 'automation Stripe'],
    [{ kind: 'automation', id: 3, label: null }, 'automation #3'],
    [{ kind: 'automation', id: null, label: null }, 'automation'],
    [{ kind: 'unknown', id: null, label: 'Foo' }, 'unknown Foo'],
    [{ kind: 'unknown', id: 9, label: 'Foo' }, 'unknown Foo #9'],
    [{ kind: 'unknown', id: null, label: null }, 'unknown'],
  ])('%j -> %s', (actor, expected) => {
    expect(describeActor(actor)).toBe(expected);
  });
});

describe('describeResource', () => {
  it.each([
    [makeEntry(), 'Trick #3312 nightly-seed'],
    [makeEntry({ metadata: {} }), 'Trick #3312'],
    [makeEntry({ metadata: null, resource_id: null }), 'Trick'],
    [makeEntry({ metadata: { resource_name: 'x' }, resource_id: null }), 'Trick x'],
    [makeEntry({ metadata: null, resource_id: null, resource_type: null }), ''],
    [makeEntry({ metadata: { resource_name: 42 } }), 'Trick #3312 42'],
  ])('%#: %s', (e, expected) => {
    expect(describeResource(e)).toBe(expected);
  });
});
