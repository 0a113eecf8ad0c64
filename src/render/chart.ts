// Unicode bars and sparklines for summary and actor activity; pure text, no colour.

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const SPARKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** `count/max` of `width` cells in full blocks plus an eighth-block remainder; any count above 0 shows at least `▏`. */
export function renderBar(count: number, max: number, width: number): string {
  if (!(count > 0) || !(max > 0) || !(width > 0)) return '';
  const eighths = Math.max(1, Math.round((Math.min(count, max) / max) * width * 8));
  return '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

/** One character per value scaled to the largest: 0 is `▁`, any activity at least `▂`, the maximum `█`. */
export function renderSparkline(values: number[]): string {
  const max = values.reduce((m, v) => (v > m ? v : m), 0);
  return values
    .map((v) => {
      if (!(v > 0) || max === 0) return SPARKS[0];
      return SPARKS[Math.max(1, Math.ceil((v / max) * 7))];
    })
    .join('');
}
