// The timeline: entries per hour or day as bars stacked by actor kind (uPlot), and a red mark on
// every bucket holding destructive or security-sensitive actions. Buckets are the CLI's (summary's).
import uPlot from 'uplot';
import type { TimelineData } from '../report-data.js';
import { el, formatCount, section } from './dom.js';

const KIND_COLORS: Record<string, string> = {
  user: '#4e79a7',
  api_key: '#f28e2b',
  genie: '#59a14f',
  automation: '#b07aa1',
  unknown: '#9c9c9c',
};
const MARK_COLOR = '#d62728';
const HEIGHT = 260;

/** Running sums per bucket: series k holds kinds 0..k stacked. */
function stack(kinds: TimelineData['kinds'], length: number): number[][] {
  const sums: number[][] = [];
  let below = new Array<number>(length).fill(0);
  for (const { counts } of kinds) {
    const level = counts.map((n, i) => n + (below[i] as number));
    sums.push(level);
    below = level;
  }
  return sums;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function shortLabel(bucket: string, unit: TimelineData['unit']): string {
  // `2026-11-25` -> `11-25`; `2026-11-25 14:00` -> `11-25 14h`
  return unit === 'day' ? bucket.slice(5) : `${bucket.slice(5, 10)} ${bucket.slice(11, 13)}h`;
}

export function renderTimeline(data: TimelineData): { element: HTMLElement; draw(): void } {
  const holder = el('div', { className: 'chart', attrs: { id: 'timeline-chart', role: 'img', 'aria-label': `Entries per ${data.unit}, stacked by actor kind` } });
  const total = data.buckets.length === 0 ? 0 : data.kinds.reduce((n, k) => n + sum(k.counts), 0);
  const note = el('p', { className: 'note' }, `Entries per ${data.unit} in the report's zone, stacked by actor kind; red marks: buckets with destructive or security-sensitive actions. The legend counts the whole window; hover a bucket for its own.`);
  const element = section('Timeline', 'timeline', holder, note);
  const draw = () => {
    if (data.buckets.length === 0 || total === 0) {
      holder.append(el('p', { className: 'note' }, 'No entries in this scope.'));
      holder.dataset.drawn = 'empty';
      return;
    }
    const n = data.buckets.length;
    const xs = data.buckets.map((_, i) => i);
    const sums = stack(data.kinds, n);
    const top = sums[sums.length - 1] as number[];
    const marks = data.calledOut.map((c, i) => (c > 0 ? (top[i] as number) : null));
    // Drawn tallest first, so each kind's bar shows below the one stacked on it.
    const order = data.kinds.map((_, k) => k).reverse();
    const bars = uPlot.paths.bars!({ size: [0.85, 48], align: 0 });
    // The live legend always has a value: the whole window's totals, or the hovered bucket's counts.
    const span = n === 1 ? (data.buckets[0] as string) : `${data.buckets[0] as string} – ${data.buckets[n - 1] as string}`;
    const series: uPlot.Series[] = [
      { label: data.unit === 'day' ? 'Day' : 'Hour', value: (_u, _v, _s, i) => (i === null ? span : (data.buckets[i] ?? span)) },
      ...order.map((k) => {
        const kind = data.kinds[k]!;
        const color = KIND_COLORS[kind.kind] ?? KIND_COLORS.unknown!;
        return {
          label: kind.kind,
          stroke: color,
          fill: color,
          width: 0,
          paths: bars,
          points: { show: false },
          value: (_u: uPlot, _v: number | null, _s: number, i: number | null) => formatCount(i === null ? sum(kind.counts) : (kind.counts[i] ?? 0)),
        };
      }),
      {
        label: 'destructive / security',
        stroke: MARK_COLOR,
        // Draws nothing (no path); colours the legend's marker as the marks are.
        fill: MARK_COLOR,
        width: 0,
        paths: () => null,
        points: { show: true, size: 9, fill: MARK_COLOR, stroke: MARK_COLOR },
        value: (_u, _v, _s, i) => formatCount(i === null ? sum(data.calledOut) : (data.calledOut[i] ?? 0)),
      },
    ];
    const plot = new uPlot(
      {
        width: Math.max(320, holder.clientWidth),
        height: HEIGHT,
        scales: { x: { time: false, range: [-0.5, n - 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.08)] } },
        axes: [
          { values: (_u, splits) => splits.map((v) => (Number.isInteger(v) && data.buckets[v] !== undefined ? shortLabel(data.buckets[v] as string, data.unit) : '')) },
          { values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? formatCount(v) : '')) },
        ],
        legend: { live: true },
        cursor: { drag: { x: false, y: false } },
        series,
      },
      [xs, ...order.map((k) => sums[k] as number[]), marks] as uPlot.AlignedData,
      holder,
    );
    holder.dataset.drawn = 'chart';
    window.addEventListener('resize', () => plot.setSize({ width: Math.max(320, holder.clientWidth), height: HEIGHT }));
  };
  return { element, draw };
}
