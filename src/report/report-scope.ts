// The report's scope block: its filters as flags, and the command line that re-creates the entries'
// NDJSON (export for the API, query for a file), so the stated SHA-256 can be checked by anyone.
import { describeFilters, type Filters } from '../model/filter.js';
import { quote } from '../completion/shell-words.js';
import type { Window } from '../time/parse.js';

const FLAGS: Array<[field: string, flag: string]> = [
  ['actions', '--action'],
  ['actors', '--actor'],
  ['actor_types', '--actor-type'],
  ['resource', '--resource'],
  ['channel', '--channel'],
  ['search', '--search'],
];

/** `[['--action', 'trick.*'], ['--actor', 'key:15']]`, in a fixed flag order; raw keys masked. */
export function filterFlags(filters: Filters): Array<[string, string]> {
  const described = describeFilters(filters);
  const out: Array<[string, string]> = [];
  for (const [field, flag] of FLAGS) {
    const value = described[field];
    const values = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
    for (const v of values) out.push([flag, String(v)]);
  }
  return out;
}

/** A POSIX shell line printing the hash of the same entries written by the same NDJSON writer. */
export function verifyCommand(flags: Array<[string, string]>, window: Window, file: string | null): string {
  const words = file === null ? ['fibe-audit', 'export'] : ['fibe-audit', 'query', '--file', quote(file)];
  if (window.start) words.push('--since', window.start.toISOString());
  words.push('--until', window.end.toISOString());
  for (const [flag, value] of flags) words.push(flag, quote(value));
  words.push(...(file === null ? ['--format', 'ndjson', '--out', '-'] : ['--order', 'asc', '--all', '-o', 'ndjson']));
  return `${words.join(' ')} | sha256sum`;
}
