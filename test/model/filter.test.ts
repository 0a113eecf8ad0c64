import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { QueryParams } from '../../src/api/types.js';
import { parseActionPattern } from '../../src/model/action-pattern.js';
import { withActor } from '../../src/model/actor.js';
import { parseActorRef, type KeyIndex } from '../../src/model/actor-ref.js';
import type { ActorKind, AuditEntry, Entry } from '../../src/model/entry.js';
import { compileFilter, describeFilters, type Filters } from '../../src/model/filter.js';
import { buildServerQuery } from '../../src/api/filter-query.js';

const NOW = new Date('2026-11-26T12:00:00.000Z');
const WEEK = { start: new Date('2026-11-19T12:00:00.000Z'), end: NOW };

function filters(partial: Partial<Filters> = {}): Filters {
  return { actions: [], actors: [], actorTypes: [], window: { start: null, end: NOW }, ...partial };
}
const actions = (...texts: string[]) => texts.map(parseActionPattern);

describe('buildServerQuery', () => {
  const before = { created_before: '2026-11-26T12:00:00.000999Z' };
  it.each<[string, Partial<Filters>, QueryParams]>([
    ['nothing but the end', {}, before],
    ['the window in full UTC RFC 3339 with ms', { window: WEEK }, { created_after: '2026-11-19T12:00:00.000Z', ...before }],
    ['an exact action as its own prefix', { actions: actions('trick.destroyed') }, { action_prefix: 'trick.destroyed', ...before }],
    ['a prefix pattern', { actions: actions('playground.*') }, { action_prefix: 'playground.', ...before }],
    ['a leading-star glob as q', { actions: actions('*.destroyed') }, { q: '.destroyed', ...before }],
    ['a middle run as q', { actions: actions('*.player.*') }, { q: '.player.', ...before }],
    ['a glob with prefix and tail', { actions: actions('playground.*.deleted') }, { action_prefix: 'playground.', q: '.deleted', ...before }],
    ['a trailing-star glob', { actions: actions('play*') }, { action_prefix: 'play', ...before }],
    ['a match-all glob', { actions: actions('*') }, before],
    ['patterns sharing a prefix', { actions: actions('trick.created', 'trick.destroyed') }, { action_prefix: 'trick.', ...before }],
    ['a prefix and an exact of that family', { actions: actions('secret.*', 'secret.rotated') }, { action_prefix: 'secret.', ...before }],
    ['patterns sharing nothing', { actions: actions('trick.created', 'playground.*') }, before],
    ['a glob among several', { actions: actions('trick.*', '*.destroyed') }, before],
    ['resource type only, never the id', { resource: { type: 'Trick', id: 3312 } }, { resource_type: 'Trick', ...before }],
    ['channel', { channel: 'webhook' }, { channel: 'webhook', ...before }],
    // Older-style ApiKey/Genie entries may carry another channel, so actor types never become channel=api.
    ['actor types stay client-side', { actorTypes: ['api_key', 'genie'] }, before],
    ['actors stay client-side', { actors: [parseActorRef('key:15')] }, before],
    ['search stays client-side', { search: 'nightly' }, before],
  ])('%s', (_name, partial, expected) => {
    expect(buildServerQuery(filters(partial))).toEqual(expected);
  });
});

function entry(id: number, fields: Partial<AuditEntry>): Entry {
  return withActor({
    id,
    resource_type: 'Trick',
    resource_id: 3312,
    action: 'trick.destroyed',
    channel: 'api',
    actor_type: 'Player',
    actor_id: 77,
    metadata: {},
    created_at: '2026-11-25T14:03:11.123Z',
    ...fields,
  });
}

const ENTRIES: Entry[] = [
  entry(1, { metadata: { api_key_id: 15, api_key_label: 'GitHub Actions CI', resource_name: 'nightly-seed' } }),
  entry(2, { action: 'playground.created', resource_type: 'Playground', resource_id: 9, channel: 'ui', metadata: { resource_name: 'Demo' } }),
  entry(3, { action: 'playground.player.deleted', resource_type: 'Playground', resource_id: 9, actor_type: 'Playguard', actor_id: null, channel: 'system' }),
  entry(4, { action: 'secret.rotated', resource_type: 'Secret', resource_id: 5, actor_type: 'Genie', actor_id: 21, metadata: { changes: { value: ['x', 'NIGHTLY'] } } }),
  entry(5, { action: 'trick.destroyed', resource_id: 7, actor_type: 'ApiKey', actor_id: 15, channel: 'webhook', created_at: '2026-11-19T12:00:00.000Z' }),
  entry(6, { action: 'trick.created', created_at: '2026-11-26T12:00:00.000Z', metadata: { api_key_id: 21, agent_accessible: true } }),
  entry(7, { action: 'trick.created', created_at: '2026-11-19T11:59:59.999Z' }),
  entry(8, { action: 'trick.created', created_at: 'not a time' }),
];

