// When a listing matched nothing: a filter value that can never match gets "did you mean ...?", with
// the nearest value the window holds, the documented names, or the key labels. Costs at most one
// page of the window from the API (the first), or a bounded look at an export file.
import type { Context } from '../context.js';
import type { Filters } from '../model/filter.js';
import { sanitizeLine } from '../text/sanitize.js';
import type { EntrySource } from '../source/types.js';
import { documentedVocabulary, type Vocabulary } from '../model/vocabulary.js';
import { nearestTo } from '../text/nearest.js';

/** Entries looked at for the values a window holds: the API's first page; for a file, a bounded prefix. */
const SAMPLE_API = 100;
const SAMPLE_FILE = 20_000;

async function sampleWindow(source: EntrySource, filters: Filters, vocabulary: Vocabulary): Promise<void> {
  const limit = source.session ? SAMPLE_API : SAMPLE_FILE;
  const read = source.read({ filters: { actions: [], actors: [], actorTypes: [], window: filters.window }, order: source.session ? 'desc' : 'any', perPage: SAMPLE_API });
  let seen = 0;
  try {
    for await (const run of read.batches) {
      for (const e of run) {
        if (typeof e.action === 'string') vocabulary.actions.add(e.action);
        if (typeof e.resource_type === 'string') vocabulary.resourceTypes.add(e.resource_type);
      }
      seen += run.length;
      if (seen >= limit) break;
    }
  } finally {
    await read.batches.return(undefined);
  }
}

function actionHint(text: string, vocabulary: Vocabulary): string | null {
  if (vocabulary.actions.has(text)) return null;
  // A bare verb (`destroyed`) is every resource's action of that name: the glob says so.
  if (!text.includes('.') && [...vocabulary.actions].some((a) => a.endsWith(`.${text}`))) return `*.${text}`;
  return nearestTo(text, vocabulary.actions);
}

/** One `did you mean` line per filter value that nothing in the window or the documented names has. */
export async function noMatchHints(filters: Filters, source: EntrySource): Promise<string[]> {
  const exactActions = filters.actions.filter((p) => p.kind === 'exact');
  const labelRefs = filters.actors.filter((r) => (r.kind === 'key' || r.kind === 'genie') && r.by === 'label');
  if (exactActions.length === 0 && filters.resource === undefined && labelRefs.length === 0) return [];
  const vocabulary = documentedVocabulary();
  await sampleWindow(source, filters, vocabulary);
  const hints: string[] = [];
  for (const p of exactActions) {
    const near = actionHint(p.text, vocabulary);
    if (near) hints.push(`no action '${p.text}' is known here; did you mean --action ${near}?`);
  }
  const type = filters.resource?.type;
  if (type !== undefined && !vocabulary.resourceTypes.has(type)) {
    const near = nearestTo(type, vocabulary.resourceTypes);
    if (near) hints.push(`no resource type '${type}' is known here; did you mean --resource ${near}${filters.resource?.id !== undefined ? `:${filters.resource.id}` : ''}?`);
  }
  if (labelRefs.length > 0) {
    const index = await source.keyIndex();
    const labels = index ? [...index.idsByLabel.keys()] : [];
    for (const ref of labelRefs) {
      const near = nearestTo(ref.value, labels);
      if (near && near !== ref.value) hints.push(`no key is labelled '${ref.value}'; did you mean ${ref.kind}:"${near}"?`);
    }
  }
  return hints;
}

/** The hints on stderr, one `hint:` line each; labels and values come from the data, so sanitised. */
export function writeHints(ctx: Context, hints: readonly string[]): void {
  for (const h of hints) ctx.io.stderr.write(`${ctx.io.errColor.dim(sanitizeLine(`hint: ${h}`))}\n`);
}
