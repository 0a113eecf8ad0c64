import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTerminalSafe, sanitizeLine } from '../../src/text/sanitize.js';

// Written independently of the implementation: what a terminal must never receive raw.
function isUnsafeUnit(code: number): boolean {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x61c ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** Raw unsafe characters or lone surrogates in `text`, as code units (newline allowed when asked). */
function rawUnsafe(text: string, allowNewline = false): number[] {
  const found: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (allowNewline && code === 0x0a) continue;
    if (isUnsafeUnit(code) || (ch.length === 1 && code >= 0xd800 && code <= 0xdfff)) found.push(code);
  }
  return found;
}

// Code points, raw UTF-16 code units (so lone surrogates and broken pairs happen) and known-hostile pieces.
const unit = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('\x1b[31m', '\x1b]8;;http://x\x07', '\u202e', '\u2066', '\x9b', '\ud83d', '\ude00', '😀', '\\x1b', '\r\n'),
);
const anyText = fc.string({ unit, maxLength: 40 });

describe('sanitizeLine', () => {
  it.each([
    ['plain text', 'plain text'],
    ['\x1b[31mred\x1b[0m', '\\x1b[31mred\\x1b[0m'],
    ['\x1b]8;;http://x\x07click\x1b]8;;\x07', '\\x1b]8;;http://x\\x07click\\x1b]8;;\\x07'],
    ['bell\x07', 'bell\\x07'],
    ['over\rwrite', 'over\\x0dwrite'],
    ['nul\0', 'nul\\x00'],
    ['line\nbreak', 'line\\x0abreak'],
    ['tab\there', 'tab\\x09here'],
    ['del\x7f', 'del\\x7f'],
    ['csi\x9b2J', 'csi\\x9b2J'],
    ['evil\u202etxt.exe', 'evil\\u202etxt.exe'],
    ['\u2066isolate\u2069', '\\u2066isolate\\u2069'],
    ['\u200e\u200f\u061c', '\\u200e\\u200f\\u061c'],
    ['lone \ud800 high', 'lone \\ud800 high'],
    ['lone \udfff low', 'lone \\udfff low'],
    ['reversed \ude00\ud83d pair', 'reversed \\ude00\\ud83d pair'],
    ['emoji 😀 stays', 'emoji 😀 stays'],
    ['日本語 stays', '日本語 stays'],
    ['a literal \\x1b stays', 'a literal \\x1b stays'],
  ])('%j -> %j', (input, expected) => {
    expect(sanitizeLine(input)).toBe(expected);
  });

  it('keeps newlines when asked, and still escapes CR', () => {
    expect(sanitizeLine('one\ntwo\r\n\x1b', true)).toBe('one\ntwo\\x0d\n\\x1b');
  });

  it('never lets a raw control, bidi character or lone surrogate through', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        expect(rawUnsafe(sanitizeLine(s))).toEqual([]);
        expect(rawUnsafe(sanitizeLine(s, true), true)).toEqual([]);
        expect(isTerminalSafe(sanitizeLine(s))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves safe text exactly as it is', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        fc.pre(rawUnsafe(s).length === 0);
        expect(sanitizeLine(s)).toBe(s);
        expect(isTerminalSafe(s)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('flags exactly the unsafe text as unsafe', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        expect(isTerminalSafe(s)).toBe(rawUnsafe(s).length === 0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('sanitizeRecords', () => {
  it('keeps LF and CRLF record ends, escapes every other control', async () => {
    const { sanitizeRecords } = await import('../../src/text/sanitize.js');
    expect(sanitizeRecords('a,\x1b[31mb\r\nc\rd\n\u202e\x07')).toBe('a,\\x1b[31mb\r\nc\\x0dd\n\\u202e\\x07');
  });

});

describe('sanitizeEntry', () => {
  it('escapes every string, keys included, and keeps a hostile __proto__ key as a field', async () => {
    const { sanitizeEntry } = await import('../../src/render/terminal-entry.js');
    const raw = JSON.parse('{"id":1,"action":"a\\u001b[2Jb","metadata":{"__proto__":{"x":"\\u202e"},"k\\u0007":["\\u0000"]},"actor":{"kind":"user","id":1,"label":null}}');
    const safe = sanitizeEntry(raw) as unknown as Record<string, any>;
    expect(safe.action).toBe('a\\x1b[2Jb');
    expect(Object.getPrototypeOf(safe.metadata)).toBe(Object.prototype);
    expect(Object.keys(safe.metadata)).toEqual(['__proto__', 'k\\x07']);
    expect(JSON.stringify(safe.metadata)).toBe('{"__proto__":{"x":"\\\\u202e"},"k\\\\x07":["\\\\x00"]}');
  });
});