describe('compileFilter', () => {
  const INDEX: KeyIndex = { idsByLabel: new Map([['GitHub Actions CI', [15]]]), labelsById: new Map([[15, 'GitHub Actions CI']]) };
  it.each<[string, Partial<Filters>, number[]]>([
    ['no filters: the whole window (an unreadable time is outside it)', {}, [1, 2, 3, 4, 5, 6, 7]],
    ['the window is inclusive at both ends', { window: WEEK }, [1, 2, 3, 4, 5, 6]],
    ['exact action', { actions: actions('trick.destroyed') }, [1, 5]],
    ['prefix', { actions: actions('playground.*') }, [2, 3]],
    ['glob', { actions: actions('*.player.*') }, [3]],
    ['repeated --action ORs', { actions: actions('secret.*', 'playground.created') }, [2, 4]],
    ['key ref over both styles', { actors: [parseActorRef('key:15')] }, [1, 5]],
    ['key label needs the index for old entries', { actors: [parseActorRef('key:"GitHub Actions CI"')] }, [1]],
    ['key label with the index', { actors: [parseActorRef('key:"GitHub Actions CI"')] }, [1, 5]],
    ['genie ref', { actors: [parseActorRef('genie:21')] }, [4, 6]],
    ['repeated --actor ORs', { actors: [parseActorRef('automation:playguard'), parseActorRef('user:77')] }, [2, 3, 7]],
    ['actor type api_key excludes genies', { actorTypes: ['api_key'] }, [1, 5]],
    ['actor types OR', { actorTypes: ['genie', 'automation'] }, [3, 4, 6]],
    ['resource type', { resource: { type: 'Playground' } }, [2, 3]],
    ['resource type and id', { resource: { type: 'Trick', id: 7 } }, [5]],
    ['channel', { channel: 'api' }, [1, 4, 6, 7]],
    ['search over the resource name, any case', { search: 'NIGHTLY-seed' }, [1]],
    ['search over metadata', { search: 'nightly' }, [1, 4]],
    ['search over the action', { search: 'PLAYER.del' }, [3]],
    ['different flags AND', { actions: actions('trick.*'), actorTypes: ['api_key'], window: WEEK }, [1, 5]],
    ['an AND with nothing left', { channel: 'ui', actorTypes: ['genie'] }, []],
  ])('%s', (name, partial, expectedIds) => {
    const keyIndex = name.includes('with the index') ? INDEX : undefined;
    const keep = compileFilter(filters(partial), keyIndex);
    expect(ENTRIES.filter(keep).map((e) => e.id)).toEqual(expectedIds);
  });

  it('never throws on odd entries', () => {
    const keep = compileFilter(filters({ search: 'x', actions: actions('*.x'), resource: { type: 'T', id: 1 }, actorTypes: ['user'] }));
    const odd = { id: 9, action: null, metadata: 'text', created_at: 5 } as unknown as Entry;
    expect(keep(odd)).toBe(false);
  });

  it('describeFilters is plain data and masks raw keys', () => {
    const f = filters({
      actions: actions('playground.*'),
      actors: [parseActorRef('key:"CI bot"'), parseActorRef('key:fibe_live_abcdefghijklmnop9876'), parseActorRef('user:77')],
      actorTypes: ['genie'],
      resource: { type: 'Trick', id: 3 },
      channel: 'api',
    });
    expect(describeFilters(f)).toEqual({
      actions: ['playground.*'],
      actors: ['key:"CI bot"', 'key:fibe_liv...9876', 'user:77'],
      actor_types: ['genie'],
      resource: 'Trick:3',
      channel: 'api',
      search: null,
    });
  });
});

/** A small stand-in for the server's filtering of GET /api/audit_logs (FIBE-API.md). */
function serverSide(entries: readonly Entry[], q: QueryParams): Entry[] {
  const after = q.created_after === undefined ? -Infinity : Date.parse(String(q.created_after));
  const before = q.created_before === undefined ? Infinity : Date.parse(String(q.created_before));
  return entries.filter((e) => {
    const t = Date.parse(e.created_at);
    return (
      (q.q === undefined || e.action.includes(String(q.q))) &&
      (q.action_prefix === undefined || e.action.startsWith(String(q.action_prefix))) &&
      (q.resource_type === undefined || e.resource_type === q.resource_type) &&
      (q.channel === undefined || e.channel === q.channel) &&
      t >= after &&
      t <= before
    );
  });
}

