import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { withActor } from '../../src/model/actor.js';
import {
  ACCEPTED_ACTOR_FORMS,
  isRawKeyRef,
  maskTokens,
  matchesActorRef,
  parseActorRef,
  refTextFor,
  type ActorRef,
  type KeyIndex,
} from '../../src/model/actor-ref.js';
import type { AuditEntry, Entry } from '../../src/model/entry.js';

describe('parseActorRef', () => {
  it.each<[string, Omit<ActorRef, 'text'>]>([
    ['user:77', { kind: 'user', by: 'id', value: '77' }],
    ['USER:077', { kind: 'user', by: 'id', value: '77' }],
    ['user:"77"', { kind: 'user', by: 'id', value: '77' }],
    ['key:15', { kind: 'key', by: 'id', value: '15' }],
    [' key : 15 ', { kind: 'key', by: 'id', value: '15' }],
    ['api_key:15', { kind: 'key', by: 'id', value: '15' }],
    ['key:deploy', { kind: 'key', by: 'label', value: 'deploy' }],
    ['key:"GitHub Actions CI"', { kind: 'key', by: 'label', value: 'GitHub Actions CI' }],
    ["key:'GitHub Actions CI'", { kind: 'key', by: 'label', value: 'GitHub Actions CI' }],
    ['key:GitHub Actions CI', { kind: 'key', by: 'label', value: 'GitHub Actions CI' }],
    ['key:"2024"', { kind: 'key', by: 'label', value: '2024' }],
    ['key:ci:prod', { kind: 'key', by: 'label', value: 'ci:prod' }],
    ['key:fibe_live_abcdef1234567890', { kind: 'key', by: 'token', value: 'fibe_live_abcdef1234567890' }],
    ['key:fibe_test_abcdef1234567890', { kind: 'key', by: 'token', value: 'fibe_test_abcdef1234567890' }],
    ['key:"fibe_live_label"', { kind: 'key', by: 'label', value: 'fibe_live_label' }],
    ['genie:21', { kind: 'genie', by: 'id', value: '21' }],
    ['genie:triage-bot', { kind: 'genie', by: 'label', value: 'triage-bot' }],
    ['agent:21', { kind: 'genie', by: 'id', value: '21' }],
    ['automation:Playguard', { kind: 'automation', by: 'label', value: 'Playguard' }],
    ['automation:playguard', { kind: 'automation', by: 'label', value: 'playguard' }],
  ])('%s', (text, expected) => {
    expect(parseActorRef(text)).toEqual({ ...expected, text });
  });

  it.each([
    ['', 'empty reference'],
    ['   ', 'empty reference'],
    ['77', 'missing kind'],
    ['robot:1', "unknown kind 'robot'"],
    [':15', "unknown kind ''"],
    ['key:', 'empty value'],
    ['key:  ', 'empty value'],
    ['user:', 'empty value'],
    ['user:abc', 'user ids are numeric'],
    ['user:-1', 'user ids are numeric'],
    ['user:1.5', 'user ids are numeric'],
    ['user:99999999999999999999', 'user ids are numeric'],
    ['key:"GitHub Actions', 'unterminated quote'],
    ["key:'ci", 'unterminated quote'],
    ['key:"', 'unterminated quote'],
    ['key:""', 'empty value'],
    ['automation:', 'empty value'],
  ])('%j is refused: %s', (text, reason) => {
    expect(() => parseActorRef(text)).toThrow(UsageError);
    expect(() => parseActorRef(text)).toThrow(`cannot read actor '${text}': ${reason} (${ACCEPTED_ACTOR_FORMS})`);
  });

  it('never echoes a raw key in an error', () => {
    expect(() => parseActorRef('user:fibe_live_abcdefghijklmnop1234')).toThrow(
      `cannot read actor 'user:fibe_liv...1234': user ids are numeric (${ACCEPTED_ACTOR_FORMS})`,
    );
  });

  it.each([
    ['key:fibe_live_abcdef1234567890', true],
    ['genie:fibe_test_abcdef1234567890', true],
    ['key:15', false],
    ['key:"fibe_live_x"', false],
  ])('isRawKeyRef(%s) = %s', (text, expected) => {
    expect(isRawKeyRef(parseActorRef(text))).toBe(expected);
  });

  it('maskTokens keeps 8 + 4 characters', () => {
    expect(maskTokens('leaked fibe_live_abcdefghij9876 here')).toBe('leaked fibe_liv...9876 here');
    expect(maskTokens('fibe_test_ab')).toBe('***');
  });
});

function entry(fields: Partial<AuditEntry>): Entry {
  return withActor({
    id: 1,
    resource_type: 'Trick',
    resource_id: 1,
    action: 'trick.created',
    channel: 'api',
    actor_type: 'Player',
    actor_id: 77,
    metadata: {},
    created_at: '2026-11-25T14:00:00Z',
    ...fields,
  });
}

