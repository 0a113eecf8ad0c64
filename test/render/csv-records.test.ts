// encodeRecords (the export's CSV cell encoder) writes byte for byte what csv-stringify writes with
// the settings csvFromRows uses: csv-stringify stays the reference for RFC 4180.
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeRecords } from '../../src/render/csv.js';

function reference(rows: string[][], width: number): string {
  return stringify(rows, {
    header: false,
    columns: Array.from({ length: width }, (_, i) => ({ key: String(i), header: `c${i}` })),
    record_delimiter: '\r\n',
    bom: false,
    quoted_empty: width === 1,
    quoted_match: /[\r\n]/,
  });
}

const cell = fc.string({
  unit: fc.oneof(
    fc.constantFrom(',', '"', '\r', '\n', '\r\n', ' ', '=', "'", '\t', '\0', 'a', 'é', '😀', '\u2028'),
    fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  ),
  maxLength: 12,
});

describe('encodeRecords', () => {
  it.each([
    [[['a', 'b,c', 'say "hi"']], 3, 'a,"b,c","say ""hi"""\r\n'],
    [[['line1\nline2', 'cr\ronly', 'crlf\r\n']], 3, '"line1\nline2","cr\ronly","crlf\r\n"\r\n'],
    [[['', 'x', '']], 3, ',x,\r\n'],
    [[[''], ['x']], 1, '""\r\nx\r\n'],
    [[], 2, ''],
  ])('%j (width %i)', (rows, width, expected) => {
    expect(encodeRecords(rows, width)).toBe(expected);
    if (rows.length > 0) expect(reference(rows, width)).toBe(expected);
  });

  it('agrees with csv-stringify on arbitrary cells (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((width) =>
          fc.tuple(fc.constant(width), fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 5 })),
        ),
        ([width, rows]) => {
          expect(encodeRecords(rows, width)).toBe(reference(rows, width));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