describe('push-down is safe: server narrowing + client filter == client filter alone', () => {
  const START = Date.parse('2026-11-10T00:00:00Z');
  const SPAN = 20 * 86_400_000;
  const instant = fc.integer({ min: START, max: START + SPAN });
  const resources = ['Trick', 'Playground', 'Secret', 'ApiKey'];
  const families = ['trick', 'playground', 'play', 'secret', 'api_key', 'tricks'];
  const verbs = ['created', 'destroyed', 'destroyed_all', 'player.deleted', 'playguard.recovered', 'expired'];

  const rawEntry = fc.record({
    id: fc.nat(),
    action: fc.tuple(fc.constantFrom(...families), fc.constantFrom(...verbs)).map(([f, v]) => `${f}.${v}`),
    channel: fc.constantFrom('api', 'ui', 'system', 'webhook', null),
    actor_type: fc.constantFrom('Player', 'User', 'ApiKey', 'api_key', 'Genie', 'Agent', 'Playguard', 'Stripe', 'Robot', null),
    actor_id: fc.option(fc.integer({ min: 1, max: 25 }), { nil: null }),
    resource_type: fc.option(fc.constantFrom(...resources), { nil: null }),
    resource_id: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
    metadata: fc.record(
      {
        api_key_id: fc.integer({ min: 14, max: 22 }),
        api_key_label: fc.constantFrom('CI', 'deploy', 'triage-bot'),
        agent_accessible: fc.boolean(),
        resource_name: fc.constantFrom('nightly-seed', 'Demo', 'prod'),
      },
      { requiredKeys: [] },
    ),
    created_at: instant.map((t) => new Date(t).toISOString()),
  });

  const pattern = fc.oneof(
    fc.tuple(fc.constantFrom(...families), fc.constantFrom(...verbs)).map(([f, v]) => `${f}.${v}`),
    fc.constantFrom(...families).map((f) => `${f}.*`),
    fc.constantFrom(...verbs).map((v) => `*.${v}`),
    fc.constantFrom('*.player.*', 'play*', 'playground.*.deleted', 'trick.destroy*', '*', '*_all', 'tri*.*ed'),
  );
  const ref = fc.constantFrom('user:7', 'key:15', 'key:CI', 'genie:21', 'genie:triage-bot', 'automation:playguard', 'key:"deploy"');
  const kind = fc.constantFrom<ActorKind>('user', 'api_key', 'genie', 'automation');
  const window = fc
    .tuple(fc.option(instant, { nil: null }), instant)
    .filter(([s, e]) => s === null || s < e)
    .map(([s, e]) => ({ start: s === null ? null : new Date(s), end: new Date(e) }));

  // Each filter is absent most of the time, so many runs still match something.
  const sometimes = <T>(arb: fc.Arbitrary<T>, none: T): fc.Arbitrary<T> =>
    fc.oneof({ arbitrary: fc.constant(none), weight: 2 }, { arbitrary: arb, weight: 1 });
  const filterArb = fc.record({
    actions: sometimes(fc.array(pattern, { minLength: 1, maxLength: 3 }), [] as string[]).map((ps) => ps.map(parseActionPattern)),
    actors: sometimes(fc.array(ref, { minLength: 1, maxLength: 2 }), [] as string[]).map((rs) => rs.map(parseActorRef)),
    actorTypes: sometimes(fc.uniqueArray(kind, { minLength: 1, maxLength: 2 }), [] as ActorKind[]),
    resource: sometimes(
      fc.record({ type: fc.constantFrom(...resources), id: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }) }).map((r) =>
        r.id === undefined ? { type: r.type } : { type: r.type, id: r.id },
      ),
      undefined as { type: string; id?: number } | undefined,
    ),
    channel: sometimes(fc.constantFrom<string | undefined>('api', 'ui', 'system', 'webhook'), undefined),
    search: sometimes(fc.constantFrom<string | undefined>('nightly', 'DEMO', 'player', '15', 'destroy'), undefined),
    window,
  });

  it('holds for random entries and filters', () => {
    let nonEmpty = 0;
    fc.assert(
      fc.property(fc.array(rawEntry, { maxLength: 80 }), filterArb, (raws, f) => {
        const entries = raws.map((r) => withActor(r as AuditEntry));
        const keep = compileFilter(f as Filters);
        const expected = entries.filter(keep);
        const viaServer = serverSide(entries, buildServerQuery(f as Filters)).filter(keep);
        expect(viaServer).toEqual(expected);
        if (expected.length > 0) nonEmpty += 1;
      }),
      { numRuns: 400 },
    );
    // Guard against a vacuous property: plenty of runs must have matched something.
    expect(nonEmpty).toBeGreaterThan(40);
  });
});
