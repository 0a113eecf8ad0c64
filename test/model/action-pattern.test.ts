import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { ACCEPTED_ACTION_FORMS, literalPrefixOf, literalRunsOf, parseActionPattern } from '../../src/model/action-pattern.js';

describe('parseActionPattern', () => {
  it.each([
    ['trick.destroyed', 'trick.destroyed', 'exact'],
    [' Trick.Destroyed ', 'trick.destroyed', 'exact'],
    ['playground.*', 'playground.*', 'prefix'],
    ['playground.', 'playground.*', 'prefix'],
    ['*.destroyed', '*.destroyed', 'glob'],
    ['*.player.*', '*.player.*', 'glob'],
    ['play*', 'play*', 'glob'],
    ['playground.*.deleted', 'playground.*.deleted', 'glob'],
    ['*', '*', 'glob'],
    ['two_factor.enabled', 'two_factor.enabled', 'exact'],
  ])('%j reads as %s (%s)', (text, normalised, kind) => {
    const p = parseActionPattern(text);
    expect(p.text).toBe(normalised);
    expect(p.kind).toBe(kind);
  });

  it.each([
    // [pattern, action, matches]
    ['trick.destroyed', 'trick.destroyed', true],
    ['trick.destroyed', 'TRICK.DESTROYED', true],
    ['trick.destroyed', 'trick.destroyed_all', false],
    ['trick.destroyed', 'trick.created', false],
    ['playground.*', 'playground.created', true],
    ['playground.*', 'playground.player.deleted', true],
    ['playground.*', 'playgrounds.x', false],
    ['playground.*', 'playground', false],
    ['playground.*', 'my.playground.created', false],
    ['playground.', 'playground.expired', true],
    ['*.destroyed', 'trick.destroyed', true],
    ['*.destroyed', 'webhook_endpoint.destroyed', true],
    ['*.destroyed', 'trick.destroyed.later', false],
    ['*.destroyed', 'destroyed', false],
    ['*.player.*', 'playground.player.deleted', true],
    ['*.player.*', 'playground.players.deleted', false],
    ['*.player.*', 'player.deleted', false],
    ['play*', 'playspec.created', true],
    ['playground.*.deleted', 'playground.player.deleted', true],
    ['playground.*.deleted', 'playground.a.b.deleted', true],
    ['playground.*.deleted', 'playground.deleted', false],
    ['api_key.*', 'api_key.rotated', true],
    ['api_key.*', 'apixkey.rotated', false],
    ['*', 'anything.at.all', true],
    ['trick.destroyed', '', false],
  ])('%s against %s -> %s', (pattern, action, expected) => {
    expect(parseActionPattern(pattern).test(action)).toBe(expected);
  });

  it('never throws on a non-string action', () => {
    expect(parseActionPattern('*.x').test(undefined as unknown as string)).toBe(false);
    expect(parseActionPattern('a.x').test(42 as unknown as string)).toBe(false);
  });

  it.each([[''], ['   '], ['trick destroyed'], ['.trick'], ['trick..destroyed'], ['**'], ['*.*'], ['.'], ['trick.[a]'], ['trick/destroyed'], ['trick.destroyed?']])(
    '%j is refused',
    (text) => {
      expect(() => parseActionPattern(text)).toThrow(UsageError);
      expect(() => parseActionPattern(text)).toThrow(
        text.trim() === ''
          ? `--action: empty pattern (${ACCEPTED_ACTION_FORMS})`
          : `--action: cannot read '${text}' as an action pattern (${ACCEPTED_ACTION_FORMS})`,
      );
    },
  );
});

describe('literal parts (for server push-down)', () => {
  it.each([
    ['trick.destroyed', 'trick.destroyed', ['trick.destroyed']],
    ['playground.*', 'playground.', ['playground.', '']],
    ['*.destroyed', '', ['', '.destroyed']],
    ['*.player.*', '', ['', '.player.', '']],
    ['playground.*.deleted', 'playground.', ['playground.', '.deleted']],
  ])('%s', (text, prefix, runs) => {
    const p = parseActionPattern(text);
    expect(literalPrefixOf(p)).toBe(prefix);
    expect(literalRunsOf(p)).toEqual(runs);
  });
});
