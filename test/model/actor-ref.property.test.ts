// Property tests for actor refs: any input parses or fails as a usage error; ids and quoted labels round-trip.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseActorRef } from '../../src/model/actor-ref.js';
import { UsageError } from '../../src/errors.js';

describe('parseActorRef (properties)', () => {
  it('never throws anything but a UsageError (exit 2), whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        try {
          const ref = parseActorRef(text);
          expect(['user', 'key', 'genie', 'automation']).toContain(ref.kind);
          expect(['id', 'label', 'token']).toContain(ref.by);
          expect(ref.value.length).toBeGreaterThan(0);
        } catch (err) {
          // The message may quote the input; reportError escapes it onto one line when printing.
          expect(err).toBeInstanceOf(UsageError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('numeric ids round-trip for every kind', () => {
    fc.assert(
      fc.property(fc.constantFrom('user', 'key', 'genie'), fc.integer({ min: 1, max: 2 ** 31 }), (kind, id) => {
        expect(parseActorRef(`${kind}:${id}`)).toMatchObject({ kind, by: 'id', value: String(id) });
      }),
    );
  });

  it('a double-quoted label is read back exactly as a label', () => {
    const label = fc
      .string({ minLength: 1, maxLength: 30 })
      .filter((s) => !s.includes('"') && !s.includes('\\') && s.trim() === s && s.length > 0 && !/^fibe_(live|test)_/.test(s));
    fc.assert(
      fc.property(fc.constantFrom('key', 'genie'), label, (kind, text) => {
        expect(parseActorRef(`${kind}:"${text}"`)).toMatchObject({ kind, by: 'label', value: text });
      }),
    );
  });
});
