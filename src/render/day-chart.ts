// The per-day activity chart of `actor`: a sparkline over the window's days that fits the width,
// several days to a mark when the window is longer than the line, with the first and last day under it.
import { renderSparkline } from './chart.js';

/** Title, sparkline and axis lines (no indentation); `width` is the room for the sparkline. */
export function renderDayChart(perDay: ReadonlyArray<readonly [string, number]>, width: number): string[] {
  if (perDay.length === 0) return ['Activity per day: no days in the window'];
  const room = Math.max(1, width);
  const daysPerMark = Math.ceil(perDay.length / room);
  const marks: number[] = [];
  for (let i = 0; i < perDay.length; i += daysPerMark) {
    marks.push(perDay.slice(i, i + daysPerMark).reduce((sum, [, n]) => sum + n, 0));
  }
  let peak = perDay[0] as readonly [string, number];
  for (const day of perDay) if (day[1] > peak[1]) peak = day;
  const per = daysPerMark === 1 ? '' : `, ${daysPerMark} days a mark`;
  const days = `${perDay.length} ${perDay.length === 1 ? 'day' : 'days'}`;
  const title = `Activity per day (${days}${per}; peak ${peak[1].toLocaleString('en-US')} on ${peak[0]})`;
  const line = renderSparkline(marks);
  const first = perDay[0]?.[0] ?? '';
  const last = perDay[perDay.length - 1]?.[0] ?? '';
  const axis =
    marks.length >= first.length + last.length + 2
      ? `${first}${' '.repeat(marks.length - first.length - last.length)}${last}`
      : first === last
        ? first
        : `${first} → ${last}`;
  return [title, line, axis];
}
