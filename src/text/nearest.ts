// "Did you mean": the candidate closest to a mistyped value, by edit distance, or none when nothing
// is close enough to be a plausible typo.

/** Optimal-string-alignment distance (insertions, deletions, substitutions, adjacent swaps). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((rows[i - 1] as number[])[j]! + 1, row[j - 1]! + 1, (rows[i - 1] as number[])[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (rows[i - 2] as number[])[j - 2]! + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/**
 * The closest candidate (case-insensitive) within a third of the value's length (at least 2 edits),
 * ties broken by the shorter, then alphabetical, candidate; null when none is that close.
 */
export function nearestTo(value: string, candidates: Iterable<string>): string | null {
  const v = value.toLowerCase();
  const limit = Math.max(2, Math.floor(v.length / 3));
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = editDistance(v, c.toLowerCase());
    const better = d < bestDistance || (d === bestDistance && best !== null && (c.length < best.length || (c.length === best.length && c < best)));
    if (d <= limit && better) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
