// A window's end as the API's created_before: through the end's whole millisecond, as every source
// reads a window (time/parse.ts Window).

/** `2026-12-05T00:52:03.417999Z`: the last microsecond of the end's millisecond (created_before is inclusive). */
export function windowEndParam(endMs: number): string {
  return new Date(endMs).toISOString().replace(/Z$/, '999Z');
}