const USER_77 = entry({ channel: 'ui' });
const USER_78 = entry({ channel: 'ui', actor_id: 78 });
const CI_NEW = entry({ metadata: { api_key_id: 15, api_key_label: 'GitHub Actions CI' } });
const CI_OLD = entry({ actor_type: 'ApiKey', actor_id: 15 });
const CI_LOWER = entry({ metadata: { api_key_id: 16, api_key_label: 'github actions ci' } });
const GENIE_NEW = entry({ metadata: { api_key_id: 21, api_key_label: 'triage-bot', agent_accessible: true } });
const GENIE_OLD = entry({ actor_type: 'Genie', actor_id: 21 });
const PLAYGUARD = entry({ actor_type: 'Playguard', actor_id: null, channel: 'system' });
const STRIPE = entry({ actor_type: 'Stripe', actor_id: null, channel: 'webhook' });
const ROBOT = entry({ actor_type: 'Robot', actor_id: 15 });
const ALL = { USER_77, USER_78, CI_NEW, CI_OLD, CI_LOWER, GENIE_NEW, GENIE_OLD, PLAYGUARD, STRIPE, ROBOT };

const INDEX: KeyIndex = {
  idsByLabel: new Map([
    ['GitHub Actions CI', [15]],
    ['github actions ci', [16]],
    ['triage-bot', [21]],
  ]),
  labelsById: new Map([
    [15, 'GitHub Actions CI'],
    [16, 'github actions ci'],
    [21, 'triage-bot'],
  ]),
};

function matching(text: string, keyIndex?: KeyIndex): string[] {
  const ref = parseActorRef(text);
  return Object.entries(ALL)
    .filter(([, e]) => matchesActorRef(e, ref, keyIndex))
    .map(([name]) => name);
}

describe('matchesActorRef', () => {
  it.each<[string, KeyIndex | undefined, string[]]>([
    ['user:77', undefined, ['USER_77']],
    ['user:78', undefined, ['USER_78']],
    // A key ref finds both wire styles, and Genie entries of that key too.
    ['key:15', undefined, ['CI_NEW', 'CI_OLD']],
    ['key:21', undefined, ['GENIE_NEW', 'GENIE_OLD']],
    ['genie:21', undefined, ['GENIE_NEW', 'GENIE_OLD']],
    ['genie:15', undefined, []],
    // Labels: exact first; without key records, the old-style entry (no label) cannot be reached.
    ['key:"GitHub Actions CI"', undefined, ['CI_NEW']],
    ['key:"GitHub Actions CI"', INDEX, ['CI_NEW', 'CI_OLD']],
    // Case-insensitive only when no key carries exactly that label.
    ['key:"GITHUB ACTIONS CI"', INDEX, ['CI_NEW', 'CI_OLD', 'CI_LOWER']],
    ['key:"github actions ci"', INDEX, ['CI_LOWER']],
    ['key:"GITHUB ACTIONS CI"', undefined, []],
    ['key:triage-bot', INDEX, ['GENIE_NEW', 'GENIE_OLD']],
    ['genie:triage-bot', undefined, ['GENIE_NEW']],
    ['genie:triage-bot', INDEX, ['GENIE_NEW', 'GENIE_OLD']],
    ['genie:"GitHub Actions CI"', INDEX, []],
    ['automation:playguard', undefined, ['PLAYGUARD']],
    ['automation:STRIPE', undefined, ['STRIPE']],
    ['automation:Cron', undefined, []],
    // A raw token is resolved by the command; on its own it matches nothing.
    ['key:fibe_live_abcdef1234567890', INDEX, []],
  ])('%s (key index: %s)', (text, keyIndex, expected) => {
    expect(matching(text, keyIndex)).toEqual(expected);
  });

  it('works on an entry that has not been through withActor', () => {
    const { actor: _a, ...raw } = CI_OLD;
    expect(matchesActorRef(raw as Entry, parseActorRef('key:15'))).toBe(true);
  });
});

describe('refTextFor', () => {
  it.each([
    [USER_77, 'user:77'],
    [CI_NEW, 'key:15'],
    [GENIE_OLD, 'genie:21'],
    [PLAYGUARD, 'automation:Playguard'],
    [ROBOT, null],
  ])('#%#', (e, expected) => {
    expect(refTextFor(e.actor)).toBe(expected);
  });

  it('round-trips through parseActorRef', () => {
    for (const e of Object.values(ALL)) {
      const text = refTextFor(e.actor);
      if (text !== null) expect(matchesActorRef(e, parseActorRef(text))).toBe(true);
    }
  });
});
