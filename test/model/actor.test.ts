import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { attachActor, isGenieEntry, normalizeActor, withActor } from '../../src/model/actor.js';
import type { Actor, AuditEntry } from '../../src/model/entry.js';

function entry(fields: Partial<AuditEntry>): AuditEntry {
  return {
    id: 1,
    resource_type: 'Trick',
    resource_id: 3312,
    action: 'trick.destroyed',
    channel: 'api',
    actor_type: 'Player',
    actor_id: 77,
    metadata: {},
    created_at: '2026-11-25T14:03:11.123Z',
    ...fields,
  };
}

const CI = { api_key_id: 15, api_key_label: 'GitHub Actions CI', resource_name: 'nightly-seed' };
const GENIE = { api_key_id: 21, api_key_label: 'triage-bot', agent_accessible: true };

describe('newer wire style', () => {
  it.each<[string, Partial<AuditEntry>, Actor]>([
    ['a key in metadata on the api channel', { metadata: CI }, { kind: 'api_key', id: 15, label: 'GitHub Actions CI' }],
    ['an agent-accessible key is a genie', { metadata: GENIE }, { kind: 'genie', id: 21, label: 'triage-bot' }],
    ['agent_accessible must be exactly true', { metadata: { ...GENIE, agent_accessible: 'true' } }, { kind: 'api_key', id: 21, label: 'triage-bot' }],
    ['a key without label', { metadata: { api_key_id: 15 } }, { kind: 'api_key', id: 15, label: null }],
    ['a numeric-string key id', { metadata: { api_key_id: '15' } }, { kind: 'api_key', id: 15, label: null }],
    ['channel API in capitals', { channel: 'API', metadata: CI }, { kind: 'api_key', id: 15, label: 'GitHub Actions CI' }],
    ['no channel at all still names the key', { channel: null, metadata: CI }, { kind: 'api_key', id: 15, label: 'GitHub Actions CI' }],
    ['a ui entry whose metadata describes a key resource', { channel: 'ui', action: 'api_key.created', metadata: { api_key_id: 30, api_key_label: 'new' } }, { kind: 'user', id: 77, label: null }],
    ['a player in the ui', { channel: 'ui', metadata: { resource_name: 'x' } }, { kind: 'user', id: 77, label: null }],
    ['a player with a username', { channel: 'ui', metadata: { username: 'ada' } }, { kind: 'user', id: 77, label: 'ada' }],
    ['actor_name when no username', { channel: 'ui', metadata: { actor_name: 'Ada L.' } }, { kind: 'user', id: 77, label: 'Ada L.' }],
    ['User is a person too', { actor_type: 'User', channel: 'ui' }, { kind: 'user', id: 77, label: null }],
    ['lower-case player', { actor_type: 'player', channel: 'api', metadata: null }, { kind: 'user', id: 77, label: null }],
    ['Playguard', { actor_type: 'Playguard', actor_id: null, channel: 'system' }, { kind: 'automation', id: null, label: 'Playguard' }],
    ['System with an id', { actor_type: 'System', actor_id: 3, channel: 'system' }, { kind: 'automation', id: 3, label: 'System' }],
    ['Stripe', { actor_type: 'Stripe', actor_id: null, channel: 'webhook' }, { kind: 'automation', id: null, label: 'Stripe' }],
    ['Automation in odd case', { actor_type: 'AUTOMATION', actor_id: null }, { kind: 'automation', id: null, label: 'AUTOMATION' }],
  ])('%s', (_name, fields, expected) => {
    expect(normalizeActor(entry(fields))).toEqual(expected);
  });
});

describe('older wire style', () => {
  it.each<[string, Partial<AuditEntry>, Actor]>([
    ['ApiKey', { actor_type: 'ApiKey', actor_id: 15, metadata: {} }, { kind: 'api_key', id: 15, label: null }],
    ['api_key', { actor_type: 'api_key', actor_id: 15, metadata: { api_key_label: 'CI' } }, { kind: 'api_key', id: 15, label: 'CI' }],
    ['API-Key spelling', { actor_type: 'API-Key', actor_id: 15 }, { kind: 'api_key', id: 15, label: null }],
    ['an agent-accessible ApiKey is a genie', { actor_type: 'ApiKey', actor_id: 21, metadata: { agent_accessible: true } }, { kind: 'genie', id: 21, label: null }],
    ['Genie: actor_id is the key id', { actor_type: 'Genie', actor_id: 21, channel: 'api' }, { kind: 'genie', id: 21, label: null }],
    ['Agent', { actor_type: 'Agent', actor_id: 21, metadata: { api_key_label: 'triage-bot' } }, { kind: 'genie', id: 21, label: 'triage-bot' }],
    ['ApiKey on another channel stays a key', { actor_type: 'ApiKey', actor_id: 15, channel: 'webhook' }, { kind: 'api_key', id: 15, label: null }],
    ['Genie without actor_id takes the metadata key', { actor_type: 'genie', actor_id: null, metadata: { api_key_id: 21 } }, { kind: 'genie', id: 21, label: null }],
  ])('%s', (_name, fields, expected) => {
    expect(normalizeActor(entry(fields))).toEqual(expected);
  });
});

