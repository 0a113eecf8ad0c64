import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/time/duration.js';

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['15m', 900_000],
    ['24h', 86_400_000],
    ['7d', 604_800_000],
    ['2w', 1_209_600_000],
    ['1d12h', 129_600_000],
    ['1h30m', 5_400_000],
    ['250ms', 250],
    ['1m30s500ms', 90_500],
    [' 7D ', 604_800_000],
    ['0s', 0],
  ])('%j = %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([[''], ['7'], ['d'], ['-7d'], ['1.5h'], ['7 d'], ['7y'], ['1d 12h'], ['99999999999999w']])('%j is not a duration', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [999, '999ms'],
    [90_000, '1m 30s'],
    [129_600_000, '1d 12h'],
    [3_723_000, '1h 2m'],
  ])('%i ms = %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
