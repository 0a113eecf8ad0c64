// `--search <text>`: case-insensitive substring over the action, the resource name and the metadata.
// One definition for the filter (model/filter.ts) and the report page's search box, so both agree.

/** The entry fields the search reads; an Entry, or an entry record as the report page holds it. */
export interface Searchable {
  action?: unknown;
  metadata?: unknown;
}

export function compileSearch(needle: string): (e: Searchable) => boolean {
  const n = needle.toLowerCase();
  return (e) => {
    const meta = e.metadata;
    const metaObject = meta !== null && typeof meta === 'object' ? (meta as Record<string, unknown>) : undefined;
    const name = metaObject?.resource_name;
    if (typeof e.action === 'string' && e.action.toLowerCase().includes(n)) return true;
    if (typeof name === 'string' && name.toLowerCase().includes(n)) return true;
    if (metaObject === undefined) return false;
    try {
      return JSON.stringify(metaObject).toLowerCase().includes(n);
    } catch {
      return false;
    }
  };
}
