// One JSON object for `actor -o json`, `summary -o json` and `keys -o json`: a field per line and
// list items one per line, so it reads in a terminal and diffs well; terminal-unsafe text \u-escaped.
import { stringifySafe } from './json.js';

/** `{ "a": 1, "list": [ {...}, {...} ] }` laid out over lines; `lists` names the fields spread one item a line. */
export function layoutJsonObject(fields: Array<[string, unknown]>, lists: readonly string[] = []): string {
  const lines = fields.map(([name, value], i) => {
    const comma = i < fields.length - 1 ? ',' : '';
    const head = `  ${stringifySafe(name)}: `;
    if (lists.includes(name) && Array.isArray(value) && value.length > 0) {
      const items = value.map((item, j) => `    ${stringifySafe(item)}${j < value.length - 1 ? ',' : ''}`);
      return `${head}[\n${items.join('\n')}\n  ]${comma}`;
    }
    return `${head}${stringifySafe(value)}${comma}`;
  });
  return `{\n${lines.join('\n')}\n}\n`;
}

/** A JSON array with one item a line; `[]` when empty. */
export function layoutJsonArray(items: readonly unknown[]): string {
  if (items.length === 0) return '[]\n';
  return `[\n${items.map((item) => `  ${stringifySafe(item)}`).join(',\n')}\n]\n`;
}
