// A window's end as the API's created_before. Windows hold milliseconds and each end takes in its
// whole millisecond, as the client's own filter (entries read to the millisecond) and the mirror do:
// an entry stamped 12:00:03.417240 is inside --until 12:00:03.417, and inside a copied table time.

/** `2026-12-05T00:52:03.417999Z`: the last microsecond of the end's millisecond (created_before is inclusive). */
export function windowEndParam(endMs: number): string {
  return new Date(endMs).toISOString().replace(/Z$/, '999Z');
}