describe('anything else is unknown, never an error', () => {
  it.each<[string, Partial<AuditEntry>, Actor]>([
    ['a new actor type', { actor_type: 'Robot', actor_id: 9 }, { kind: 'unknown', id: 9, label: 'Robot' }],
    ['no actor type', { actor_type: null, actor_id: null }, { kind: 'unknown', id: null, label: null }],
    ['a number as actor type', { actor_type: 42 as unknown as string }, { kind: 'unknown', id: 77, label: null }],
    ['metadata as an array', { actor_type: 'Player', metadata: [1, 2] as unknown as Record<string, unknown> }, { kind: 'user', id: 77, label: null }],
    ['a string actor id', { actor_type: 'Robot', actor_id: 'r-9' as unknown as number }, { kind: 'unknown', id: 'r-9', label: 'Robot' }],
    ['a NaN actor id', { actor_type: 'Player', channel: 'ui', actor_id: Number.NaN }, { kind: 'user', id: null, label: null }],
  ])('%s', (_name, fields, expected) => {
    expect(normalizeActor(entry(fields))).toEqual(expected);
  });

  it('survives arbitrary JSON in every field', () => {
    fc.assert(
      fc.property(
        fc.record({ actor_type: fc.jsonValue(), actor_id: fc.jsonValue(), channel: fc.jsonValue(), metadata: fc.jsonValue() }),
        (fields) => {
          const e = withActor(entry(fields as Partial<AuditEntry>));
          expect(['user', 'api_key', 'genie', 'automation', 'unknown']).toContain(e.actor.kind);
        },
      ),
    );
  });
});

describe('withActor and isGenieEntry', () => {
  it('adds actor and keeps every field unchanged', () => {
    const raw = entry({ metadata: CI, extra_field: 'kept' });
    const e = withActor(raw);
    expect(e).toEqual({ ...raw, actor: { kind: 'api_key', id: 15, label: 'GitHub Actions CI' } });
    expect(raw).not.toHaveProperty('actor');
  });

  it.each([
    [entry({ metadata: GENIE }), true],
    [entry({ actor_type: 'Agent', actor_id: 21 }), true],
    [entry({ metadata: CI }), false],
    [entry({ channel: 'ui' }), false],
  ])('isGenieEntry #%#', (raw, expected) => {
    expect(isGenieEntry(raw)).toBe(expected);
  });
});

describe('attachActor (withActor without the copy, for exports)', () => {
  it('sets actor on the object itself', () => {
    const raw = entry({ metadata: CI });
    const e = attachActor(raw);
    expect(e).toBe(raw);
    expect(e.actor).toEqual({ kind: 'api_key', id: 15, label: 'GitHub Actions CI' });
  });

  it('gives the same fields in the same order as withActor, from any JSON object (property)', () => {
    const key = fc.oneof(fc.constantFrom('actor', 'actor_type', 'actor_id', 'channel', 'metadata', '__proto__', '3'), fc.string({ maxLength: 4 }));
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.jsonValue({ maxDepth: 2 })), { maxLength: 8 }), (pairs) => {
        const json = `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;
        const copied = withActor(JSON.parse(json) as AuditEntry);
        const attached = attachActor(JSON.parse(json) as AuditEntry);
        expect(Reflect.ownKeys(attached)).toEqual(Reflect.ownKeys(copied));
        expect(JSON.stringify(attached)).toBe(JSON.stringify(copied));
        expect(Object.getPrototypeOf(attached)).toBe(Object.prototype);
      }),
      { numRuns: 1000 },
    );
  });

  it.each([[null], [5], ['text'], [[1, 2]]])('takes the copy for %j, as withActor does', (raw) => {
    const e = attachActor(raw as unknown as AuditEntry);
    expect(e).toEqual(withActor(raw as unknown as AuditEntry));
    expect(e).not.toBe(raw);
  });
});
