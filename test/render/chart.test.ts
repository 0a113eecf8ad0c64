import { describe, expect, it } from 'vitest';
import { renderBar, renderSparkline } from '../../src/render/chart.js';

describe('renderBar', () => {
  it.each([
    [0, 100, 20, ''],
    [5, 0, 20, ''],
    [5, 10, 0, ''],
    [-1, 10, 10, ''],
    [100, 100, 20, '████████████████████'],
    [50, 100, 20, '██████████'],
    [1, 8, 1, '▏'],
    [3, 8, 1, '▍'],
    [7, 8, 1, '▉'],
    [1, 3, 10, '███▍'],
    [2, 3, 10, '██████▋'],
    [1, 1_000_000, 20, '▏'],
    [200, 100, 4, '████'],
  ])('%d of %d in %d cells -> %j', (count, max, width, expected) => {
    expect(renderBar(count, max, width)).toBe(expected);
  });

  it('never exceeds the width', () => {
    for (let count = 0; count <= 97; count++) {
      expect([...renderBar(count, 97, 13)].length).toBeLessThanOrEqual(13);
    }
  });
});

describe('renderSparkline', () => {
  it.each([
    [[], ''],
    [[0, 0, 0], '▁▁▁'],
    [[0, 1, 2, 3, 4, 5, 6, 7], '▁▂▃▄▅▆▇█'],
    [[1, 1000], '▂█'],
    [[5], '█'],
    [[0, 10, 5], '▁█▅'],
  ])('%j -> %s', (values, expected) => {
    expect(renderSparkline(values)).toBe(expected);
  });
});
