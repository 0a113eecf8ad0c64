// How the report carries its entries, compact but exact (100,000 entries must stay far below 20 MB):
// each record's keys come from a shared shape, repeated values (actions, actors, metadata...) from one
// value table, and times are epoch milliseconds where that round-trips. Used by the writer and the page.

/** One key order of records; `modes` has a letter per key: v = literal, d = value table index, t = time. */
export interface EncodedShape {
  keys: string[];
  modes: string;
}

export interface EncodedEntries {
  shapes: EncodedShape[];
  values: unknown[];
  /** `[shape, ...cells]` per record, in the order given. */
  rows: unknown[][];
}

type Record_ = Record<string, unknown>;

// Ids are mostly unique: a table index would cost as much as the number and add a lookup.
const LITERAL_KEYS = new Set(['id', 'resource_id', 'actor_id']);
const TIME_KEYS = new Set(['created_at']);

function modeOf(key: string): string {
  return LITERAL_KEYS.has(key) ? 'v' : TIME_KEYS.has(key) ? 't' : 'd';
}

/** Epoch ms when the text is exactly what toISOString writes for it; else the value boxed in an array. */
function encodeTime(value: unknown): unknown {
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    if (Number.isFinite(ms) && new Date(ms).toISOString() === value) return ms;
  }
  return [value];
}

function decodeTime(cell: unknown): unknown {
  return typeof cell === 'number' ? new Date(cell).toISOString() : (cell as unknown[])[0];
}

export function encodeEntries(records: readonly Record_[]): EncodedEntries {
  const shapes: EncodedShape[] = [];
  const shapeIndex = new Map<string, number>();
  const values: unknown[] = [];
  const valueIndex = new Map<string, number>();
  const intern = (value: unknown): number => {
    const text = JSON.stringify(value) ?? 'null';
    let at = valueIndex.get(text);
    if (at === undefined) {
      at = values.length;
      values.push(value === undefined ? null : value);
      valueIndex.set(text, at);
    }
    return at;
  };
  const rows = records.map((record) => {
    const keys = Object.keys(record);
    const signature = keys.join('\u0000');
    let shape = shapeIndex.get(signature);
    if (shape === undefined) {
      shape = shapes.length;
      shapes.push({ keys, modes: keys.map(modeOf).join('') });
      shapeIndex.set(signature, shape);
    }
    const row: unknown[] = [shape];
    for (const key of keys) {
      const value = record[key];
      const mode = modeOf(key);
      row.push(mode === 'v' ? value : mode === 't' ? encodeTime(value) : intern(value));
    }
    return row;
  });
  return { shapes, values, rows };
}

/** The record at `row` as it was given: same keys, same order, equal values. */
export function decodeEntry(encoded: EncodedEntries, row: readonly unknown[]): Record_ {
  const shape = encoded.shapes[row[0] as number] as EncodedShape;
  const out: Record_ = {};
  for (let i = 0; i < shape.keys.length; i++) {
    const cell = row[i + 1];
    const mode = shape.modes.charCodeAt(i);
    // 116 = 't', 100 = 'd'
    out[shape.keys[i] as string] = mode === 116 ? decodeTime(cell) : mode === 100 ? encoded.values[cell as number] : cell;
  }
  return out;
}

export function decodeEntries(encoded: EncodedEntries): Record_[] {
  return encoded.rows.map((row) => decodeEntry(encoded, row));
}
