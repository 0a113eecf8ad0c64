import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { expandOutPath, resolveFormat } from '../../src/export/path-template.js';

const NOW = new Date('2026-11-26T03:04:05.678Z');

describe('expandOutPath', () => {
  it.each([
    ['audit-{date}.csv', 'audit-2026-11-26.csv'],
    ['audit-{datetime}.ndjson', 'audit-20261126T030405Z.ndjson'],
    ['/backups/{date}/audit-{datetime}.json', '/backups/2026-11-26/audit-20261126T030405Z.json'],
    ['{date}{date}.csv', '2026-11-262026-11-26.csv'],
    ['plain.csv', 'plain.csv'],
    ['-', '-'],
    ['weird {} name.csv', 'weird {} name.csv'],
  ])('%s -> %s', (template, expected) => {
    expect(expandOutPath(template, NOW)).toBe(expected);
  });

  it('uses UTC, not the local day', () => {
    expect(expandOutPath('{date}', new Date('2026-11-26T23:30:00-05:00'))).toBe('2026-11-27');
  });

  it('refuses unknown placeholders, naming them', () => {
    expect(() => expandOutPath('audit-{time}.csv', NOW)).toThrow(UsageError);
    expect(() => expandOutPath('audit-{time}.csv', NOW)).toThrow(/unknown placeholder \{time\}/);
  });
});

describe('resolveFormat', () => {
  it.each([
    ['a.csv', 'csv'],
    ['a.CSV', 'csv'],
    ['a.json', 'json'],
    ['a.ndjson', 'ndjson'],
    ['a.jsonl', 'ndjson'],
    ['dir.v2/a.jsonl', 'ndjson'],
  ] as const)('infers %s -> %s', (path, format) => {
    expect(resolveFormat(path, undefined)).toBe(format);
  });

  it('prefers --format over the extension', () => {
    expect(resolveFormat('a.json', 'csv')).toBe('csv');
    expect(resolveFormat('-', 'ndjson')).toBe('ndjson');
  });

  it.each([['a.txt'], ['a.csv.gz'], ['archive'], ['dir.csv/archive']])('asks for --format on %s', (path) => {
    expect(() => resolveFormat(path, undefined)).toThrow(/cannot infer the format/);
    try {
      resolveFormat(path, undefined);
    } catch (err) {
      expect((err as UsageError).hint).toBe('add --format csv, json, ndjson or parquet');
      expect((err as UsageError).exitCode).toBe(2);
    }
  });

  it('asks for --format for stdout', () => {
    expect(() => resolveFormat('-', undefined)).toThrow(/--out -: cannot infer the format for stdout/);
  });
});
